import type { ExpressionMatch } from '../types.js';

/** Keeps one match wherever matches overlap: the longer, then the one from the earlier parser. */
export function removeOverlaps(matches: readonly { match: ExpressionMatch; rank: number }[]): ExpressionMatch[] {
  const byPreference = [...matches].sort(
    (a, b) => b.match.end - b.match.start - (a.match.end - a.match.start) || a.rank - b.rank || a.match.start - b.match.start,
  );
  const kept: ExpressionMatch[] = [];
  // Kept spans never overlap, so a sorted list with binary search keeps this n log n on pages with many dates.
  const starts: number[] = [];
  for (const { match } of byPreference) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] ?? 0) < match.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if (before && before.end > match.start) continue;
    if (after && after.start < match.end) continue;
    kept.splice(lo, 0, match);
    starts.splice(lo, 0, match.start);
  }
  return kept;
}
