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
  /**
   * How the sentence is cased: 'title' (headline style, most words
   * capitalised), 'upper' (all capitals) or 'normal'. Capitals mean little in
   * the first two, so the taggers see the mode beside the word shape.
   */
  caseMode: 'normal' | 'title' | 'upper';
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
  return { words, lower, shapes, suffix3, length: n, caseMode: caseMode(words, lower, n) };
}

function caseMode(words: readonly string[], lower: readonly string[], n: number): SentenceContext['caseMode'] {
  let letterWords = 0;
  let capitalised = 0;
  let allCaps = 0;
  for (let i = 2; i < n + 2; i++) {
    const w = words[i]!;
    const first = w[0]!;
    const firstLower = lower[i]![0]!;
    if (first === firstLower && first === first.toUpperCase()) continue; // not a letter
    letterWords++;
    if (first !== firstLower) {
      capitalised++;
      if (w.length > 1 && w === w.toUpperCase()) allCaps++;
    }
  }
  if (letterWords < 4) return 'normal';
  if (allCaps >= 0.8 * letterWords) return 'upper';
  if (capitalised >= 0.75 * letterWords) return 'title';
  return 'normal';
}

/**
 * Features are built in groups: most depend on one word only (the word
 * itself, or a neighbour seen from a fixed offset), the rest on earlier
 * decisions or the position. These strings define the features; the taggers
 * compute the same ones from value ids (see feature-table.ts), and tests
 * check that the two agree.
 */

/** POS features of the word at padded position p itself. Depend only on `words[p]`. */
export function posOwnFeatures(ctx: SentenceContext, p: number, out: string[]): void {
  const l = ctx.lower[p]!;
  const w = ctx.words[p]!;
  out.push(
    'b',
    'w|' + l,
    's3|' + ctx.suffix3[p],
    's2|' + (l.length > 2 ? l.slice(-2) : l),
    's4|' + (l.length > 4 ? l.slice(-4) : l),
    's1|' + l[l.length - 1],
    'p1|' + w[0],
    'p3|' + (l.length > 3 ? l.slice(0, 3) : l),
    'sh|' + ctx.shapes[p],
  );
}

/** POS features a word contributes as the previous word. Depend only on `lower[q]`. */
export function posLeft1Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w-1|' + ctx.lower[q], 's-1|' + ctx.suffix3[q]);
}

/** As the word two before. Depend only on `lower[q]`. */
export function posLeft2Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w-2|' + ctx.lower[q]);
}

/** As the next word. Depend only on `words[q]` (the shape needs the case). */
export function posRight1Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w+1|' + ctx.lower[q], 's+1|' + ctx.suffix3[q], 'sh+1|' + ctx.shapes[q]);
}

/** As the word two after. Depend only on `lower[q]`. */
export function posRight2Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w+2|' + ctx.lower[q]);
}

/** POS features that depend on the previous decisions or the position. */
export function posHistoryFeatures(ctx: SentenceContext, i: number, prev: string, prev2: string, out: string[]): void {
  const p = i + 2;
  out.push(
    't1|' + prev,
    't2|' + prev2,
    't12|' + prev + '|' + prev2,
    't1w|' + prev + '|' + ctx.lower[p],
    i === 0 ? 'first|' + ctx.shapes[p] : 'mid',
  );
  if (ctx.caseMode !== 'normal') out.push('cm|' + ctx.caseMode + '|' + ctx.shapes[p], 'cmw|' + ctx.caseMode + '|' + ctx.lower[p]);
}

/** All part-of-speech features of word `i` (0-based) given the two previous tags, written into `out`. */
export function posFeatures(ctx: SentenceContext, i: number, prev: string, prev2: string, out: string[]): string[] {
  const p = i + 2;
  out.length = 0;
  posOwnFeatures(ctx, p, out);
  posLeft1Features(ctx, p - 1, out);
  posLeft2Features(ctx, p - 2, out);
  posRight1Features(ctx, p + 1, out);
  posRight2Features(ctx, p + 2, out);
  posHistoryFeatures(ctx, i, prev, prev2, out);
  return out;
}

/** Name features of the word itself. Depend only on `words[p]`. */
export function nameOwnFeatures(ctx: SentenceContext, p: number, out: string[]): void {
  const l = ctx.lower[p]!;
  out.push(
    'b',
    'w|' + l,
    'W|' + ctx.words[p],
    'sh|' + ctx.shapes[p],
    's3|' + ctx.suffix3[p],
    'p3|' + (l.length > 3 ? l.slice(0, 3) : l),
  );
}

/** As the previous word. Depend only on `words[q]`. */
export function nameLeft1Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w-1|' + ctx.lower[q], 'sh-1|' + ctx.shapes[q]);
}

/** As the next word. Depend only on `words[q]`. */
export function nameRight1Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w+1|' + ctx.lower[q], 'sh+1|' + ctx.shapes[q]);
}

/** As the word two before. Depend only on `lower[q]`. */
export function nameLeft2Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w-2|' + ctx.lower[q]);
}

/** As the word two after. Depend only on `lower[q]`. */
export function nameRight2Features(ctx: SentenceContext, q: number, out: string[]): void {
  out.push('w+2|' + ctx.lower[q]);
}

/** Part-of-speech features of the word and its neighbours, one tag at a time. */
export function nameTagFeatures(tag: string, offset: -1 | 0 | 1, out: string[]): void {
  out.push((offset === 0 ? 't|' : offset < 0 ? 't-1|' : 't+1|') + tag);
}

/** Name features over pairs of words, tag triples, earlier labels and the position. */
export function nameHistoryFeatures(
  ctx: SentenceContext,
  tags: readonly string[],
  i: number,
  prev: string,
  prev2: string,
  out: string[],
): void {
  const p = i + 2;
  const l = ctx.lower[p]!;
  const shape = ctx.shapes[p]!;
  out.push(
    'tt|' + tags[p - 1] + '|' + tags[p] + '|' + tags[p + 1],
    'bg-|' + ctx.lower[p - 1] + '|' + l,
    'bg+|' + l + '|' + ctx.lower[p + 1],
    'l1|' + prev,
    'l12|' + prev + '|' + prev2,
    'l1sh|' + prev + '|' + shape,
    'l1w|' + prev + '|' + l,
    'l1t|' + prev + '|' + tags[p],
    i === 0 ? 'first|' + shape : 'mid',
  );
  if (ctx.caseMode !== 'normal') out.push('cm|' + ctx.caseMode + '|' + shape, 'cmw|' + ctx.caseMode + '|' + l);
}

/**
 * All name-tagger features of word `i` given its part-of-speech context
 * (`tags`, padded like the words) and the two previous labels.
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
  out.length = 0;
  nameOwnFeatures(ctx, p, out);
  nameLeft1Features(ctx, p - 1, out);
  nameRight1Features(ctx, p + 1, out);
  nameLeft2Features(ctx, p - 2, out);
  nameRight2Features(ctx, p + 2, out);
  nameTagFeatures(tags[p]!, 0, out);
  nameTagFeatures(tags[p - 1]!, -1, out);
  nameTagFeatures(tags[p + 1]!, 1, out);
  nameHistoryFeatures(ctx, tags, i, prev, prev2, out);
  return out;
}

/** Pads a tag sequence with the same sentinels as the words, for `nameFeatures`. */
export function padTags(tags: readonly string[]): string[] {
  return [START[0]!, START[1]!, ...tags, END[0]!, END[1]!];
}
