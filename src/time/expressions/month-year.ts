import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { MONTH, YEAR, matchAll, monthOf } from './patterns.js';

/** A month with its year: "January 2017", "in March of 2016", "mars 2015". */
export const monthYearParser: ExpressionParser = {
  name: 'month-year',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`${MONTH},?\s+(?:of\s+|de\s+)?${YEAR}`)) {
      const month = monthOf(m[1] ?? '');
      if (month === null) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'absolute', granularity: 'month', anchor: 'explicit', year: Number(m[2]), month });
    }
    return out;
  },
};
