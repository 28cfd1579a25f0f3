import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { WhosaidDocument } from '../src/model/document.js';
import { attribute, attributionKind, attributionsToJson, type AttributionJson } from '../src/attribution/index.js';
import { tokenize } from '../src/attribution/tokenize.js';

function analyse(text: string): { json: AttributionJson[]; notes: string[]; doc: WhosaidDocument } {
  const doc = new WhosaidDocument(text);
  const report = attribute(doc);
  return { json: attributionsToJson(doc, { resolveSpeakers: false }), notes: report.notes, doc };
}

function find(json: AttributionJson[], cue: RegExp): AttributionJson {
  const found = json.find((a) => cue.test(a.cue.text));
  assert.ok(found, `no attribution with a cue matching ${cue}; got ${json.map((a) => a.cue.text).join(', ')}`);
  return found;
}

test('tokenizer splits clitics and keeps offsets', () => {
  const t = tokenize('Kerry’s aide said “no.”');
  assert.deepEqual(t.words, ['Kerry', '’s', 'aide', 'said', '“', 'no', '.', '”']);
  assert.equal(t.starts[1], 5);
});

test('direct quote with a straight-quote trailing cue', () => {
  const { json } = analyse('"We will not raise taxes on working families," Senator Jane Smith said on Tuesday.');
  const a = find(json, /said/);
  assert.match(a.source?.text ?? '', /Jane Smith/);
  assert.match(a.content.text, /^"We will not raise taxes on working families,"?$/);
  assert.equal(a.kind, 'direct');
});

test('direct quote with curly marks and the cue first', () => {
  const { json } = analyse('The governor said: “The budget is balanced and the schools are funded.”');
  const a = find(json, /said/);
  assert.equal(a.source?.text, 'The governor');
  assert.match(a.content.text, /The budget is balanced/);
  assert.equal(a.kind, 'direct');
});

test('indirect speech: "said that"', () => {
  const { json } = analyse('It was a long night. The mayor said that the city would close three libraries next year.');
  const a = find(json, /said/);
  assert.equal(a.source?.text, 'The mayor');
  assert.match(a.content.text, /the city would close three libraries next year/);
  assert.equal(a.kind, 'indirect');
});

test('mixed: paraphrase with a quoted phrase', () => {
  const { json } = analyse('Republicans in the House said the bill was a “reckless giveaway” to large insurers and should be withdrawn.');
  const a = find(json, /said/);
  assert.match(a.content.text, /reckless giveaway/);
  assert.equal(a.kind, 'mixed');
});

test('"according to X"', () => {
  const { json } = analyse('The company lost two million dollars last year, according to a report by the state auditor.');
  const a = find(json, /according to/i);
  assert.match(a.source?.text ?? '', /state auditor/);
  assert.match(a.content.text, /^The company lost two million dollars last year$/);
  assert.equal(a.source?.text, "a report by the state auditor");
});

test('cue inside the content: the content comes in parts', () => {
  const { json } = analyse('“We are not going to back down,” the senator said, “and we will win this fight in the courts.”');
  const a = find(json, /said/);
  assert.ok(a.content.parts && a.content.parts.length === 2, `expected two parts, got ${JSON.stringify(a.content)}`);
  assert.equal(a.source?.text, 'the senator');
  assert.equal(a.kind, 'direct');
});

test('"he added" continues a quotation with its own attribution', () => {
  const { json } = analyse('"The accusations are unfounded," Peskov said.\n\n"We still do not know what the facts are," he added.');
  const added = find(json, /added/);
  assert.equal(added.source?.text, 'he');
  assert.match(added.content.text, /We still do not know/);
});

test('reported beliefs and intentions count as attributions', () => {
  const { json } = analyse('Many voters believe that the economy is getting worse, and the campaign plans to spend heavily on advertising in Ohio.');
  find(json, /believe/);
});

test('headline style with a colon', () => {
  const { json } = analyse('Putin: Russia will respond to any new sanctions\n\nThe Kremlin said on Monday it was studying the measures.');
  const headline = find(json, /^:$/);
  assert.equal(headline.source?.text, 'Putin');
  assert.equal(headline.content.text, 'Russia will respond to any new sanctions');
  find(json, /said/);
});

test('"\'C,\' he quoted them as saying" takes the quotation before it as content', () => {
  const { json } = analyse('The report was short.\n\n"We did not make an assessment of the impact of these activities," he quoted them as saying.');
  const inner = find(json, /as saying/);
  assert.equal(inner.source?.text, 'them');
  assert.match(inner.content.text, /^"We did not make an assessment of the impact of these activities,"$/);
});

