import { isValidDay } from '../calendar.js';
import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { DAY, MONTH, YEAR, matchAll, monthOf } from './patterns.js';

/**
 * A calendar day with its year: "6 January 2017", "January 6, 2017", "Jan. 6 2017",
 * "2017-01-06". The day may be glued to what precedes it ("GMT12 April 2021").
 */
export const fullDateParser: ExpressionParser = {
  name: 'full-date',
  find(text) {
    const out: ExpressionMatch[] = [];
    const push = (index: number, length: number, year: number, month: number | null, day: number): void => {
      if (month === null || !isValidDay(year, month, day)) return;
      out.push({ start: index, end: index + length, kind: 'absolute', granularity: 'day', anchor: 'explicit', year, month, day });
    };
    for (const m of matchAll(text, String.raw`(?<!\p{N})(1[89]\d\d|2[01]\d\d)-([01]\d)-([0-3]\d)(?!\p{N})`)) {
      // 1970-01-01 written by machine is a zero timestamp, not a day anyone meant.
      if (m[0] === '1970-01-01') continue;
      push(m.index, m[0].length, Number(m[1]), Number(m[2]), Number(m[3]));
    }
    for (const m of matchAll(text, String.raw`${DAY}\s*(?:of\s+|de\s+)?${MONTH},?\s*(?:de\s+)?${YEAR}`)) {
      push(m.index, m[0].length, Number(m[3]), monthOf(m[2] ?? ''), Number(m[1]));
    }
    for (const m of matchAll(text, String.raw`${MONTH}\s*${DAY},?\s*${YEAR}`)) {
      push(m.index, m[0].length, Number(m[3]), monthOf(m[1] ?? ''), Number(m[2]));
    }
    return out;
  },
};
