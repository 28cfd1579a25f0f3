import { isKnownAbbreviation } from './abbreviations.js';
import type { Token } from './layers.js';

/**
 * Rule-based tokenizer in the Penn Treebank style, over the original text
 * (UTF-16 offsets; `text.slice(token.start, token.end)` is always the token).
 *
 * - words and numbers keep inner hyphens, dots, apostrophes ("O'Neill"),
 *   digit groups ("1,000.50", "10:30") and slashes ("and/or");
 * - contractions split as in the Treebank: "didn't" → "did" "n't",
 *   "Clinton's" → "Clinton" "'s", "cannot" → "can" "not";
 * - every quotation mark (straight or curly) is its own token; "``" and "''"
 *   stay one token each;
 * - URLs, e-mail addresses and @handles stay whole;
 * - a final period stays on known abbreviations ("Mr.", "Sept.", "Calif."),
 *   dotted initialisms ("U.S.", "p.m.") and single-letter initials ("M.");
 * - runs of dots, dashes or ?/! are one token.
 *
 * One left-to-right pass over char codes; no backtracking beyond a few
 * characters, so time is linear in the text length.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = Math.max(0, from);
  const end = Math.min(text.length, to);
  let nextAt = -2; // cached position of the next '@' at or after i (-1: none)

  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }

    // URLs start with a scheme or "www."; checked only where such a start is possible.
    if (c === 104 || c === 72 || c === 119 || c === 87) {
      const urlEnd = matchUrl(text, i, end);
      if (urlEnd > i) {
        tokens.push({ start: i, end: urlEnd });
        i = urlEnd;
        continue;
      }
    }

    if (wordCharLength(text, i, end) > 0) {
      if (nextAt !== -1 && nextAt < i) nextAt = text.indexOf('@', i);
      if (nextAt !== -1 && nextAt < end && nextAt - i < 80) {
        const emailEnd = matchEmail(text, i, end);
        if (emailEnd > i) {
          tokens.push({ start: i, end: emailEnd });
          i = emailEnd;
          continue;
        }
      }
      i = scanWord(text, i, end, tokens);
      continue;
    }

    i = scanSymbol(text, i, end, tokens);
  }
  return tokens;
}

/** The text of each token, for callers that want strings. */
export function tokenTexts(text: string, tokens: readonly Token[]): string[] {
  return tokens.map((t) => text.slice(t.start, t.end));
}

// ---------------------------------------------------------------------------
// Character classes

/** Whitespace including no-break, zero-width and typographic spaces. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Memo for BMP characters beyond ASCII: 0 unknown, 1 word, 2 not a word character. */
const bmpWordClass = new Uint8Array(65536);

