import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpanIndex } from '../src/attribution/span-index.js';
import { linkSegments, segmentsFromTags } from '../src/attribution/link.js';
import { tokenize } from '../src/attribution/tokenize.js';
import { judgeEnglish } from '../src/attribution/language.js';

test('span index answers overlap and containment like a full scan', () => {
  const spans = [
    { start: 0, end: 100 },
    { start: 10, end: 20 },
    { start: 15, end: 30 },
    { start: 40, end: 41 },
    { start: 200, end: 300 },
  ];
  const index = new SpanIndex(spans.map((span, i) => ({ span, value: i })));
  const queries = [
    { start: 12, end: 16 },
    { start: 35, end: 45 },
    { start: 100, end: 200 },
    { start: 250, end: 251 },
    { start: 0, end: 1 },
  ];
  for (const q of queries) {
    const overlap = spans.flatMap((s, i) => (s.start < q.end && q.start < s.end ? [i] : []));
    const contain = spans.flatMap((s, i) => (s.start <= q.start && q.end <= s.end ? [i] : []));
    assert.deepEqual(index.overlapping(q).sort(), overlap, `overlap ${q.start}-${q.end}`);
    assert.deepEqual(index.containing(q).sort(), contain, `contain ${q.start}-${q.end}`);
  }
});

test('tags become segments; an inside tag after another role starts a new segment', () => {
  const tokens = tokenize('Smith said the plan works');
  // Smith=B-SRC said=B-CUE the=I-CON (no B) plan=I-CON works=I-CON
  const segments = segmentsFromTags(tokens, Uint8Array.from([1, 3, 6, 6, 6]));
  assert.deepEqual(
    segments.map((s) => [s.role, s.first, s.end]),
    [
      ['source', 0, 1],
      ['cue', 1, 2],
      ['content', 2, 5],
    ],
  );
});

test('linking ties the nearest source and content to each cue and joins content around the cue', () => {
  const text = '“We will fight,” she said, “and we will win.” Later, Jones said that it was over.';
  const tokens = tokenize(text);
  const tags = new Uint8Array(tokens.count);
  const mark = (from: string, to: string, begin: number): void => {
    const first = tokens.words.indexOf(from);
    const last = tokens.words.indexOf(to, first);
    for (let i = first; i <= last; i++) tags[i] = i === first ? begin : begin + 1;
  };
  const firstQuoteEnd = tokens.words.indexOf('”');
  for (let i = 0; i <= firstQuoteEnd; i++) tags[i] = i === 0 ? 5 : 6;
  mark('she', 'she', 1);
  mark('said', 'said', 3);
  const secondOpen = tokens.words.indexOf('“', 1);
  const secondClose = tokens.words.indexOf('”', secondOpen);
  for (let i = secondOpen; i <= secondClose; i++) tags[i] = i === secondOpen ? 5 : 6;
  mark('Jones', 'Jones', 1);
  const secondSaid = tokens.words.indexOf('said', tokens.words.indexOf('Jones'));
  tags[secondSaid] = 3;
  for (let i = secondSaid + 1; i < tokens.count - 1; i++) tags[i] = i === secondSaid + 1 ? 5 : 6;
  const relations = linkSegments(tokens, segmentsFromTags(tokens, tags), tags);
  assert.equal(relations.length, 2);
  const [first, second] = relations;
  assert.equal(first?.content.length, 2, 'the quotation around "she said" is one content in two parts');
  assert.equal(tokens.words[first?.source?.first ?? -1], 'she');
  assert.equal(second?.content.length, 1);
  assert.equal(tokens.words[second?.source?.first ?? -1], 'Jones');
});

test('the language check accepts English news and rejects other languages', () => {
  assert.equal(judgeEnglish('The minister said on Monday that the talks would go on, and he added that he was hopeful.').english, true);
  assert.equal(judgeEnglish('El ministro dijo el lunes que las conversaciones continuarían y añadió que tenía esperanza.').english, false);
  assert.equal(judgeEnglish('').english, true);
});

/** Tags one text from a list of [word index, tag] pairs; every other token is O. */
function tagsFor(count: number, tagged: Array<[number, number]>): Uint8Array {
  const tags = new Uint8Array(count);
  for (const [i, tag] of tagged) tags[i] = tag;
  return tags;
}

function contentWords(text: string, tagged: Array<[number, number]>): string[] {
  const tokens = tokenize(text);
  const tags = tagsFor(tokens.count, tagged);
  const [relation] = linkSegments(tokens, segmentsFromTags(tokens, tags), tags);
  assert.ok(relation, 'one relation');
  return relation.content.map((part) => tokens.words.slice(part.first, part.end).join(' '));
}

test('a content extended to its sentence end stops at a semicolon that closes the clause', () => {
  // Smith=B-SRC said=B-CUE the=B-CON plan=I-CON, the rest untagged.
  const words = contentWords('Smith said the plan was dead; the party moved on.', [[0, 1], [1, 3], [2, 5], [3, 6]]);
  assert.deepEqual(words, ['the plan was dead']);
});

test('a content does not end on a comma', () => {
  // Smith=B-SRC said=B-CUE the plan works ,=CON, then "and" starts another clause (tagged as a second cue's source).
  const words = contentWords('Smith said the plan works, and Jones agreed.', [[0, 1], [1, 3], [2, 5], [3, 6], [4, 6], [5, 6], [7, 1]]);
  assert.deepEqual(words, ['the plan works']);
});

test('a content that opens a quotation runs on to its closing mark', () => {
  const text = 'She said: “The rule is old. It has to go.” Then she left.';
  // She=B-SRC said=B-CUE “ The rule is old .=CON; the second sentence of the quotation untagged.
  const tokens = tokenize(text);
  const open = tokens.words.indexOf('“');
  const stop = tokens.words.indexOf('.');
  const tagged: Array<[number, number]> = [[0, 1], [1, 3], [open, 5]];
  for (let i = open + 1; i <= stop; i++) tagged.push([i, 6]);
  const words = contentWords(text, tagged);
  assert.deepEqual(words, ['“ The rule is old . It has to go . ”']);
});
