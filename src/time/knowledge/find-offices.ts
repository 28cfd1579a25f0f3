import { dayNumber } from '../calendar.js';
import type { TimeExpression } from '../types.js';
import { OFFICE_TERMS } from './offices.js';

/** A title and name written as current ("Secretary of State John Kerry"), with the terms it implies. */
export interface OfficeMention {
  start: number;
  end: number;
  text: string;
  /** Terms as day numbers; an open term ends at `nowDay`. */
  terms: [number, number][];
}

/**
 * Words shortly before a title that put the office in the past or the future of
 * the text, also when they qualify a word between ("a former adviser to President Bush").
 */
const NOT_CURRENT_NEAR = /(?<![\p{L}])(?:former|ex-|then-?|late|onetime|one-time|erstwhile|future|would-be|incoming|hypothetical|potential|possible)(?![\p{L}])/iu;
/** The word right before the title: "Vice President …" is another office; "a President Trump" is hypothetical. */
const NOT_CURRENT_RIGHT_BEFORE = /(?<![\p{L}])(?:vice|a|an|under|during|then)[\s-]*$/iu;
/** Mentions kept per office: more of the same add nothing, and a cap per office lets every office be found. */
const MAX_MENTIONS_PER_OFFICE = 5;

const PATTERNS = OFFICE_TERMS.map((office) => ({
  office,
  pattern: new RegExp(String.raw`(?<![\p{L}-])(?:${office.title})\s+(?:${office.name})(?![\p{L}])`, 'gu'),
  required: requiredEnding(office.name),
}));

/**
 * Letters every match of a name pattern ends with ("Obama" for
 * "(?:Barack\s+)?Obama"), or null when the pattern does not end in plain
 * letters. A text without them cannot hold the name, so its pattern is not run.
 */
export function requiredEnding(source: string): string | null {
  // Alternatives at the top level would make the ending optional.
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) return null;
  }
  const ending = /\p{L}+$/u.exec(source);
  if (ending === null) return null;
  // A letter right after a backslash is an escape ("\s"), not text.
  const letters = source[ending.index - 1] === '\\' ? ending[0].slice(1) : ending[0];
  return letters.length > 0 ? letters : null;
}

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}

/**
 * Office holders named with their present title. Mentions in a sentence that
 * also gives an explicit year are left out: "In 2010, President Obama signed…"
 * tells of that year, not of when the text was written.
 */
export function findOfficeMentions(text: string, expressions: readonly TimeExpression[], nowDay: number): OfficeMention[] {
  const out: OfficeMention[] = [];
  const dated = expressions.filter((e) => e.anchor === 'explicit');
  for (const { office, pattern, required } of PATTERNS) {
    if (required !== null && !text.includes(required)) continue;
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    let found = 0;
    while (found < MAX_MENTIONS_PER_OFFICE && (match = pattern.exec(text)) !== null) {
      const start = match.index;
      const end = start + match[0].length;
      const before = text.slice(Math.max(0, start - 35), start);
      if (NOT_CURRENT_RIGHT_BEFORE.test(before) || NOT_CURRENT_NEAR.test(before.slice(Math.max(0, before.search(/[^.!?]*$/))))) continue;
      const [sentenceStart, sentenceEnd] = sentenceAround(text, start, end);
      if (dated.some((e) => e.start >= sentenceStart && e.end <= sentenceEnd)) continue;
      const terms = office.terms.map(([from, to]): [number, number] => [toDay(from), to === null ? nowDay : toDay(to)]);
      out.push({ start, end, text: match[0], terms: terms.filter(([from, to]) => from <= to) });
      found++;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function sentenceAround(text: string, start: number, end: number): [number, number] {
  const from = Math.max(0, start - 300);
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! '), before.lastIndexOf('\n'));
  const after = text.slice(end, end + 300);
  const stop = after.search(/[.!?](?:\s|$)|\n/);
  return [cut >= 0 ? from + cut + 1 : from, stop >= 0 ? end + stop : end + after.length];
}