/** Length in code units (0, 1 or 2) of the letter, digit or mark at `i`. */
function wordCharLength(text: string, i: number, end: number): number {
  if (i < 0 || i >= end) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  }
  if (c >= 0xd800 && c <= 0xdbff) {
    if (i + 1 >= end) return 0;
    const low = text.charCodeAt(i + 1);
    if (low < 0xdc00 || low > 0xdfff) return 0; // a lone surrogate is not a letter
    const cp = text.codePointAt(i) ?? 0;
    return WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  let cls = bmpWordClass[c];
  if (cls === 0) {
    cls = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    bmpWordClass[c] = cls;
  }
  return cls === 1 ? 1 : 0;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Hyphen-like characters that join word parts: ASCII hyphen, soft hyphen, Unicode hyphens. */
function isJoiningHyphen(c: number): boolean {
  return c === 45 || c === 0xad || c === 0x2010 || c === 0x2011;
}

// ---------------------------------------------------------------------------
// Words

/** Contraction suffixes split off after an apostrophe ("'s", "'re", ...), lower-cased. */
const APOSTROPHE_SUFFIXES: ReadonlySet<string> = new Set(['s', 're', 've', 'll', 'd', 'm']);

/** Words the Treebank writes as two tokens, with the length of the first. */
const SPLIT_WORDS: ReadonlyMap<string, number> = new Map([
  ['cannot', 3],
  ['gonna', 3],
  ['gotta', 3],
  ['wanna', 3],
]);

/**
 * Scans a word starting at `start`, pushes it (and a split-off contraction
 * suffix) and returns the position after it.
 */
function scanWord(text: string, start: number, end: number, tokens: Token[]): number {
  let j = start;
  let innerDot = false;
  let contraction: Token | null = null;
  let wordEnd = -1;

  for (;;) {
    let len = wordCharLength(text, j, end);
    while (len > 0) {
      j += len;
      len = wordCharLength(text, j, end);
    }
    if (j >= end) break;
    const c = text.charCodeAt(j);
    const prev = text.charCodeAt(j - 1);
    if (isJoiningHyphen(c) || c === 47 /* / */) {
      if (wordCharLength(text, j + 1, end) > 0) {
        j++;
        continue;
      }
      break;
    }
    if (c === 46 /* . */) {
      if (wordCharLength(text, j + 1, end) > 0) {
        innerDot = true;
        j++;
        continue;
      }
      // "U.S.-led": an initialism's period followed by a hyphenated word.
      if (innerDot && j + 1 < end && isJoiningHyphen(text.charCodeAt(j + 1)) && wordCharLength(text, j + 2, end) > 0) {
        j += 2;
        continue;
      }
      break;
    }
    if (c === 44 /* , */) {
      // Digit groups: "1,000" but not "1,2" lists or "2016,and".
      if (
        isDigitCode(prev) &&
        j + 3 < end &&
        isDigitCode(text.charCodeAt(j + 1)) &&
        isDigitCode(text.charCodeAt(j + 2)) &&
        isDigitCode(text.charCodeAt(j + 3)) &&
        wordCharLength(text, j + 4, end) === 0
      ) {
        j += 4;
        continue;
      }
      break;
    }
    if (c === 58 /* : */) {
      if (isDigitCode(prev) && j + 1 < end && isDigitCode(text.charCodeAt(j + 1))) {
        j++;
        continue;
      }
      break;
    }
    if (c === 38 /* & */) {
      // "AT&T", "S&P", "R&D": short upper-case parts on both sides.
      if (j - start <= 3 && isUpperAscii(prev) && j + 1 < end && isUpperAscii(text.charCodeAt(j + 1))) {
        j++;
        continue;
      }
      break;
    }
    if (isApostrophe(c)) {
      let k = j + 1;
      while (k < end && isAsciiLetter(text.charCodeAt(k))) k++;
      const letters = k - (j + 1);
      if (letters === 0) break; // trailing apostrophe: "parents'"
      const followedByWord = wordCharLength(text, k, end) > 0;
      if (!followedByWord) {
        const suffix = text.slice(j + 1, k).toLowerCase();
        if (APOSTROPHE_SUFFIXES.has(suffix)) {
          wordEnd = j;
          contraction = { start: j, end: k };
          j = k;
          break;
        }
        if (suffix === 't' && j - start >= 2 && (prev === 110 || prev === 78) /* n N */) {
          wordEnd = j - 1;
          contraction = { start: j - 1, end: k };
          j = k;
          break;
        }
      }
      j = k; // inner apostrophe: "O'Neill", "o'clock", "rock'n'roll"
      continue;
    }
    break;
  }

  if (wordEnd === -1) wordEnd = j;

  // "cannot" → "can" "not", "gonna" → "gon" "na", as in the Treebank.
  if (contraction === null && (wordEnd - start === 6 || wordEnd - start === 5)) {
    const split = SPLIT_WORDS.get(text.slice(start, wordEnd).toLowerCase());
    if (split !== undefined) {
      tokens.push({ start, end: start + split }, { start: start + split, end: wordEnd });
      return wordEnd;
    }
  }

  // A following period stays on abbreviations and initials.
  if (contraction === null && j < end && text.charCodeAt(j) === 46 && !(j + 1 < end && text.charCodeAt(j + 1) === 46)) {
    if (keepsPeriod(text, start, j, innerDot, end)) {
      j++;
      wordEnd = j;
    }
  }

  tokens.push({ start, end: wordEnd });
  if (contraction !== null) tokens.push(contraction);
  return j;
}

/** Whether the word text[start, end) keeps a directly following period. */
function keepsPeriod(text: string, start: number, end: number, innerDot: boolean, textEnd: number): boolean {
  const length = end - start;
  const first = text.charCodeAt(start);
  if (length === 1 || (length === 2 && first >= 0xd800 && first <= 0xdbff)) {
    // Initials ("Charles M. Blow") are upper-case letters; "v." is the one lower-case case.
    const letter = text.slice(start, end);
    return letter !== letter.toLowerCase() || isKnownAbbreviation(letter);
  }
  if (innerDot) {
    // Dotted initialisms and abbreviations: "U.S", "p.m", "e.g", "Ph.D", "D-N.J"; not "3.5" or "example.com".
    const lastDot = text.lastIndexOf('.', end - 1);
    if (end - lastDot - 1 > 2) return false;
    for (let k = start; k < end; k++) if (isDigitCode(text.charCodeAt(k))) return false;
    return true;
  }
  const word = text.slice(start, end);
  if (isKnownAbbreviation(word)) return true;
  // "No. 1", "Nos. 3 and 4": the number abbreviation only before a digit.
  if ((word === 'No' || word === 'no' || word === 'Nos') && end + 2 < textEnd) {
    let k = end + 1;
    while (k < textEnd && text.charCodeAt(k) === 32) k++;
    return k > end + 1 && isDigitCode(text.charCodeAt(k));
  }
  return false;
}

// ---------------------------------------------------------------------------
// URLs and e-mail addresses

const URL_START = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"\u201c\u201d\u00a0]+/iy;
const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/y;
/** Characters that usually close a sentence or quote around a URL, not part of it. */
const URL_TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '\u2019', '\u2018', ')', ']', '}', '>', '\u00bb']);

