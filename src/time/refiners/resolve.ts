import { dayNumber, dayOfDate, isoOfDay, isValidDay, pad } from '../calendar.js';
import type { ExpressionMatch } from '../types.js';

/**
 * The normalised value of a match: explicit ones from their own fields,
 * relative ones and days without a year from the reference time (absent when
 * there is none).
 */
export function resolveValue(match: ExpressionMatch, reference: Date | null): string | undefined {
  if (match.decade !== undefined) return `${match.decade}/${match.decade + 9}`;
  if (match.year !== undefined && match.month !== undefined && match.day !== undefined) {
    return `${match.year}-${pad(match.month)}-${pad(match.day)}`;
  }
  if (match.year !== undefined && match.month !== undefined) return `${match.year}-${pad(match.month)}`;
  if (match.year !== undefined) return String(match.year);
  if (reference === null || Number.isNaN(reference.getTime())) return undefined;
  const refYear = reference.getUTCFullYear();
  const refMonth = reference.getUTCMonth() + 1;
  const refDay = dayOfDate(reference);
  if (match.monthDay) {
    // The year that puts the day nearest the reference: "December 30" read in early January is last year's.
    const { month, day } = match.monthDay;
    let best: number | null = null;
    for (const year of [refYear - 1, refYear, refYear + 1]) {
      if (!isValidDay(year, month, day)) continue;
      const d = dayNumber(year, month, day);
      if (best === null || Math.abs(d - refDay) < Math.abs(best - refDay)) best = d;
    }
    return best === null ? undefined : isoOfDay(best);
  }
  const shift = match.relative;
  if (!shift) return undefined;
  switch (shift.unit) {
    case 'year':
      return String(refYear + shift.offset);
    case 'month': {
      const index = refYear * 12 + (refMonth - 1) + shift.offset;
      return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
    }
    case 'week': {
      const weekdayIndex = (new Date(refDay * 86_400_000).getUTCDay() + 6) % 7;
      const monday = refDay - weekdayIndex + 7 * shift.offset;
      return `${isoOfDay(monday)}/${isoOfDay(monday + 6)}`;
    }
    case 'day': {
      if (shift.weekday === undefined) return isoOfDay(refDay + shift.offset);
      const today = ((new Date(refDay * 86_400_000).getUTCDay() + 6) % 7) + 1;
      if (shift.offset > 0) return isoOfDay(refDay + (((shift.weekday - today + 7) % 7) || 7));
      // A bare or "last" weekday: the most recent one, today included for a bare one.
      const back = (today - shift.weekday + 7) % 7;
      return isoOfDay(refDay - (back === 0 && shift.offset < 0 ? 7 : back));
    }
  }
}
