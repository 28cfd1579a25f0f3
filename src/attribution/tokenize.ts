/**
 * The attribution stage's own tokenization: words (letters and digits joined
 * by inner hyphens, apostrophes, periods or ampersands) and single
 * punctuation marks. The learned model's features are defined over exactly
 * these tokens, so the stage tokenizes itself rather than depending on a
 * tokenizer whose rules may change after the model was trained.
 */
export interface TokenTable {
  /** Start offsets (UTF-16) of each token. */
  starts: Int32Array;
  /** End offsets (exclusive) of each token. */
  ends: Int32Array;
  /** The token strings. */
  words: string[];
  /** Index of the paragraph (text between blank-line or line breaks) each token lies in. */
  paragraph: Int32Array;
  /** Index of the sentence each token lies in. */
  sentence: Int32Array;
  count: number;
}

// Clitics ('s, 'll, 're, 've, 'd, 'm) are tokens of their own so that "Kerry's" yields the name "Kerry".
const TOKEN = /[\p{L}\p{N}]+(?:(?:[-.&]|['’](?!(?:s|ll|re|ve|d|m)(?![\p{L}\p{N}])))[\p{L}\p{N}]+)*|['’](?:s|ll|re|ve|d|m)(?![\p{L}\p{N}])|\S/giu;
const SENTENCE_END = new Set(['.', '!', '?']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']']);
const ABBREVIATION = /^(?:mr|mrs|ms|dr|sen|rep|gov|gen|lt|col|sgt|st|jr|sr|prof|rev|no|vs|inc|co|corp|ltd|jan|feb|mar|apr|aug|sept|sep|oct|nov|dec|u\.s|[a-z])$/i;

/** Tokenizes `text`, bounded by `maxTokens` so a huge input cannot exhaust memory. */
export function tokenize(text: string, maxTokens = 2_000_000): TokenTable {
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null && words.length < maxTokens) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    words.push(m[0]);
  }
  const count = words.length;
  const paragraph = new Int32Array(count);
  const sentence = new Int32Array(count);
  let para = 0;
  let sent = 0;
  let pendingBreak = false;
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      const gap = text.slice(ends[i - 1], starts[i]);
      if (gap.includes('\n')) {
        para++;
        sent++;
        pendingBreak = false;
      } else if (pendingBreak && !CLOSERS.has(words[i] as string)) {
        sent++;
        pendingBreak = false;
      }
    }
    paragraph[i] = para;
    sentence[i] = sent;
    const w = words[i] as string;
    if (SENTENCE_END.has(w)) {
      const prev = i > 0 ? (words[i - 1] as string) : '';
      if (!(w === '.' && ABBREVIATION.test(prev) && ends[i - 1] === starts[i])) pendingBreak = true;
    } else if (pendingBreak && !CLOSERS.has(w)) {
      pendingBreak = false;
    }
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends), words, paragraph, sentence, count };
}