function matchUrl(text: string, i: number, end: number): number {
  URL_START.lastIndex = i;
  const m = URL_START.exec(text);
  if (m === null) return -1;
  let urlEnd = Math.min(end, i + m[0].length);
  while (urlEnd > i) {
    const ch = text[urlEnd - 1]!;
    if (!URL_TRAILING.has(ch)) break;
    // Keep a closing parenthesis that balances one inside the URL (Wikipedia links).
    if (ch === ')' && text.slice(i, urlEnd).includes('(')) break;
    urlEnd--;
  }
  // A bare scheme or "www." with nothing after it is not a URL.
  return urlEnd - i > 8 ? urlEnd : -1;
}

function matchEmail(text: string, i: number, end: number): number {
  EMAIL.lastIndex = i;
  const m = EMAIL.exec(text);
  if (m === null) return -1;
  let emailEnd = Math.min(end, i + m[0].length);
  while (emailEnd > i && text.charCodeAt(emailEnd - 1) === 46) emailEnd--;
  return emailEnd;
}

// ---------------------------------------------------------------------------
// Punctuation and symbols

function isDashCode(c: number): boolean {
  return c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2015 || c === 0x2212;
}

/** Scans punctuation or a symbol at `i`, pushes it and returns the position after it. */
function scanSymbol(text: string, i: number, end: number, tokens: Token[]): number {
  const c = text.charCodeAt(i);
  let j = i + 1;
  if (c === 46 /* . */) {
    while (j < end && text.charCodeAt(j) === 46) j++; // "..." is one token
  } else if (c === 45 /* - */) {
    while (j < end && text.charCodeAt(j) === 45) j++; // "--"
  } else if (isDashCode(c)) {
    while (j < end && isDashCode(text.charCodeAt(j))) j++;
  } else if (c === 95 || c === 42 || c === 61 || c === 126 /* _ * = ~ */) {
    while (j < end && text.charCodeAt(j) === c) j++; // rules and separators: "___", "***"
  } else if (c === 60 /* < */ && j < end && (isAsciiLetter(text.charCodeAt(j)) || text.charCodeAt(j) === 47)) {
    // Markup left in the text ("<tweet ...>", "</p>") is one token when it closes on the same line.
    const close = markupEnd(text, j, end);
    if (close > 0) j = close;
  } else if (c === 63 || c === 33 /* ? ! */) {
    while (j < end && (text.charCodeAt(j) === 63 || text.charCodeAt(j) === 33)) j++;
  } else if (c === 96 /* ` */) {
    if (j < end && text.charCodeAt(j) === 96) j++; // "``"
  } else if (c === 39 /* ' */ || c === 0x2019 || c === 0x2018) {
    const next = j < end ? text.charCodeAt(j) : 0;
    if (c === 39 && next === 39) {
      j++; // "''"
    } else if (isDigitCode(next) && j + 1 < end && isDigitCode(text.charCodeAt(j + 1)) && wordCharLength(text, i - 1, end) === 0) {
      // Abbreviated years: "'80s", "’16".
      j += 2;
      while (j < end && wordCharLength(text, j, end) > 0 && !isDigitCode(text.charCodeAt(j))) j++;
      if (j < end && wordCharLength(text, j, end) > 0) j = i + 1; // not a year after all
    }
  } else if ((c === 64 /* @ */ || c === 35) /* # */ && wordCharLength(text, j, end) > 0 && !isWordLike(text, i - 1, end)) {
    // Social-media handles and hashtags stay whole.
    while (j < end && (wordCharLength(text, j, end) > 0 || text.charCodeAt(j) === 95)) j += Math.max(1, wordCharLength(text, j, end));
  } else if (c >= 0xd800 && c <= 0xdbff && j < end && text.charCodeAt(j) >= 0xdc00 && text.charCodeAt(j) <= 0xdfff) {
    j++; // a symbol outside the BMP (emoji) is one token of two code units
  }
  tokens.push({ start: i, end: j });
  return j;
}

/**
 * End (after ">") of a markup tag whose "<" is just before `from`, or -1.
 * Only tag-shaped text counts: a name, then nothing, "/", or attributes with
 * "=", closed on the same line within 1000 characters.
 */
function markupEnd(text: string, from: number, end: number): number {
  let k = from;
  if (text.charCodeAt(k) === 47) k++;
  const nameStart = k;
  while (k < end && (isAsciiLetter(text.charCodeAt(k)) || isDigitCode(text.charCodeAt(k)) || text.charCodeAt(k) === 45 || text.charCodeAt(k) === 58)) k++;
  if (k === nameStart || !isAsciiLetter(text.charCodeAt(nameStart))) return -1;
  const c = text.charCodeAt(k);
  if (c === 62 /* > */) return k + 1;
  if (c === 47 && text.charCodeAt(k + 1) === 62) return k + 2;
  if (c !== 32) return -1;
  const limit = Math.min(end, from + 1000);
  let sawEquals = false;
  for (; k < limit; k++) {
    const d = text.charCodeAt(k);
    if (d === 61) sawEquals = true;
    else if (d === 62) return sawEquals ? k + 1 : -1;
    else if (d === 60 || d === 10 || d === 13) return -1;
  }
  return -1;
}

function isWordLike(text: string, i: number, end: number): boolean {
  return i >= 0 && wordCharLength(text, i, end) > 0;
}
