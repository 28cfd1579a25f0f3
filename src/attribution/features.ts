import type { TokenTable } from './tokenize.js';

/**
 * Per-token context the tagger's features are built from: quote state,
 * nearby cue words, sentence position. Computed once per document, before
 * tagging, so that tagging only adds the features that depend on the tags
 * already chosen.
 */
export interface TokenContext {
  lower: string[];
  /** 0 outside double quotes, 1 inside. Reset at every paragraph, because a quote continued in the next paragraph opens again there. */
  inQuote: Uint8Array;
  /** 1 opening quote mark, 2 closing, 0 none. */
  quoteMark: Uint8Array;
  /** Whether the paragraph opens with a quote mark that is never closed in it (multi-paragraph quotes). */
  openParagraphQuote: Uint8Array;
  /** 1 when the token is a cue word of the lexicon. */
  cueWord: Uint8Array;
  /** The word's usual part of speech (Penn tag), from the model's word-class lexicon or guessed from its form. */
  pos: string[];
  /** The word's usual name class (PERSON, ORGANIZATION, … or O) from the lexicon. */
  ner: string[];
  /** Per sentence index: whether the sentence holds a cue word, and whether it opens with a quotation mark. */
  sentenceHasCue: Uint8Array;
  sentenceOpensQuote: Uint8Array;
}

/** Word → "POS NER": the usual classes of a word form, as the model stores them. */
export type WordClasses = ReadonlyMap<string, string>;

/** A part of speech for a word the lexicon does not know, guessed from its form. */
function guessPos(w: string): string {
  if (/^\p{N}/u.test(w)) return 'CD';
  if (/^\p{Lu}/u.test(w)) return 'NNP';
  if (!/\p{L}/u.test(w)) return w;
  if (w.endsWith('ly')) return 'RB';
  if (w.endsWith('ing')) return 'VBG';
  if (w.endsWith('ed')) return 'VBN';
  if (w.endsWith('s')) return 'NNS';
  return 'NN';
}

const OPEN_QUOTES = new Set(['“', '«', '„']);
const CLOSE_QUOTES = new Set(['”', '»']);

export function buildContext(tokens: TokenTable, cueLexicon: ReadonlySet<string>, classes: WordClasses): TokenContext {
  const n = tokens.count;
  const lower = tokens.words.map((w) => w.toLowerCase());
  const pos: string[] = new Array<string>(n);
  const ner: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const w = tokens.words[i] as string;
    const c = classes.get(w) ?? classes.get(lower[i] as string);
    if (c === undefined) {
      pos[i] = guessPos(w);
      ner[i] = '?';
    } else {
      const space = c.indexOf(' ');
      pos[i] = c.slice(0, space);
      ner[i] = c.slice(space + 1);
    }
  }
  const inQuote = new Uint8Array(n);
  const quoteMark = new Uint8Array(n);
  const openParagraphQuote = new Uint8Array(n);
  const cueWord = new Uint8Array(n);
  let open = false;
  let paraStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || (i > 0 && tokens.paragraph[i] !== tokens.paragraph[i - 1])) {
      // Close the paragraph: mark it when it began with a quote that stayed open.
      if (open && paraStart < n && (quoteMark[paraStart] === 1)) {
        for (let k = paraStart; k < i; k++) openParagraphQuote[k] = 1;
      }
      open = false;
      paraStart = i;
      if (i === n) break;
    }
    const w = tokens.words[i] as string;
    if (OPEN_QUOTES.has(w) || (w === '"' && !open)) {
      quoteMark[i] = 1;
      open = true;
      inQuote[i] = 1;
    } else if (CLOSE_QUOTES.has(w) || (w === '"' && open)) {
      quoteMark[i] = 2;
      inQuote[i] = open ? 1 : 0;
      open = false;
    } else {
      inQuote[i] = open ? 1 : 0;
    }
    if (cueLexicon.has(lower[i] as string)) cueWord[i] = 1;
  }
  const sentences = n > 0 ? (tokens.sentence[n - 1] as number) + 1 : 0;
  const sentenceHasCue = new Uint8Array(sentences);
  const sentenceOpensQuote = new Uint8Array(sentences);
  for (let i = 0; i < n; i++) {
    const s = tokens.sentence[i] as number;
    if (cueWord[i]) sentenceHasCue[s] = 1;
    if ((i === 0 || tokens.sentence[i - 1] !== s) && quoteMark[i] === 1) sentenceOpensQuote[s] = 1;
  }
  return { lower, inQuote, quoteMark, openParagraphQuote, cueWord, pos, ner, sentenceHasCue, sentenceOpensQuote };
}

export function shape(w: string): string {
  if (/^\p{Lu}+$/u.test(w)) return w.length > 1 ? 'XX' : 'X';
  if (/^\p{Lu}/u.test(w)) return 'Xx';
  if (/^\p{Ll}/u.test(w)) return 'x';
  if (/^\p{N}/u.test(w)) return 'd';
  return w;
}

export function bucket(d: number): string {
  if (d < 0) return 'none';
  if (d <= 3) return String(d);
  if (d <= 6) return '4-6';
  if (d <= 12) return '7-12';
  return '13+';
}

/**
 * The features of token `i` that do not depend on tags: words in a window,
 * shapes, suffixes, quote state and the distance to the nearest cue word on
 * either side within the sentence.
 */
