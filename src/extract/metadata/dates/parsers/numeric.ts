import type { DateFormatParser, DateMatch, ParserContext } from '../types.js';

/** Two-digit years: 00–(this year + 1) are 2000s, the rest 1900s. */
function fullYear(text: string, context: ParserContext): number {
  if (text.length === 4) return Number(text);
  const short = Number(text);
  const now = (context.reference ?? new Date()).getUTCFullYear();
  return short <= (now % 100) + 1 ? 2000 + short : 1900 + short;
}

/** "2021/04/12", "2021.04.12", "2021. 04. 12." (year first is never ambiguous). */
const YEAR_FIRST = /(?<![\d.\/-])(\d{4})(?:\/|\.\s?)(\d{1,2})(?:\/|\.\s?)(\d{1,2})(?![\d\/]|\.\d)/g;

/** "12.04.2021", "12. 04. 2021", "12.04.21": dotted dates are day first everywhere they are used. */
const DOTTED = /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d|\.\d)/g;

/** "04/12/2021", "12-04-2021": month or day first, settled by a number above 12 or by `dayFirst`. */
const SLASHED = /(?<![\d\/.-])(\d{1,2})([\/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d\/]|-\d)/g;

export const yearFirstNumericParser: DateFormatParser = {
  name: 'numeric-year-first',
  findAll(text) {
    return [...text.matchAll(YEAR_FIRST)].map((m) => ({
      index: m.index,
      length: m[0].length,
      parts: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    }));
  },
};

export const dottedNumericParser: DateFormatParser = {
  name: 'numeric-day-month-year-dotted',
  findAll(text, context) {
    return [...text.matchAll(DOTTED)].map((m) => ({
      index: m.index,
      length: m[0].length,
      parts: { year: fullYear(m[3], context), month: Number(m[2]), day: Number(m[1]) },
    }));
  },
};

export const slashedNumericParser: DateFormatParser = {
  name: 'numeric-slashed',
  findAll(text, context) {
    const matches: DateMatch[] = [];
    for (const m of text.matchAll(SLASHED)) {
      const first = Number(m[1]);
      const second = Number(m[3]);
      let dayFirst = context.dayFirst;
      if (first > 12 && second <= 12) dayFirst = true;
      else if (second > 12 && first <= 12) dayFirst = false;
      const [day, month] = dayFirst ? [first, second] : [second, first];
      matches.push({ index: m.index, length: m[0].length, parts: { year: fullYear(m[4], context), month, day } });
    }
    return matches;
  },
};

/** "2021年4月12日" (Chinese, Japanese) and "2021년 4월 12일" (Korean). */
const CJK = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/g;

export const cjkParser: DateFormatParser = {
  name: 'cjk-year-month-day',
  findAll(text) {
    return [...text.matchAll(CJK)].map((m) => ({
      index: m.index,
      length: m[0].length,
      parts: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
    }));
  },
};
