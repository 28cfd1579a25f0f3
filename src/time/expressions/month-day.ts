import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { DAY, MONTH, matchAll, monthOf } from './patterns.js';

/** A day without its year: "January 6", "6 January", "Jan. 6th". The year comes from when the text was written. */
export const monthDayParser: ExpressionParser = {
  name: 'month-day',
  find(text) {
    const out: ExpressionMatch[] = [];
    const push = (index: number, length: number, monthName: string, dayText: string): void => {
      const month = monthOf(monthName);
      const day = Number(dayText);
      if (month === null || day < 1 || day > 31) return;
      out.push({ start: index, end: index + length, kind: 'absolute', granularity: 'day', anchor: 'reference', monthDay: { month, day } });
    };
    for (const m of matchAll(text, String.raw`${MONTH}\s*${DAY}(?![:\p{L}])`)) {
      // After the day a dot ends the sentence ("on December 30."), it is no ordinal mark.
      push(m.index, m[0].endsWith('.') ? m[0].length - 1 : m[0].length, m[1] ?? '', m[2] ?? '');
    }
    for (const m of matchAll(text, String.raw`${DAY}\s*(?:of\s+|de\s+)?${MONTH}`)) push(m.index, m[0].length, m[2] ?? '', m[1] ?? '');
    return out;
  },
};
