import { MONTH_PATTERN, monthNumber } from '../../extract/metadata/dates/months.js';

/**
 * A four-digit year a news text may speak of; 1800–2199 keeps out prices, counts and codes such as 9999.
 * Citation volumes and pages ("2024;331(7):613", "32:2098–111") are not years.
 */
export const YEAR = String.raw`(?<![\p{L}\p{N}$€£¥#/.,:-])(1[89]\d\d|2[01]\d\d)(?![\p{N}%]|[.,]\d|-\d\d-|;\s?\d|[-–]\d{3}(?!\d))`;
export const MONTH = String.raw`(?<![\p{L}])(${MONTH_PATTERN})\.?(?![\p{L}])`;
export const DAY = String.raw`(?<!\p{N})([0-3]?\d)(?:st|nd|rd|th|er|\.|º)?(?!\p{N})`;

export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['fifteen', 15], ['twenty', 20],
  ['thirty', 30], ['forty', 40], ['fifty', 50], ['a couple of', 2], ['a few', 3], ['several', 3],
]);
export const NUMBER = String.raw`(\d{1,3}|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)`;

export function numberValue(word: string): number | null {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS.get(word.toLowerCase()) ?? null;
}

/**
 * The month a matched name stands for, or null. Short names that are also
 * ordinary words ("may", "mar", "set", "out") count only when capitalised, so
 * "may 5" in running text does not become a date while "May 5" does.
 */
export function monthOf(name: string): number | null {
  const bare = name.replace(/\.$/, '');
  if (bare.length <= 3 && bare[0] === bare[0]?.toLowerCase() && /^[a-z]/.test(bare)) return null;
  if (bare.toLowerCase() === 'may' && bare[0] !== 'M') return null;
  return monthNumber(bare);
}

/** All matches of a global, Unicode, case-insensitive pattern. */
export function* matchAll(text: string, source: string, flags = 'giu'): Generator<RegExpExecArray> {
  const pattern = new RegExp(source, flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    yield match;
  }
}

export const WEEKDAY_NUMBER: ReadonlyMap<string, number> = new Map([
  ['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5], ['saturday', 6], ['sunday', 7],
]);
