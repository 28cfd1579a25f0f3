import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stackedFeatures, staticFeatures, type TokenContext } from '../src/attribution/features.js';
import { FeatureIndex, FeatureIndexError, SECOND_PASS } from '../src/attribution/feature-index.js';
import { attributionModelPath, readAttributionModel } from '../src/attribution/model.js';
import {
  AttributionTagger,
  advanceHistory,
  bestAllowed,
  freshHistory,
  historyFeatures,
  TAG_COUNT,
  type AttributionModelFile,
} from '../src/attribution/tagger.js';
import { tokenize, type TokenTable } from '../src/attribution/tokenize.js';
import { sharedDataDir } from '../bench/data.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';
import { repoRoot } from '../bench/report.js';

/**
 * The features as training writes them (strings), looked up one by one in
 * the model's own maps: what tagging must reproduce exactly.
 */
const weightMaps = new WeakMap<Record<string, number[]>, Map<string, Float32Array>>();

function toMap(weights: Record<string, number[]>): Map<string, Float32Array> {
  let map = weightMaps.get(weights);
  if (map === undefined) {
    map = new Map(Object.entries(weights).map(([feature, w]) => [feature, Float32Array.from(w)]));
    weightMaps.set(weights, map);
  }
  return map;
}

function tagByFeatureStrings(model: AttributionModelFile, tokens: TokenTable, ctx: TokenContext): Uint8Array {
  const pass = (weights: Map<string, Float32Array>, prior: Uint8Array | null): Uint8Array => {
    const out = new Uint8Array(tokens.count);
    const h = freshHistory();
    const scores = new Float64Array(TAG_COUNT);
    const add = (features: string[]): void => {
      for (const f of features) {
        const w = weights.get(f);
        if (w !== undefined) for (let t = 0; t < TAG_COUNT; t++) scores[t]! += w[t]!;
      }
    };
    for (let i = 0; i < tokens.count; i++) {
      scores.fill(0);
      add(staticFeatures(tokens, ctx, i));
      add(historyFeatures(tokens, ctx, i, h));
      if (prior) add(stackedFeatures(tokens, prior, i));
      out[i] = bestAllowed(scores, h.prev1);
      advanceHistory(tokens, ctx, i, out[i]!, h);
    }
    return out;
  };
  const first = pass(toMap(model.weights), null);
  return model.stacked ? pass(toMap(model.stacked), first) : first;
}

const model = readAttributionModel(attributionModelPath());
const tagger = new AttributionTagger(model);

const handWritten = [
  '',
  '"We will win," she said.',
  '“It is over,” Smith told reporters on Tuesday, adding that the talks | the plan would “go on” for weeks.\n\n“A quote that runs on\n\n“and opens again,” he said.',
  'THE SENATOR SAID THAT IT WAS OVER. ' + 'The officials, according to a statement released late on Monday by the ministry, said the talks, which began in 2015 and were held in Geneva, Vienna and Brussels, had failed. '.repeat(3),
  'Mr. Jones’ aide, Dr. Ng, wrote: «Le plan est mort» — and they believed it; 42 % of voters said so, per U.S. data.',
];

function polnearTexts(limit: number): string[] {
  const dir = join(sharedDataDir(), 'polnear', 'dev', 'text');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, limit)
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** Tags `texts` both ways and returns how many tokens were tagged as part of an attribution. */
function compareTagging(texts: readonly string[]): number {
  let nonOutside = 0;
  for (const text of texts) {
    const tokens = tokenize(text);
    const ctx = tagger.context(tokens);
    const expected = tagByFeatureStrings(model, tokens, ctx);
    assert.deepEqual(tagger.tag(tokens, ctx), expected, `tags differ on: ${text.slice(0, 60)}`);
    nonOutside += expected.filter((t) => t !== 0).length;
  }
  return nonOutside;
}

test('tagging by feature ids gives the same tags as the feature strings training uses', () => {
  const capture = readFileSync(join(repoRoot(), 'examples', 'sputnik-2017-capture.txt'), 'utf8');
  const nonOutside = compareTagging([...handWritten, capture]);
  // The comparison means something only when the texts hold attributions.
  assert.ok(nonOutside > 100, `only ${nonOutside} tokens were tagged as part of an attribution`);
});

test('tagging by feature ids matches the feature strings on PolNeAR dev articles too', NEEDS_SHARED_DATA, () => {
  const nonOutside = compareTagging(polnearTexts(12));
  assert.ok(nonOutside > 100, `only ${nonOutside} tokens were tagged as part of an attribution`);
});

test('the first pass alone matches the string features too', () => {
  const firstOnly: AttributionModelFile = { ...model, stacked: undefined };
  const text = readFileSync(join(repoRoot(), 'examples', 'sputnik-2017-capture.txt'), 'utf8');
  const tokens = tokenize(text);
  const ctx = tagger.context(tokens);
  assert.deepEqual(tagger.tagFirstPass(tokens, ctx), tagByFeatureStrings(firstOnly, tokens, ctx));
  assert.deepEqual(new AttributionTagger(firstOnly).tag(tokens, ctx), tagByFeatureStrings(firstOnly, tokens, ctx));
});

test('feature index finds features with a lone "|" value and refuses features it cannot read', () => {
  const weights = { b: [1, 0, 0, 0, 0, 0, 0], 'w=|': [0, 2, 0, 0, 0, 0, 0], 'w-1w=||x': [0, 0, 3, 0, 0, 0, 0], 'ww+1=a||': [0, 0, 0, 4, 0, 0, 0] };
  const index = new FeatureIndex(TAG_COUNT, weights, null);
  const bar = index.value('|');
  assert.ok(bar >= 0);
  assert.equal(index.rows[index.find(1, bar, 0, 0, 0) + 1], 2);
  assert.equal(index.rows[index.find(9, bar, index.value('x'), 0, 0) + 2], 3);
  assert.equal(index.rows[index.find(10, index.value('a'), bar, 0, 0) + 3], 4);
  assert.equal(index.find(1, index.value('x'), 0, 0, 0), -1);
  assert.equal(index.value('never seen'), -1);
  // A feature of the second pass only: the first pass's half of its row is zeros.
  const both = new FeatureIndex(TAG_COUNT, { b: [1, 1, 1, 1, 1, 1, 1] }, { 'w=x': [5, 0, 0, 0, 0, 0, 6], b: [2, 2, 2, 2, 2, 2, 2] });
  const row = both.find(1, both.value('x'), 0, 0, 0);
  assert.deepEqual([...both.rows.subarray(row, row + TAG_COUNT)], [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...both.rows.subarray(row + SECOND_PASS, row + SECOND_PASS + TAG_COUNT)], [5, 0, 0, 0, 0, 0, 6]);
  const bias = both.find(0, 0, 0, 0, 0);
  assert.deepEqual([bias >= 0, both.rows[bias], both.rows[bias + SECOND_PASS]], [true, 1, 2]);
  assert.throws(() => new FeatureIndex(TAG_COUNT, { 'zz=1': [0, 0, 0, 0, 0, 0, 0] }, null), FeatureIndexError);
  assert.throws(() => new FeatureIndex(TAG_COUNT, { 'w-1w=a': [0, 0, 0, 0, 0, 0, 0] }, null), FeatureIndexError);
});
