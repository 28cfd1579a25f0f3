import { CUE_WORDS, NON_NAME_WORDS, ROLE_MODIFIERS, ROLE_NOUNS, TITLE_ABBREVIATIONS } from './lexicon.js';
import { isProperWord, type ScanToken } from './scan.js';

/** A role found next to a name, with the token range it covers. */
export interface FoundRole {
  text: string;
  start: number;
  end: number;
  /** Index of the role's head noun ("columnist"). */
  headToken: number;
  /** First and last+1 token of the role. */
  firstToken: number;
  endToken: number;
}

/** The longest role read before a name ("New York Times columnist") or after it (", the Russian President's press secretary,"). */
const MAX_PREMODIFIER_TOKENS = 10;
const MAX_APPOSITIVE_TOKENS = 14;

/** Lower-case words that may sit inside a role: known modifiers, role nouns and adjective-like words. */
export function isRoleWord(token: ScanToken): boolean {
  if (!token.word) return false;
  if (token.pos !== undefined) {
    if (/^(JJ|NN|NNS|VBN)$/.test(token.pos) && !CUE_WORDS.has(token.lower)) return !/(ed|ing)$/.test(token.lower) || ROLE_MODIFIERS.has(token.lower);
  }
  if (ROLE_MODIFIERS.has(token.lower) || ROLE_NOUNS.has(token.lower)) return true;
  if (CUE_WORDS.has(token.lower) || NON_NAME_WORDS.has(token.lower)) return false;
  // Adjectives of origin and field ("political", "economic", "Russian", "foreign-policy").
  return /(al|ic|ian|ive|ary|ese|ish|ist|-\p{L}+)$/u.test(token.lower);
}

function isRoleNoun(token: ScanToken): boolean {
  return token.word && ROLE_NOUNS.has(token.lower);
}

function isCapitalisedWord(token: ScanToken): boolean {
  return isProperWord(token);
}

function roleFrom(tokens: readonly ScanToken[], text: string, first: number, last: number, head: number): FoundRole {
  return {
    text: text.slice(tokens[first].start, tokens[last].end),
    start: tokens[first].start,
    end: tokens[last].end,
    headToken: head,
    firstToken: first,
    endToken: last + 1,
  };
}

/**
 * A role written before a name: "New York Times columnist Charles M. Blow",
 * "the Russian President's press secretary Dmitry Peskov", "political analyst
 * Andrey Ilyashenko". The word just before the name must be a role noun; the
 * role then extends left over modifiers, capitalised organisation words and
 * possessives, up to a determiner (kept) or anything else (not kept).
 */
export function premodifierRole(tokens: readonly ScanToken[], text: string, nameFirst: number): FoundRole | null {
  let head = nameFirst - 1;
  let roleEnd = head;
  // "Gen. Norman Ham": the title's full stop belongs to the role.
  if (tokens[head]?.text === '.' && tokens[head - 1] !== undefined && TITLE_ABBREVIATIONS.has(tokens[head - 1].lower)) head--;
  // "Secretary of State John Kerry": the role noun is followed by its own "of" phrase.
  if (head >= 2 && isProperWord(tokens[head]) && tokens[head - 1].lower === 'of' && isRoleNoun(tokens[head - 2])) head -= 2;
  if (head < 0) return null;
  const headToken = tokens[head];
  if (!isRoleNoun(headToken) || headToken.sentence !== tokens[nameFirst].sentence) return null;
  let first = head;
  for (let k = head - 1; k >= 0 && head - k <= MAX_PREMODIFIER_TOKENS; k--) {
    const token = tokens[k];
    if (token.sentence !== headToken.sentence) break;
    if (token.lower === "'s" || token.lower === '’s') {
      if (k > 0 && isCapitalisedWord(tokens[k - 1])) {
        first = k;
        continue;
      }
      break;
    }
    if (token.lower === 'the' || token.lower === 'a' || token.lower === 'an') {
      first = k;
      break;
    }
    if (isProperWord(token)) {
      // A capitalised sentence opener that is a common word ("Meanwhile") is not part of a role.
      first = k;
      continue;
    }
    if (!token.capitalised && isRoleWord(token)) {
      first = k;
      continue;
    }
    break;
  }
  return roleFrom(tokens, text, first, roleEnd, head);
}

/**
 * A role written after a name, between commas: "Dmitry Peskov, the Russian
 * President's press secretary, said". The phrase must hold a role noun and
 * nothing that reads as a verb, and must end the clause (comma, full stop,
 * closing bracket or dash).
 */
export function appositiveRole(tokens: readonly ScanToken[], text: string, nameEnd: number): FoundRole | null {
  // "Rep. Jim Clyburn (D-S.C.), the assistant leader …": step over a short parenthesis.
  if (tokens[nameEnd]?.text === '(') {
    let close = nameEnd + 1;
    while (close < tokens.length && close - nameEnd <= 10 && tokens[close].text !== ')') close++;
    if (tokens[close]?.text === ')') nameEnd = close + 1;
  }
  const comma = tokens[nameEnd];
  if (comma === undefined || comma.text !== ',') return null;
  const first = nameEnd + 1;
  let head = -1;
  let last = -1;
  for (let k = first; k < tokens.length && k - first < MAX_APPOSITIVE_TOKENS; k++) {
    const token = tokens[k];
    if (token.sentence !== comma.sentence && k > first) break;
    if (!token.word && token.lower !== "'s" && token.lower !== '’s') {
      if (/^[,.;)—–-]$/.test(token.text) && head >= 0 && last >= 0) return roleFrom(tokens, text, first, last, head);
      return null;
    }
    if (token.lower === "'s" || token.lower === '’s') {
      last = k;
      continue;
    }
    const lower = token.lower;
    if (k === first && (lower === 'the' || lower === 'a' || lower === 'an')) continue;
    if (CUE_WORDS.has(lower) && head >= 0) return roleFrom(tokens, text, first, last, head);
    if (['of', 'for', 'at', 'to', 'the', 'and', 'in', 'on', 'with', 'from'].includes(lower)) {
      if (head < 0) return null;
      continue;
    }
    if (isRoleNoun(token)) {
      head = k;
      last = k;
      continue;
    }
    if (token.capitalised || isRoleWord(token)) {
      last = k;
      continue;
    }
    return null;
  }
  if (head >= 0 && last >= 0 && last === tokens.length - 1) return roleFrom(tokens, text, first, last, head);
  return null;
}
