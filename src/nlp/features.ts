/**
 * Feature extraction shared by training and tagging, so the two can never
 * disagree. Per-word strings (lower case, shape, affixes) are computed once
 * per sentence; each token's features are then plain concatenations.
 */

/** Words of one sentence with their per-word feature strings precomputed. */
export interface SentenceContext {
  /** Token texts after `normalizeWord`, padded with two sentinels on each side. */
  words: string[];
  lower: string[];
  shapes: string[];
  suffix3: string[];
  /** Number of real words (the arrays are this plus four long). */
  length: number;
}

const START = ['-START2-', '-START-'];
const END = ['-END-', '-END2-'];

/** Unifies typographic variants that should share a feature: curly apostrophes inside words. */
export function normalizeWord(word: string): string {
  return word.includes('\u2019') && word.length > 1 ? word.replace(/\u2019/g, "'") : word;
}

/**
 * Word shape: upper-case letters → X, lower-case → x, digits → d, other
 * characters kept; runs longer than two are cut ("Peskov" → "Xxx",
 * "U.S." → "X.X.", "2016" → "dd").
 */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  let beforeLast = '';
  const limit = Math.min(word.length, 40);
  for (let i = 0; i < limit; i++) {
    const c = word.charCodeAt(i);
    let s: string;
    if (c >= 65 && c <= 90) s = 'X';
    else if (c >= 97 && c <= 122) s = 'x';
    else if (c >= 48 && c <= 57) s = 'd';
    else if (c < 128) s = word[i]!;
    else {
      const ch = word[i]!;
      const lower = ch.toLowerCase();
      s = ch !== lower ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    }
    if (s === last && s === beforeLast) continue;
    shape += s;
    beforeLast = last;
    last = s;
  }
  return shape;
}

export function buildContext(rawWords: readonly string[]): SentenceContext {
  const n = rawWords.length;
  const words = new Array<string>(n + 4);
  const lower = new Array<string>(n + 4);
  const shapes = new Array<string>(n + 4);
  const suffix3 = new Array<string>(n + 4);
  words[0] = lower[0] = shapes[0] = suffix3[0] = START[0]!;
  words[1] = lower[1] = shapes[1] = suffix3[1] = START[1]!;
  words[n + 2] = lower[n + 2] = shapes[n + 2] = suffix3[n + 2] = END[0]!;
  words[n + 3] = lower[n + 3] = shapes[n + 3] = suffix3[n + 3] = END[1]!;
  for (let i = 0; i < n; i++) {
    const w = normalizeWord(rawWords[i]!);
    const l = w.toLowerCase();
    words[i + 2] = w;
    lower[i + 2] = l;
    shapes[i + 2] = wordShape(w);
    suffix3[i + 2] = l.length > 3 ? l.slice(-3) : l;
  }
  return { words, lower, shapes, suffix3, length: n };
}

/**
 * Part-of-speech features of word `i` (0-based) given the two previous tags.
 * Writes into `out` (reused between calls) and returns it.
 */
export function posFeatures(ctx: SentenceContext, i: number, prev: string, prev2: string, out: string[]): string[] {
  const p = i + 2;
  const l = ctx.lower[p]!;
  const w = ctx.words[p]!;
  let k = 0;
  out[k++] = 'b';
  out[k++] = 'w|' + l;
  out[k++] = 's3|' + ctx.suffix3[p];
  out[k++] = 's2|' + (l.length > 2 ? l.slice(-2) : l);
  out[k++] = 's4|' + (l.length > 4 ? l.slice(-4) : l);
  out[k++] = 's1|' + l[l.length - 1];
  out[k++] = 'p1|' + w[0];
  out[k++] = 'p3|' + (l.length > 3 ? l.slice(0, 3) : l);
  out[k++] = 'sh|' + ctx.shapes[p];
  out[k++] = 't1|' + prev;
  out[k++] = 't2|' + prev2;
  out[k++] = 't12|' + prev + '|' + prev2;
  out[k++] = 't1w|' + prev + '|' + l;
  out[k++] = 'w-1|' + ctx.lower[p - 1];
  out[k++] = 's-1|' + ctx.suffix3[p - 1];
  out[k++] = 'w-2|' + ctx.lower[p - 2];
  out[k++] = 'w+1|' + ctx.lower[p + 1];
  out[k++] = 's+1|' + ctx.suffix3[p + 1];
  out[k++] = 'sh+1|' + ctx.shapes[p + 1];
  out[k++] = 'w+2|' + ctx.lower[p + 2];
  out[k++] = i === 0 ? 'first|' + ctx.shapes[p] : 'mid';
  out.length = k;
  return out;
}

/**
 * Name-tagger features of word `i` given its part-of-speech context (`tags`,
 * padded like the words) and the two previous labels.
 */
export function nameFeatures(
  ctx: SentenceContext,
  tags: readonly string[],
  i: number,
  prev: string,
  prev2: string,
  out: string[],
): string[] {
  const p = i + 2;
  const l = ctx.lower[p]!;
  const w = ctx.words[p]!;
  const shape = ctx.shapes[p]!;
  let k = 0;
  out[k++] = 'b';
  out[k++] = 'w|' + l;
  out[k++] = 'W|' + w;
  out[k++] = 'sh|' + shape;
  out[k++] = 's3|' + ctx.suffix3[p];
  out[k++] = 'p3|' + (l.length > 3 ? l.slice(0, 3) : l);
  out[k++] = 't|' + tags[p];
  out[k++] = 't-1|' + tags[p - 1];
  out[k++] = 't+1|' + tags[p + 1];
  out[k++] = 'tt|' + tags[p - 1] + '|' + tags[p] + '|' + tags[p + 1];
  out[k++] = 'w-1|' + ctx.lower[p - 1];
  out[k++] = 'w+1|' + ctx.lower[p + 1];
  out[k++] = 'w-2|' + ctx.lower[p - 2];
  out[k++] = 'w+2|' + ctx.lower[p + 2];
  out[k++] = 'sh-1|' + ctx.shapes[p - 1];
  out[k++] = 'sh+1|' + ctx.shapes[p + 1];
  out[k++] = 'bg-|' + ctx.lower[p - 1] + '|' + l;
  out[k++] = 'bg+|' + l + '|' + ctx.lower[p + 1];
  out[k++] = 'l1|' + prev;
  out[k++] = 'l12|' + prev + '|' + prev2;
  out[k++] = 'l1sh|' + prev + '|' + shape;
  out[k++] = 'l1w|' + prev + '|' + l;
  out[k++] = 'l1t|' + prev + '|' + tags[p];
  out[k++] = i === 0 ? 'first|' + shape : 'mid';
  out.length = k;
  return out;
}

/** Pads a tag sequence with the same sentinels as the words, for `nameFeatures`. */
export function padTags(tags: readonly string[]): string[] {
  return [START[0]!, START[1]!, ...tags, END[0]!, END[1]!];
}
