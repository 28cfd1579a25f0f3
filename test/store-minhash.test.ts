import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BANDS,
  MINHASH_PERMUTATIONS,
  estimateJaccard,
  lshBands,
  minhashSignature,
  shingleWords,
  signatureFromBytes,
  signatureToBytes,
} from '../src/store/dedupe/minhash.js';

const STORY = `The city council voted on Tuesday to approve a new budget that raises spending on schools and roads
while cutting the parks department, after a debate that lasted well into the night. The mayor said the plan would
keep taxes flat for another year, but members of the opposition argued that the cuts to parks would fall hardest on
neighbourhoods that already have the fewest green spaces. A final vote on the capital plan is expected next month,
when the council will also consider a proposal to build a new library in the northern district of the city.`;

const OTHER = `Heavy rain flooded several villages in the river valley over the weekend, forcing hundreds of families to
leave their homes as emergency crews worked through the night to reinforce embankments. Forecasters warned that more
storms were on the way and urged residents to follow evacuation orders. Local schools were turned into shelters, and
volunteers handed out blankets and food while engineers inspected bridges for damage after the water receded.`;

/** Exact Jaccard similarity of two texts' 5-word shingle sets, for checking the estimate. */
function exactJaccard(a: string, b: string): number {
  const shingles = (text: string): Set<string> => {
    const words = shingleWords(text);
    const set = new Set<string>();
    for (let i = 0; i + 5 <= words.length; i++) set.add(words.slice(i, i + 5).join(' '));
    return set;
  };
  const left = shingles(a);
  const right = shingles(b);
  let shared = 0;
  for (const s of left) if (right.has(s)) shared++;
  return shared / (left.size + right.size - shared);
}

test('signatures are deterministic, case- and spacing-insensitive, and null for short texts', () => {
  const a = minhashSignature(STORY);
  assert.ok(a);
  assert.equal(a.length, MINHASH_PERMUTATIONS);
  assert.deepEqual(minhashSignature(STORY), a);
  assert.deepEqual(minhashSignature(STORY.toUpperCase().replace(/\s+/g, '  \n')), a);
  assert.equal(minhashSignature('Too short to say anything about copies.'), null);
  assert.equal(minhashSignature(''), null);
});

test('the estimate follows the exact Jaccard similarity', () => {
  const edited = STORY.replace('Tuesday', 'Wednesday').replace('next month', 'in the spring').replace('northern', 'eastern');
  const a = minhashSignature(STORY)!;
  const b = minhashSignature(edited)!;
  const c = minhashSignature(OTHER)!;
  const exact = exactJaccard(STORY, edited);
  assert.ok(Math.abs(estimateJaccard(a, b) - exact) < 0.15, `estimate ${estimateJaccard(a, b)} vs exact ${exact}`);
  assert.equal(estimateJaccard(a, a), 1);
  assert.ok(estimateJaccard(a, c) < 0.1);
});

test('LSH bands: copies share every band, near-copies some, unrelated texts none', () => {
  const a = lshBands(minhashSignature(STORY)!);
  assert.equal(a.length, BANDS);
  assert.equal(new Set(a).size, BANDS, 'keys of different bands never collide');
  for (const key of a) assert.ok(Number.isSafeInteger(key) && key >= 0);
  const lightly = lshBands(minhashSignature(STORY.replace('well into the night', 'until late'))!);
  assert.ok(lightly.some((key) => a.includes(key)));
  const other = lshBands(minhashSignature(OTHER)!);
  assert.equal(other.filter((key) => a.includes(key)).length, 0);
  assert.throws(() => lshBands(new Uint32Array(10)), /128 values/);
});

test('signatures survive a round trip through bytes', () => {
  const a = minhashSignature(STORY)!;
  assert.deepEqual(signatureFromBytes(signatureToBytes(a)), a);
  assert.equal(signatureFromBytes(new Uint8Array(7)), null);
  assert.equal(signatureFromBytes(null), null);
});
