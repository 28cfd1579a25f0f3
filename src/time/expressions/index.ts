import type { ExpressionParser } from '../types.js';
import { decadeParser } from './decade.js';
import { eventParser } from './event.js';
import { fullDateParser } from './full-date.js';
import { monthDayParser } from './month-day.js';
import { monthYearParser } from './month-year.js';
import { relativeAgoParser } from './relative-ago.js';
import { relativeDayParser } from './relative-day.js';
import { relativeForeignParser } from './relative-foreign.js';
import { relativeNamedParser } from './relative-named.js';
import { weekdayParser } from './weekday.js';
import { yearParser } from './year.js';

/**
 * Expression parsers in priority order. Where two matches overlap, the longer
 * wins; at equal length the one from the earlier parser wins, so a full date
 * beats the month-day and year inside it and an event beats its bare year.
 */
export const EXPRESSION_PARSERS: readonly ExpressionParser[] = [
  fullDateParser,
  eventParser,
  monthYearParser,
  monthDayParser,
  decadeParser,
  relativeNamedParser,
  relativeAgoParser,
  relativeForeignParser,
  relativeDayParser,
  weekdayParser,
  yearParser,
];
