import { dayNumber } from './calendar.js';

/**
 * Recurring events whose place in the calendar follows from their year, so a
 * mention dates to a day rather than a year. Only events with a fixed rule are
 * listed; anything else stays at year granularity.
 */
const RULES: { pattern: RegExp; day: (year: number) => number | null }[] = [
  {
    // US general elections: the Tuesday after the first Monday of November, in even years.
    pattern: /\b(?:presidential|general|midterm|congressional)\b.*\b(?:elections?|vote|race)\b|\bmidterms?\b/,
    day: (year) => (year % 2 === 0 ? electionDay(year) : null),
  },
  { pattern: /\bwinter olympics?\b|\bwinter games\b/, day: (year) => (year % 4 === 2 ? dayNumber(year, 2, 15) : null) },
  { pattern: /\bolympics?\b|\bolympic games\b/, day: (year) => (year % 4 === 0 ? dayNumber(year, 8, 5) : null) },
  { pattern: /\bworld cup\b/, day: (year) => (year % 4 === 2 ? dayNumber(year, 6, 30) : null) },
];

function electionDay(year: number): number {
  const novemberFirst = dayNumber(year, 11, 1);
  const weekday = (new Date(novemberFirst * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
  const firstMonday = novemberFirst + ((7 - weekday) % 7);
  return firstMonday + 1;
}

/** The day a dated event took place, when its kind has a calendar rule; null otherwise. */
export function knownEventDay(event: string, year: number): number | null {
  for (const rule of RULES) if (rule.pattern.test(event)) return rule.day(year);
  return null;
}
