import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { WEEKDAY_NUMBER, matchAll } from './patterns.js';

/**
 * A weekday: "on Sunday", "last Friday", "next Tuesday", "Monday". News speaks
 * of the week around the writing date, so a bare weekday is the nearest past one
 * unless "next" or "this coming" says otherwise.
 */
export const weekdayParser: ExpressionParser = {
  name: 'weekday',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`(?<![\p{L}])(?:(on|last|next|this|this coming|this past)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\p{L})(?:['’]s)?`, 'gu')) {
      const weekday = WEEKDAY_NUMBER.get((m[2] ?? '').toLowerCase());
      if (weekday === undefined) continue;
      const lead = (m[1] ?? '').toLowerCase();
      const offset = lead === 'next' || lead === 'this coming' ? 1 : lead === 'last' || lead === 'this past' ? -1 : 0;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'relative', granularity: 'day', anchor: 'reference', relative: { unit: 'day', offset, weekday } });
    }
    return out;
  },
};
