import { MONTH_PATTERN, monthNumber } from '../months.js';
import type { DateFormatParser, DateMatch } from '../types.js';

/*
 * Dates written with a month name, in any language of months.ts. Boundaries are digit-only on
 * the numeric side so glued text such as "GMT12 April 2021" still yields 12 April, and the
 * month must not continue into a longer word ("Primary" is not "mar").
 */

/** "12 April 2021", "12. April 2021", "12th of April, 2021", "12 de abril de 2021", "12-Apr-2021", "1er mai 2021". */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:\s?(?:st|nd|rd|th|er|eme|ème|e|º|°|ª)(?![\p{L}]))?\.?\s*(?:de\s+|of\s+|-)?(${MONTH_PATTERN})\.?(?![\p{L}])(?:\s*(?:de|del|,|-)(?![\p{L}]))?\s*(\d{4})(?!\d)`,
  'giu',
);

/** "April 12, 2021", "Apr. 12 2021", "April 12th, 2021". */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`(?<![\p{L}])(${MONTH_PATTERN})\.?\s*(\d{1,2})(?:\s?(?:st|nd|rd|th)(?![\p{L}]))?(?!\d)\s*,?\s*(\d{4})(?!\d)`,
  'giu',
);

/** "2021 April 12", "2021, 12 April" are rare; "2021-Apr-12" appears in logs and some CMSs. */
const YEAR_MONTH_DAY = new RegExp(String.raw`(?<!\d)(\d{4})[\s,-]+(${MONTH_PATTERN})\.?[\s-]*(\d{1,2})(?![\d\p{L}])`, 'giu');

/** Every pattern here ends or starts with a four-digit year; text without one is not worth the month alternation. */
const FOUR_DIGITS = /\d{4}/;

function collect(text: string, pattern: RegExp, order: 'dmy' | 'mdy' | 'ymd'): DateMatch[] {
  const matches: DateMatch[] = [];
  if (!FOUR_DIGITS.test(text)) return matches;
  for (const m of text.matchAll(pattern)) {
    const [dayText, monthText, yearText] =
      order === 'dmy' ? [m[1], m[2], m[3]] : order === 'mdy' ? [m[2], m[1], m[3]] : [m[3], m[2], m[1]];
    const month = monthNumber(monthText);
    if (month === null) continue;
    matches.push({ index: m.index, length: m[0].length, parts: { year: Number(yearText), month, day: Number(dayText) } });
  }
  return matches;
}

export const dayMonthYearParser: DateFormatParser = {
  name: 'day-month-name-year',
  findAll: (text) => collect(text, DAY_MONTH_YEAR, 'dmy'),
};

/** What MONTH_DAY_YEAR needs after the month: a day's last digit, then the year. Far rarer than month-like words. */
const DAY_THEN_YEAR = /\d(?:\s?(?:st|nd|rd|th))?\s*,?\s*\d{4}/iu;

export const monthDayYearParser: DateFormatParser = {
  name: 'month-name-day-year',
  findAll: (text) => (DAY_THEN_YEAR.test(text) ? collect(text, MONTH_DAY_YEAR, 'mdy') : []),
};

export const yearMonthDayParser: DateFormatParser = {
  name: 'year-month-name-day',
  findAll: (text) => collect(text, YEAR_MONTH_DAY, 'ymd'),
};
