import type { ExpressionMatch, ExpressionParser, RelativeShift } from '../types.js';
import { matchAll } from './patterns.js';

/** Relative years, months, weeks and days in other languages news is written in. */
const PHRASES: [RegExp, RelativeShift][] = [
  [/l['’]année dernière|l['’]an dernier|l['’]année passée/giu, { unit: 'year', offset: -1 }],
  [/cette année/giu, { unit: 'year', offset: 0 }],
  [/l['’]année prochaine|l['’]an prochain/giu, { unit: 'year', offset: 1 }],
  [/(?<![\p{L}])(?:hier)(?![\p{L}])/giu, { unit: 'day', offset: -1 }],
  [/(?<![\p{L}])aujourd['’]hui(?![\p{L}])/giu, { unit: 'day', offset: 0 }],
  [/(?<![\p{L}])(?:letztes|vergangenes|im vergangenen|im letzten) Jahr(?:es)?(?![\p{L}])/giu, { unit: 'year', offset: -1 }],
  [/(?<![\p{L}])(?:dieses|in diesem) Jahr(?:es)?(?![\p{L}])/giu, { unit: 'year', offset: 0 }],
  [/(?<![\p{L}])(?:nächstes|im nächsten|kommendes) Jahr(?:es)?(?![\p{L}])/giu, { unit: 'year', offset: 1 }],
  [/(?<![\p{L}])gestern(?![\p{L}])/giu, { unit: 'day', offset: -1 }],
  [/(?<![\p{L}])heute(?![\p{L}])/giu, { unit: 'day', offset: 0 }],
  [/(?<![\p{L}])el año pasado(?![\p{L}])/giu, { unit: 'year', offset: -1 }],
  [/(?<![\p{L}])este año(?![\p{L}])/giu, { unit: 'year', offset: 0 }],
  [/(?<![\p{L}])el próximo año|el año que viene(?![\p{L}])/giu, { unit: 'year', offset: 1 }],
  [/(?<![\p{L}])ayer(?![\p{L}])/giu, { unit: 'day', offset: -1 }],
  [/(?<![\p{L}])в прошлом году(?![\p{L}])/giu, { unit: 'year', offset: -1 }],
  [/(?<![\p{L}])в этом году(?![\p{L}])/giu, { unit: 'year', offset: 0 }],
  [/(?<![\p{L}])вчера(?![\p{L}])/giu, { unit: 'day', offset: -1 }],
];

export const relativeForeignParser: ExpressionParser = {
  name: 'relative-foreign',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const [pattern, relative] of PHRASES) {
      for (const m of matchAll(text, pattern.source, pattern.flags)) {
        out.push({ start: m.index, end: m.index + m[0].length, kind: 'relative', granularity: relative.unit, anchor: 'reference', relative: { ...relative } });
      }
    }
    return out;
  },
};
