import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { matchAll } from './patterns.js';

const OFFSET: Record<string, number> = { yesterday: -1, today: 0, tonight: 0, tomorrow: 1 };

/** "yesterday", "today", "tonight", "tomorrow". */
export const relativeDayParser: ExpressionParser = {
  name: 'relative-day',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`(?<![\p{L}])(yesterday|today|tonight|tomorrow)(?![\p{L}])`)) {
      const offset = OFFSET[(m[1] ?? '').toLowerCase()] ?? 0;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'relative', granularity: 'day', anchor: 'reference', relative: { unit: 'day', offset } });
    }
    return out;
  },
};
