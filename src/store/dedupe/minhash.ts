/**
 * MinHash signatures for finding near-duplicate articles (syndicated copies,
 * lightly edited reprints) without comparing every pair.
 *
 * A text becomes the set of its word 5-shingles (five consecutive words of
 * the NFKC-normalised, lower-cased text, words being runs of letters and
 * digits). The signature keeps, for each of 128 hash functions, the smallest
 * hash over the shingles; the share of positions where two signatures agree
 * estimates the Jaccard similarity of the two shingle sets (standard error
 * about sqrt(J(1-J)/128), under 0.04 near J = 0.8).
 *
 * Cost matters because this runs for every page: each word is hashed once
 * (FNV-1a over UTF-16 units), a shingle hash mixes five word hashes, and each
 * of the 128 functions is a seeded 32-bit mixer (multiply by an odd constant,
 * add, then murmur3's finaliser: a bijection on 32 bits, so each function is
 * a true permutation of the hash space) built from Math.imul, so everything
 * stays in exact 32-bit integer arithmetic.
 *
 * Texts under MIN_WORDS words give null: a handful of shingles makes the
 * estimate too noisy to group on (two short briefs sharing a stock phrase
 * would look like copies).
 */

/** Number of hash functions (signature length). */
export const MINHASH_PERMUTATIONS = 128;
/** Words per shingle. */
export const SHINGLE_WORDS = 5;
/** Texts with fewer words get no signature. */
export const MIN_WORDS = 30;
/**
 * LSH banding: the signature is cut into BANDS bands of ROWS_PER_BAND values;
 * two articles become candidates when any band is identical. The probability
 * that a pair with Jaccard s shares a band is 1 - (1 - s^4)^32: about
 * 1 - 5e-8 at s = 0.8 (a true near-copy is practically never missed), 0.87 at
 * s = 0.5 and 0.23 at s = 0.3; candidates are then verified on the full
 * signature (see DUPLICATE_THRESHOLD), so loose candidates only cost a
 * comparison of 128 numbers.
 */
export const BANDS = 32;
export const ROWS_PER_BAND = 4;
/** Estimated Jaccard similarity from which two articles count as copies of one text. */
export const DUPLICATE_THRESHOLD = 0.8;

const WORD = /[\p{L}\p{N}]+/gu;

/** Fixed seeds, so signatures are comparable across processes and versions. */
const MULTIPLIERS = new Uint32Array(MINHASH_PERMUTATIONS);
const ADDENDS = new Uint32Array(MINHASH_PERMUTATIONS);
{
  // A small deterministic generator (splitmix-like on 32 bits) fills the seeds.
  let state = 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
  for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
    MULTIPLIERS[i] = (next() | 1) >>> 0; // odd, so multiplication is a bijection mod 2^32
    ADDENDS[i] = next();
  }
}

/** murmur3's 32-bit finaliser: a bijection with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The words of a text as the signature reads them. */
export function shingleWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** The MinHash signature of a text, or null when it has fewer than MIN_WORDS words. */
export function minhashSignature(text: string): Uint32Array | null {
  const words = shingleWords(text);
  if (words.length < MIN_WORDS) return null;
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = fnv1a(words[i] as string);
  // Distinct shingle hashes: a repeated shingle cannot change a minimum.
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = 0x2545f491;
    for (let j = 0; j < SHINGLE_WORDS; j++) {
      // Order-sensitive combination: rotate, then mix in the next word.
      h = Math.imul((h << 5) | (h >>> 27), 0x9e3779b1) ^ (wordHashes[i + j] as number);
    }
    shingles.add(fmix32(h));
  }
  const signature = new Uint32Array(MINHASH_PERMUTATIONS).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
      const value = fmix32((Math.imul(shingle, MULTIPLIERS[i] as number) + (ADDENDS[i] as number)) | 0);
      if (value < (signature[i] as number)) signature[i] = value;
    }
  }
  return signature;
}

/** Share of positions where two signatures agree: an estimate of the Jaccard similarity of their texts' shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * One key per LSH band: the band's index in the high bits and a 32-bit hash of
 * its rows in the low ones, so keys of different bands never collide and every
 * key is a safe integer (below 2^37) that a database stores as an integer.
 */
export function lshBands(signature: Uint32Array): number[] {
  if (signature.length !== BANDS * ROWS_PER_BAND) {
    throw new Error(`a MinHash signature has ${BANDS * ROWS_PER_BAND} values, not ${signature.length}`);
  }
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let row = 0; row < ROWS_PER_BAND; row++) {
      h = fmix32(Math.imul(h ^ (signature[band * ROWS_PER_BAND + row] as number), 0x01000193));
    }
    keys.push(band * 0x1_0000_0000 + h);
  }
  return keys;
}

/** The signature as bytes for storage (little-endian, 4 bytes per value). */
export function signatureToBytes(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < signature.length; i++) view.setUint32(i * 4, signature[i] as number, true);
  return bytes;
}

/** Reads a signature stored by signatureToBytes; null when the bytes are not one. */
export function signatureFromBytes(bytes: Uint8Array | null): Uint32Array | null {
  if (bytes === null || bytes.length !== MINHASH_PERMUTATIONS * 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = new Uint32Array(MINHASH_PERMUTATIONS);
  for (let i = 0; i < signature.length; i++) signature[i] = view.getUint32(i * 4, true);
  return signature;
}
