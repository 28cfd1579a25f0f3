import { abbreviationKind } from './abbreviations.js';
import type { Sentence, Token } from './layers.js';
import { tokenize } from './tokenize.js';

/**
 * Sentence splitter over the tokenizer's output.
 *
 * A sentence ends
 * - at a blank line (paragraph break), always;
 * - at a single line break, unless the line was merely wrapped (the next line
 *   starts in lower case and the previous one did not end a sentence);
 * - after ".", "?", "!" (and runs of them), taking closing quotes and brackets
 *   that follow with it, unless the next token continues the sentence (lower
 *   case, a comma, ...);
 * - after an ellipsis only when a capitalised word follows;
 * - after an abbreviation that kept its period ("U.S.", "Inc.", "M.") only
 *   when a typical sentence opener follows ("in the U.S. He said"). Titles such
 *   as "Mr." never end a sentence; months only before an opener.
 * List markers ("1." at the start of a line) do not end a sentence.
 */
export function splitSentences(text: string, tokens: readonly Token[] = tokenize(text)): Sentence[] {
  const sentences: Sentence[] = [];
  const n = tokens.length;
  if (n === 0) return sentences;
  let first = 0;

  const close = (last: number): void => {
    sentences.push({ start: tokens[first]!.start, end: tokens[last]!.end });
    first = last + 1;
  };

  for (let k = 0; k < n; k++) {
    // A line break before token k may close the sentence that ends at k-1.
    if (k > first) {
      const newlines = countNewlines(text, tokens[k - 1]!.end, tokens[k]!.start);
      if (newlines >= 2 || (newlines === 1 && !isWrappedLine(text, tokens[k - 1]!, tokens[k]!))) {
        close(k - 1);
      }
    }

    const token = tokens[k]!;
    const word = text.slice(token.start, token.end);
    const kind = terminalKind(word);
    if (kind === null) continue;

    if (kind === 'stop') {
      if (isListMarker(text, tokens, first, k)) continue;
      const last = absorbClosers(text, tokens, k);
      const next = tokens[last + 1];
      if (next === undefined) break;
      if (continuesSentence(text, tokens, last + 1)) {
        k = last;
        continue;
      }
      close(last);
      k = last;
      continue;
    }

    if (kind === 'ellipsis') {
      const last = absorbClosers(text, tokens, k);
      if (last + 1 < n && startsCapitalised(text, tokens, last + 1)) close(last);
      k = last;
      continue;
    }

    // An abbreviation that kept its period.
    const abbreviation = abbreviationKind(word);
    if (abbreviation === 'title') continue;
    const last = absorbClosers(text, tokens, k);
    if (last > k && last + 1 < n && startsCapitalised(text, tokens, last + 1)) {
      // A closing quote after "U.S." means the period was the sentence's.
      close(last);
    } else if (last + 1 < n && isSentenceOpener(text, tokens, last + 1)) {
      close(last);
    }
    k = last;
  }

  if (first < n) close(n - 1);
  return sentences;
}

type TerminalKind = 'stop' | 'ellipsis' | 'abbreviation';

function terminalKind(word: string): TerminalKind | null {
  const lastCode = word.charCodeAt(word.length - 1);
  if (lastCode !== 46 && lastCode !== 63 && lastCode !== 33 && lastCode !== 0x2026) return null;
  if (word === '\u2026') return 'ellipsis';
  if (/^[.?!]+$/.test(word)) return word.startsWith('..') ? 'ellipsis' : 'stop';
  if (word.length > 1 && word.charCodeAt(word.length - 1) === 46) return 'abbreviation';
  return null;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2029) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/** A single line break inside running text: the next line goes on in lower case after a non-final token. */
function isWrappedLine(text: string, previous: Token, next: Token): boolean {
  const c = text.charCodeAt(next.start);
  const lowerStart = c >= 97 && c <= 122;
  if (!lowerStart) return false;
  const p = text.charCodeAt(previous.end - 1);
  return !(p === 46 || p === 63 || p === 33 || p === 58);
}

