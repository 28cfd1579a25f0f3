import type { ExpressionMatch, ExpressionParser, RelativeShift } from '../types.js';
import { matchAll } from './patterns.js';

const STEP: Record<string, number> = { last: -1, past: -1, previous: -1, this: 0, current: 0, next: 1, coming: 1 };

/** "last year", "this year", "next week", "last month's", "the past year", "earlier this year". */
export const relativeNamedParser: ExpressionParser = {
  name: 'relative-named',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`(?<![\p{L}])(?:(?:earlier|later)\s+)?(?:the\s+)?(last|past|previous|this|current|next|coming)\s+(year|month|week)(?:['’]s)?(?![\p{L}])`)) {
      const unit = (m[2] ?? '').toLowerCase() as RelativeShift['unit'];
      const step = STEP[(m[1] ?? '').toLowerCase()] ?? 0;
      // "the past year" is the twelve months up to now, not the previous calendar year.
      if ((m[1] ?? '').toLowerCase() === 'past' && /the\s+past/i.test(m[0])) continue;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        kind: 'relative',
        granularity: unit,
        anchor: 'reference',
        relative: { unit, offset: step },
      });
    }
    return out;
  },
};
