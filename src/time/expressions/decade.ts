import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { matchAll } from './patterns.js';

/** A decade: "the 1990s", "the '90s", "the 90s" (two-digit decades are read as the twentieth century). */
export const decadeParser: ExpressionParser = {
  name: 'decade',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`(?<![\p{L}\p{N}])(?:(1[89]\d0|20\d0)|(?:the\s+)['’]?([1-9]0))['’]?s(?![\p{L}\p{N}])`)) {
      const decade = m[1] !== undefined ? Number(m[1]) : 1900 + Number(m[2]);
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'absolute', granularity: 'decade', anchor: 'explicit', decade });
    }
    return out;
  },
};