/** Closing quotes and brackets: "”", "’", "''", ")", "]" and, when attached to the stop, '"' and "'". */
function absorbClosers(text: string, tokens: readonly Token[], k: number): number {
  let last = k;
  while (last + 1 < tokens.length) {
    const next = tokens[last + 1]!;
    const w = text.slice(next.start, next.end);
    const attached = next.start === tokens[last]!.end;
    if (w === '\u201d' || w === "''" || w === ')' || w === ']' || w === '}' || w === '\u00bb') {
      last++;
    } else if ((w === '"' || w === "'" || w === '\u2019') && attached) {
      last++;
    } else {
      break;
    }
  }
  return last;
}

/** The token after a stop continues the sentence: lower-case word, comma, or similar. */
function continuesSentence(text: string, tokens: readonly Token[], k: number): boolean {
  const w = text.slice(tokens[k]!.start, tokens[k]!.end);
  const c = w.charCodeAt(0);
  if (c >= 97 && c <= 122) {
    // Lower-case after a stop continues ("“Why?” he asked") unless it starts a new line (handled by newlines).
    return true;
  }
  return w === ',' || w === ';' || w === ':' || w === ')' || w === '%';
}

function startsCapitalised(text: string, tokens: readonly Token[], k: number): boolean {
  let w = text.slice(tokens[k]!.start, tokens[k]!.end);
  if (isOpeningQuote(w) && k + 1 < tokens.length) w = text.slice(tokens[k + 1]!.start, tokens[k + 1]!.end);
  const ch = w[0]!;
  return ch !== ch.toLowerCase() || isDigitString(w);
}

function isOpeningQuote(w: string): boolean {
  return w === '"' || w === '\u201c' || w === '``' || w === '\u2018' || w === "'" || w === '(' || w === '[';
}

function isDigitString(w: string): boolean {
  return /^[0-9]/.test(w);
}

/** Words that typically open a sentence and rarely continue a name after an abbreviation. */
const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those', 'But', 'And',
  'Or', 'So', 'Yet', 'In', 'On', 'At', 'For', 'His', 'Her', 'Their', 'Its', 'Our', 'My', 'Your', 'There', 'Here',
  'What', 'When', 'Where', 'Why', 'How', 'Who', 'Which', 'If', 'As', 'After', 'Before', 'While', 'Since', 'Although',
  'Though', 'Because', 'However', 'Meanwhile', 'Moreover', 'Still', 'Also', 'According', 'Some', 'Many', 'Most',
  'Both', 'All', 'Now', 'Then', 'Not', 'No', 'Yes', 'Last', 'Next', 'With', 'By', 'From', 'To', 'Under', 'During',
  'Despite', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'One', 'Such', 'Even', 'Instead', 'Indeed', 'Other', 'Another', 'Each',
  'Every', 'Officials', 'Several', 'About', 'More', 'Few', 'Nor', 'Neither', 'Either', 'Once', 'Over', 'Among',
]);

function isSentenceOpener(text: string, tokens: readonly Token[], k: number): boolean {
  const w = text.slice(tokens[k]!.start, tokens[k]!.end);
  if (isOpeningQuote(w) && w !== '(' && w !== '[') {
    return k + 1 < tokens.length && startsCapitalised(text, tokens, k + 1);
  }
  return SENTENCE_OPENERS.has(w);
}

/** "1." or "a." or "IV." opening a line is a list marker, not a sentence. */
function isListMarker(text: string, tokens: readonly Token[], first: number, k: number): boolean {
  if (k !== first + 1) return false;
  const marker = text.slice(tokens[first]!.start, tokens[first]!.end);
  if (text.slice(tokens[k]!.start, tokens[k]!.end) !== '.') return false;
  if (!/^(?:[0-9]{1,3}|[a-zA-Z]|[IVXivx]{1,4})$/.test(marker)) return false;
  // Only at the start of a line (or of the text).
  let i = tokens[first]!.start - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  return i < 0 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
}
