import { NON_NAME_WORDS } from './lexicon.js';
import type { WhosaidDocument } from '../../model/document.js';

/**
 * A word or punctuation token as the resolver sees it. The resolver keeps its
 * own light tokenisation so it runs on any document, and borrows the part of
 * speech from the nlp `tokens` layer when that layer is present.
 */
export interface ScanToken {
  start: number;
  end: number;
  text: string;
  lower: string;
  /** First character is an upper-case letter. */
  capitalised: boolean;
  /** Letters or digits (not punctuation). */
  word: boolean;
  /** Index of the sentence the token belongs to. */
  sentence: number;
  /** Index of the paragraph (text between blank lines or line breaks). */
  paragraph: number;
  /** First token of its sentence. */
  sentenceStart: boolean;
  /** Inside a direct quotation. */
  inQuote: boolean;
  /** Penn Treebank tag from the nlp layer, when it ran. */
  pos?: string;
}

export interface Scan {
  text: string;
  tokens: ScanToken[];
  /** Lower-case forms that occur written in lower case somewhere in the text: evidence that a word is a common word. */
  lowerCaseWords: Set<string>;
  /** True when the text is (nearly) all capitals, so capitalisation says nothing about names. */
  allCaps: boolean;
}

// Abbreviations with dots ("U.S."), words with inner hyphens or apostrophes ("don't", "O'Brien") but not the
// possessive "'s", which is its own token, then any other single non-space character.
const TOKEN_PATTERN = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-][\p{L}\p{N}]+)*(?:['’](?![sS]\b)\p{L}+)?|['’][sS]\b|\S/gu;

/** Abbreviations after which a full stop does not end the sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sen', 'rep', 'gov', 'gen', 'jr', 'sr', 'vs', 'col', 'lt', 'sgt', 'rev', 'no', 'inc', 'corp', 'co']);

const OPENING_QUOTES = new Set(['“', '«', '„']);
const CLOSING_QUOTES = new Set(['”', '»']);

export function scanDocument(doc: WhosaidDocument): Scan {
  const text = doc.text;
  const tokens: ScanToken[] = [];
  const lowerCaseWords = new Set<string>();
  let sentence = 0;
  let paragraph = 0;
  let inQuote = false;
  let upperLetters = 0;
  let lowerLetters = 0;
  let previousEnd = 0;
  let endSentencePending = false;
  let nextStartsSentence = true;

  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const start = match.index;
    const value = match[0];
    const gap = text.slice(previousEnd, start);
    if (tokens.length > 0 && gap.includes('\n')) {
      // A line break ends the paragraph, the sentence and any unclosed quotation: this bounds the damage of unbalanced marks.
      paragraph++;
      sentence++;
      inQuote = false;
      nextStartsSentence = true;
      endSentencePending = false;
    } else if (endSentencePending && /^[\p{Lu}\p{N}"“‘'(\[]/u.test(value)) {
      sentence++;
      nextStartsSentence = true;
      endSentencePending = false;
    } else if (endSentencePending && !CLOSING_QUOTES.has(value) && value !== '"' && value !== ')') {
      endSentencePending = false;
    }
    const first = value.charAt(0);
    const code = first.charCodeAt(0);
    // ASCII is settled by its code; other characters by their Unicode category.
    const isWord = code < 128 ? isAsciiLetterOrDigit(code) : /[\p{L}\p{N}]/u.test(first);
    const capitalised = code < 128 ? code >= 65 && code <= 90 : /\p{Lu}/u.test(first);
    const lower = value.toLowerCase();
    if (isWord) {
      for (let k = 0; k < value.length; k++) {
        const c = value.charCodeAt(k);
        if (c < 128) {
          if (c >= 65 && c <= 90) upperLetters++;
          else if (c >= 97 && c <= 122) lowerLetters++;
          continue;
        }
        const ch = String.fromCodePoint(value.codePointAt(k)!);
        if (ch.length === 2) k++;
        if (/\p{Lu}/u.test(ch)) upperLetters++;
        else if (/\p{Ll}/u.test(ch)) lowerLetters++;
      }
      if (code < 128 ? code >= 97 && code <= 122 : /^\p{Ll}/u.test(value)) lowerCaseWords.add(lower);
    }

    let tokenInQuote = inQuote;
    if (OPENING_QUOTES.has(value)) {
      inQuote = true;
      tokenInQuote = true;
    } else if (CLOSING_QUOTES.has(value)) {
      inQuote = false;
      tokenInQuote = true;
    } else if (value === '"') {
      tokenInQuote = true;
      inQuote = !inQuote;
    }

    tokens.push({
      start,
      end: start + value.length,
      text: value,
      lower,
      capitalised,
      word: isWord,
      sentence,
      paragraph,
      sentenceStart: nextStartsSentence,
      inQuote: tokenInQuote,
    });
    nextStartsSentence = nextStartsSentence && !isWord;

    if (value === '.' || value === '!' || value === '?') {
      const previous = tokens[tokens.length - 2];
      const abbreviation =
        value === '.' && previous !== undefined && previous.end === start &&
        (ABBREVIATIONS.has(previous.lower) || /^\p{Lu}$/u.test(previous.text));
      if (!abbreviation) endSentencePending = true;
    }
    previousEnd = start + value.length;
  }

  borrowPartsOfSpeech(doc, tokens);
  const letters = upperLetters + lowerLetters;
  return { text, tokens, lowerCaseWords, allCaps: letters >= 20 && lowerLetters < letters * 0.1 };
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Copies part-of-speech tags from the nlp layer onto tokens that start at the same offset. */
function borrowPartsOfSpeech(doc: WhosaidDocument, tokens: ScanToken[]): void {
  const tagged = doc.layer('tokens');
  if (tagged.length === 0) return;
  const byStart = new Map<number, string>();
  for (const token of tagged) if (token.pos) byStart.set(token.start, token.pos);
  for (const token of tokens) {
    const pos = byStart.get(token.start);
    if (pos !== undefined) token.pos = pos;
  }
}

/** Index of the first token whose end is after `offset` (binary search). */
export function tokenIndexAt(tokens: readonly ScanToken[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tokens[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A capitalised word that can be part of a name: not a capitalised function word ("The", "He"), but "US" is. */
export function isProperWord(token: ScanToken): boolean {
  if (!token.word || !token.capitalised) return false;
  // "I'm", "He's", "It's" are function words with a clitic.
  const base = token.lower.replace(/['’]\p{L}+$/u, '');
  if (!NON_NAME_WORDS.has(base)) return true;
  return token.text.length > 1 && token.text === token.text.toUpperCase();
}
