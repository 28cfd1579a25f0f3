import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildContext, nameFeatures, padTags, posFeatures, type SentenceContext } from '../src/nlp/features.js';
import { FeatureTable, FeatureTableError } from '../src/nlp/feature-table.js';
import { loadNameTagger, loadPosTagger, splitSentences, tokenize } from '../src/nlp/index.js';
import { MODEL_FILES, readModelFile } from '../src/nlp/models.js';
import type { NameModelData } from '../src/nlp/name-tagger.js';
import { argmax, PerceptronModel } from '../src/nlp/perceptron.js';
import { lookupTagDictionary, type PosModelData } from '../src/nlp/pos-tagger.js';
import { sharedDataDir } from '../bench/data.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';
import { repoRoot } from '../bench/report.js';

/**
 * The taggers as training defines them: every feature written as a string
 * and looked up one by one. Tagging by feature ids must give the same tags.
 */
const posData = readModelFile<PosModelData>(MODEL_FILES.pos);
const posModel = new PerceptronModel(posData.perceptron);
const dictionary = new Map<string, string>(Object.entries(posData.tagDictionary));
const nameModel = new PerceptronModel(readModelFile<NameModelData>(MODEL_FILES.names).perceptron);

function posByStrings(ctx: SentenceContext): string[] {
  const tags: string[] = [];
  const scores = new Float64Array(posModel.classes.length);
  let prev = '-START-';
  let prev2 = '-START2-';
  for (let i = 0; i < ctx.length; i++) {
    const tag = lookupTagDictionary(dictionary, ctx, i) ?? posModel.classes[posModel.predict(posFeatures(ctx, i, prev, prev2, []), scores)]!;
    tags.push(tag);
    prev2 = prev;
    prev = tag;
  }
  return tags;
}

function namesByStrings(ctx: SentenceContext, posTags: readonly string[]): string[] {
  const tags = padTags(posTags);
  const classes = nameModel.classes;
  const scores = new Float64Array(classes.length);
  const labels: string[] = [];
  let prev = '-START-';
  let prev2 = '-START2-';
  for (let i = 0; i < ctx.length; i++) {
    scores.fill(0);
    nameModel.score(nameFeatures(ctx, tags, i, prev, prev2, []), scores);
    let label = classes[argmax(scores)]!;
    if (label.startsWith('I-') && prev !== 'B-' + label.slice(2) && prev !== label) label = 'B-' + label.slice(2);
    labels.push(label);
    prev2 = prev;
    prev = label;
  }
  return labels;
}

function sentenceWords(text: string): string[][] {
  const tokens = tokenize(text);
  return splitSentences(text, tokens).map((s) => tokens.filter((t) => t.start >= s.start && t.end <= s.end).map((t) => text.slice(t.start, t.end)));
}

const handWritten = [
  'THE SENATOR SAID ON TUESDAY THAT THE BILL WOULD PASS.',
  'Senate Passes Bill To Fund The Government Through March',
  'Revenue rose | fell, see https://example.com/a|b?q=1 and the ||| table; Smith | Jones said so.',
  'Mr. Peskov didn’t say — “We still don’t know,” he said… at 10:30 p.m. on Jan. 5, 2017 (U.S. time).',
  '| starts here',
  'It ends with |',
];

/** Tags `texts` both ways and counts the sentences and names compared. */
function compareTagging(texts: readonly string[]): { sentences: number; names: number } {
  const posTagger = loadPosTagger();
  const nameTagger = loadNameTagger();
  let sentences = 0;
  let names = 0;
  for (const text of texts) {
    for (const words of sentenceWords(text)) {
      if (words.length === 0) continue;
      const ctx = buildContext(words);
      const expected = posByStrings(ctx);
      const tags = posTagger.tagContext(ctx);
      assert.deepEqual(tags, expected, `tags differ in: ${words.join(' ')}`);
      const labels = namesByStrings(ctx, expected);
      assert.deepEqual(nameTagger.labels(ctx, tags), labels, `names differ in: ${words.join(' ')}`);
      sentences++;
      names += labels.filter((l) => l.startsWith('B-')).length;
    }
  }
  return { sentences, names };
}

test('tagging by feature ids gives the parts of speech and names the feature strings give', () => {
  const capture = readFileSync(join(repoRoot(), 'examples', 'sputnik-2017-capture.txt'), 'utf8');
  const { sentences, names } = compareTagging([...handWritten, capture]);
  assert.ok(sentences > 20 && names > 20, `${sentences} sentences with ${names} names compared`);
});

test('tagging by feature ids matches the feature strings on PolNeAR dev articles too', NEEDS_SHARED_DATA, () => {
  const dir = join(sharedDataDir(), 'polnear', 'dev', 'text');
  const polnear = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, 15)
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const { sentences, names } = compareTagging(polnear);
  assert.ok(sentences > 200 && names > 100, `${sentences} sentences with ${names} names compared`);
});

test('the feature table finds features by value ids, leaves out values holding "|" and refuses unknown templates', () => {
  const model = new PerceptronModel({
    classes: ['A', 'B'],
    scale: 10,
    weights: { b: [0, 5], 'w|x': [1, 20], 'w||': [0, 30], 't12|A|B': [0, -10, 1, 10] },
  });
  const table = new FeatureTable(model, [
    ['b', 0],
    ['w', 1],
    ['t12', 2],
  ]);
  const scores = new Float64Array(2);
  table.add(scores, 0, 0, 0, 0);
  table.add(scores, 1, table.value('x'), 0, 0);
  table.add(scores, 2, table.value('A'), table.value('B'), 0);
  assert.deepEqual([...scores], [0.5 - 1, 2 + 1]);
  assert.equal(table.value('|'), -1, 'a feature whose value holds "|" is not indexed');
  table.add(scores, 2, table.value('B'), table.value('A'), 0);
  table.add(scores, 1, -1, 0, 0);
  assert.deepEqual([...scores], [-0.5, 3], 'absent features add nothing');
  assert.throws(() => new FeatureTable(model, [['b', 0]]), FeatureTableError);
});