export function staticFeatures(tokens: TokenTable, ctx: TokenContext, i: number): string[] {
  const n = tokens.count;
  const L = ctx.lower;
  const w = L[i] as string;
  const word = tokens.words[i] as string;
  const at = (k: number): string => (k >= 0 && k < n && tokens.sentence[k] === tokens.sentence[i] ? (L[k] as string) : k < 0 || k >= n ? '<edge>' : '<s>');
  const sent = tokens.sentence[i] as number;
  let left = -1;
  for (let k = i - 1, steps = 0; k >= 0 && tokens.sentence[k] === sent && steps < 40; k--, steps++) {
    if (ctx.cueWord[k]) {
      left = i - k;
      break;
    }
  }
  let right = -1;
  for (let k = i + 1, steps = 0; k < n && tokens.sentence[k] === sent && steps < 40; k++, steps++) {
    if (ctx.cueWord[k]) {
      right = k - i;
      break;
    }
  }
  let sentPos = 0;
  for (let k = i - 1; k >= 0 && tokens.sentence[k] === sent && sentPos < 4; k--) sentPos++;
  const lastInSentence = i + 1 >= n || tokens.sentence[i + 1] !== sent;
  const q = ctx.inQuote[i] as number;
  const f: string[] = [
    'b',
    `w=${w}`,
    `s=${shape(word)}`,
    `x3=${w.slice(-3)}`,
    `x2=${w.slice(-2)}`,
    `w-1=${at(i - 1)}`,
    `w+1=${at(i + 1)}`,
    `w-2=${at(i - 2)}`,
    `w+2=${at(i + 2)}`,
    `w-1w=${at(i - 1)}|${w}`,
    `ww+1=${w}|${at(i + 1)}`,
    `s-1=${i > 0 ? shape(tokens.words[i - 1] as string) : '<edge>'}`,
    `s+1=${i + 1 < n ? shape(tokens.words[i + 1] as string) : '<edge>'}`,
    `q=${q}`,
    `qm=${ctx.quoteMark[i]}`,
    `qm-1=${i > 0 ? ctx.quoteMark[i - 1] : 0}`,
    `qm+1=${i + 1 < n ? ctx.quoteMark[i + 1] : 0}`,
    `opq=${ctx.openParagraphQuote[i]}`,
    `cw=${ctx.cueWord[i]}`,
    `cl=${bucket(left)}`,
    `cr=${bucket(right)}`,
    `clr=${bucket(left)}|${bucket(right)}|${q}`,
    `sp=${sentPos}`,
    `last=${lastInSentence ? 1 : 0}`,
    `qw=${q}|${w}`,
  ];
  const P = ctx.pos;
  const pAt = (k: number): string => (k >= 0 && k < n ? (P[k] as string) : '<edge>');
  f.push(
    `p=${P[i]}`,
    `p-1=${pAt(i - 1)}`,
    `p+1=${pAt(i + 1)}`,
    `p-1p=${pAt(i - 1)}|${P[i]}`,
    `pp+1=${P[i]}|${pAt(i + 1)}`,
    `p-2p-1p=${pAt(i - 2)}|${pAt(i - 1)}|${P[i]}`,
    `pp+1p+2=${P[i]}|${pAt(i + 1)}|${pAt(i + 2)}`,
    `n=${ctx.ner[i]}`,
    `n-1n=${i > 0 ? ctx.ner[i - 1] : '<edge>'}|${ctx.ner[i]}`,
    `pq=${P[i]}|${q}|${bucket(left)}`,
  );
  f.push(`sc=${ctx.sentenceHasCue[sent]}|${ctx.sentenceOpensQuote[sent]}|${q}`, `s-1s=${i > 0 ? shape(tokens.words[i - 1] as string) : '<edge>'}|${shape(word)}`);
  if (left > 0) f.push(`lcw=${L[i - left]}`, `lcw+q=${L[i - left]}|${q}`, `lcw1=${L[i - left + 1]}|${left > 6 ? 'far' : left}`);
  if (right > 0) f.push(`rcw=${L[i + right]}`);
  return f;
}

/** Role of a tag index (0 none, 1 source, 2 cue, 3 content). */
export function roleOfTag(tag: number): number {
  return (tag + 1) >> 1;
}

/**
 * Features from a first tagging pass, for the second pass: the first pass's
 * roles around the token and, looking right, where the first pass's next
 * span and the end of the current run lie. A left-to-right tagger cannot see
 * what comes after a token; these features let the second pass see the first
 * pass's guess about it.
 */
export function stackedFeatures(tokens: TokenTable, prior: Uint8Array, i: number): string[] {
  const n = tokens.count;
  const sent = tokens.sentence[i];
  const roleAt = (k: number): number | string => (k >= 0 && k < n && tokens.sentence[k] === sent ? roleOfTag(prior[k] as number) : 'x');
  const here = roleOfTag(prior[i] as number);
  let runEnd = i;
  while (runEnd + 1 < n && runEnd - i < 60 && roleOfTag(prior[runEnd + 1] as number) === here && tokens.sentence[runEnd + 1] === sent) runEnd++;
  let nextRole = 'none';
  let nextDistance = -1;
  for (let k = i + 1; k < n && k - i <= 30 && tokens.sentence[k] === sent; k++) {
    const r = roleOfTag(prior[k] as number);
    if (r !== here && r !== 0) {
      nextRole = String(r);
      nextDistance = k - i;
      break;
    }
  }
  const toEnd = runEnd - i;
  return [
    `t=${prior[i]}`,
    `r-1r=${roleAt(i - 1)}|${here}`,
    `rr+1=${here}|${roleAt(i + 1)}`,
    `r-1rr+1=${roleAt(i - 1)}|${here}|${roleAt(i + 1)}`,
    `r+2=${roleAt(i + 2)}`,
    `r-2=${roleAt(i - 2)}`,
    `rend=${here}|${toEnd > 5 ? 'far' : toEnd}`,
    `rnext=${here}|${nextRole}|${nextDistance < 0 ? 'none' : nextDistance > 5 ? 'far' : nextDistance}`,
    `rw=${here}|${tokens.words[i]?.toLowerCase()}`,
  ];
}
