import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { YEAR, matchAll } from './patterns.js';

/** Words after a number that show it counts or measures something rather than naming a year. */
const NOT_A_YEAR_AFTER = /^\s*(?:people|persons|men|women|children|troops|soldiers|jobs|votes|voters|dollars|euros|pounds|yen|miles|km|kilometres|kilometers|metres|meters|feet|tonnes|tons|units|cases|deaths|calories|points|pages|words|hp|mw|kw|ft|lbs?|kg|mg|ml|m|cm|mm)\b/i;

/** A year on its own: "2016", "in 2015", "since 1998", "2015-16". */
export const yearParser: ExpressionParser = {
  name: 'year',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`(?:(?<![\p{L}])(?:in|since|during|until|by|from|of|en|im|nel|em)\s+)?${YEAR}`)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      if (NOT_A_YEAR_AFTER.test(after)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'absolute', granularity: 'year', anchor: 'explicit', year: Number(m[1]) });
    }
    return out;
  },
};
