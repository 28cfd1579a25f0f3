import type { ExpressionMatch, ExpressionParser, RelativeShift } from '../types.js';
import { NUMBER, matchAll, numberValue } from './patterns.js';

/** "two years ago", "3 months ago", "a week ago", "in two years", "a year from now". */
export const relativeAgoParser: ExpressionParser = {
  name: 'relative-ago',
  find(text) {
    const out: ExpressionMatch[] = [];
    const unitPattern = String.raw`(days?|weeks?|months?|years?)`;
    const add = (index: number, length: number, count: string, unitWord: string, sign: number): void => {
      const n = numberValue(count);
      if (n === null || n > 200) return;
      const unit = unitWord.toLowerCase().replace(/s$/, '') as RelativeShift['unit'];
      out.push({ start: index, end: index + length, kind: 'relative', granularity: unit, anchor: 'reference', relative: { unit, offset: sign * n } });
    };
    for (const m of matchAll(text, String.raw`(?<![\p{L}])${NUMBER}\s+${unitPattern}\s+(?:ago|before now)(?![\p{L}])`)) {
      add(m.index, m[0].length, m[1] ?? '', m[2] ?? '', -1);
    }
    for (const m of matchAll(text, String.raw`(?<![\p{L}])(?:in\s+${NUMBER}\s+${unitPattern}(?:['’])?\s+time|${NUMBER}\s+${unitPattern}\s+from\s+now)(?![\p{L}])`)) {
      if (m[1] !== undefined) add(m.index, m[0].length, m[1], m[2] ?? '', 1);
      else add(m.index, m[0].length, m[3] ?? '', m[4] ?? '', 1);
    }
    return out;
  },
};