test('headline style with a dash, and a prose sentence with dashes is not one', () => {
  const { json } = analyse('Nobody Believed in His Victory But Russia – Putin\n\nThe meeting ended late. Smith - the new head of sales - spoke first.');
  const a = find(json, /^–$/);
  assert.equal(a.source?.text, 'Putin');
  assert.equal(a.content.text, 'Nobody Believed in His Victory But Russia');
  assert.ok(!json.some((x) => x.cue.text === '-'));
});

test('"X quoted Y as saying" makes a chain: the quoted speaker’s attribution has the reporter as parent', () => {
  const { json } = analyse('He quoted the press secretary Dmitry Peskov as saying that Moscow knows nothing about the goals of the report.');
  const inner = find(json, /as saying/);
  assert.match(inner.source?.text ?? '', /Dmitry Peskov/);
  assert.match(inner.content.text, /^Moscow knows nothing/);
  assert.ok(inner.parent, 'the chain has a parent');
  const outer = json.find((a) => a.id === inner.parent);
  assert.match(outer?.cue.text ?? '', /quoted/);
});

test('speech reported inside a quotation gets the quoting attribution as parent', () => {
  const { json } = analyse('“The plan is dead. Senator Brown told us that it would fail within a year,” the minister said.');
  const outer = find(json, /^said$/);
  const inner = json.find((a) => a.parent === outer.id);
  assert.ok(inner, `expected a nested attribution inside ${outer.content.text}`);
  assert.match(inner.cue.text, /told/);
});

test('the example capture: three reports nested under the columnist', () => {
  const text = readFileSync(new URL('../../examples/sputnik-2017-capture.txt', import.meta.url), 'utf8');
  const { json } = analyse(text);
  const peskov = json.find((a) => /as\s+saying/.test(a.cue.text) && /Peskov/.test(a.source?.text ?? ''));
  assert.ok(peskov && peskov.parent, 'Peskov’s statement is reported through the columnist');
  const reporter = json.find((a) => a.id === peskov.parent);
  assert.equal(reporter?.source?.text, 'He');
  const blow = json.find((a) => /as\s+saying/.test(a.cue.text) && /Charles M\. Blow/.test(a.source?.text ?? ''));
  assert.ok(blow && blow.parent, 'Blow’s statement is reported through the columnist');
  // "Ilyashenko said, quoting … Blow as saying": the quoting is the columnist's own act, and Blow is reported through it.
  const quoting = json.find((a) => a.id === blow.parent);
  assert.match(quoting?.cue.text ?? '', /quoting/);
  assert.equal(quoting?.source?.text, 'Ilyashenko');
  // '"We did not make an assessment …," he quoted them as saying': the report's authors, through the columnist.
  const authors = json.find((a) => /as\s+saying/.test(a.cue.text) && a.source?.text === 'them');
  assert.ok(authors && authors.parent, 'the report authors’ words are reported through the columnist');
  assert.match(authors.content.text, /^"We did not make an assessment/);
  assert.equal(authors.kind, 'direct');
  assert.match(json.find((a) => a.id === authors.parent)?.cue.text ?? '', /quoted/);
  const saidPeskov = json.find((a) => a.source?.text === 'Peskov' && a.cue.text === 'said');
  assert.ok(saidPeskov && saidPeskov.kind === 'direct');
  for (const a of json) {
    assert.equal(text.slice(a.cue.start, a.cue.end), a.cue.text);
    assert.equal(text.slice(a.content.start, a.content.end), a.content.text);
  }
});

test('kinds are read from quotation marks', () => {
  const text = '"All of it." Some of "it" here. None of it.';
  assert.equal(attributionKind(text, [{ start: 0, end: 12 }]), 'direct');
  assert.equal(attributionKind(text, [{ start: 13, end: 30 }]), 'mixed');
  assert.equal(attributionKind(text, [{ start: 31, end: 43 }]), 'indirect');
});

test('offsets index the text in UTF-16 units, also after astral characters', () => {
  const { json } = analyse('😀😀 The mayor said that the city would close three libraries.');
  const a = find(json, /said/);
  assert.equal(a.cue.start, 15);
  assert.equal(a.cue.text, 'said');
});

test('"X said, quoting Y as saying …": the participle cue is X’s own act, and Y’s statement is reported through it', () => {
  const { json } = analyse(
    'Critics are raising doubts, the analyst Maria Lopez said, quoting the economist John Reed as saying that "the recovery is fragile."',
  );
  const quoting = find(json, /^quoting$/);
  assert.match(quoting.source?.text ?? '', /Maria Lopez/);
  assert.equal(quoting.parent, null, 'a second act of the same speaker is not nested in the first');
  const inner = find(json, /as saying/);
  assert.match(inner.source?.text ?? '', /John Reed/);
  assert.equal(inner.parent, quoting.id);
});
