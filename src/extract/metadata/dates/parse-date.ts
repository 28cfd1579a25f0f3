import { isoParser, compactIsoParser, epochParser } from './parsers/iso.js';
import { dayMonthYearParser, monthDayYearParser, yearMonthDayParser } from './parsers/month-name.js';
import { cjkParser, dottedNumericParser, slashedNumericParser, yearFirstNumericParser } from './parsers/numeric.js';
import { relativeParser } from './parsers/relative.js';
import { findTimes, resolveUsGenericZone, type TimeOfDay } from './time-of-day.js';
import type { DateFormatParser, DateMatch, DateParts, ParseDateOptions, ParsedDate, ParserContext } from './types.js';

export type { ParsedDate, ParseDateOptions } from './types.js';

/**
 * Format parsers in priority order: when two match text starting at the same place, the
 * earlier one wins; otherwise the match that starts first in the text wins.
 */
export const DATE_PARSERS: readonly DateFormatParser[] = [
  epochParser,
  compactIsoParser,
  isoParser,
  cjkParser,
  yearFirstNumericParser,
  dayMonthYearParser,
  monthDayYearParser,
  yearMonthDayParser,
  dottedNumericParser,
  slashedNumericParser,
  relativeParser,
];

/** Longest text a date string may have; longer strings are cut, so a stray paragraph costs little. */
const MAX_DATE_STRING = 400;
/** Longest text scanned by findDateMentions. */
const MAX_SCAN_TEXT = 200_000;
const MAX_MENTIONS = 500;
const DAY_MS = 86_400_000;

/** A date found in running text: where it is, how it was written, what it means. */
export interface DateMention {
  index: number;
  length: number;
  raw: string;
  date: ParsedDate;
  /** The format parser that read it. */
  parser: string;
}

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|' +
  'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|' +
  'lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|' +
  'segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag';

/** What may stand between a date and its time: punctuation, "at"/"à"/"um"…, a weekday. */
const GAP = new RegExp(
  String.raw`^[\s,;:|@·•/()\-–—]*(?:(?:at|à|a|um|alle|ore|a las|às|as|om|kl|le|el|il|den|der|on|${WEEKDAYS})\.?(?![\p{L}])[\s,;:|@·•/()\-–—]*)*$`,
  'iu',
);

/** Reads the first plausible date in `raw`. Null when none is found or the value is implausible. */
export function parseDateString(raw: string, options: ParseDateOptions = {}): ParsedDate | null {
  if (typeof raw !== 'string') return null;
  const text = raw.length > MAX_DATE_STRING ? raw.slice(0, MAX_DATE_STRING) : raw;
  return findDateMentions(text, options, 1)[0]?.date ?? null;
}

/** All plausible dates written in `text`, in order, without overlaps. */
export function findDateMentions(text: string, options: ParseDateOptions = {}, limit = MAX_MENTIONS): DateMention[] {
  const source = text.length > MAX_SCAN_TEXT ? text.slice(0, MAX_SCAN_TEXT) : text;
  const context: ParserContext = { reference: options.reference ?? null, dayFirst: options.dayFirst ?? false };
  const found: { match: DateMatch; parser: string; rank: number }[] = [];
  DATE_PARSERS.forEach((parser, rank) => {
    for (const match of parser.findAll(source, context)) found.push({ match, parser: parser.name, rank });
  });
  found.sort((a, b) => a.match.index - b.match.index || a.rank - b.rank || b.match.length - a.match.length);

  const mentions: DateMention[] = [];
  let consumedTo = 0;
  for (const { match, parser } of found) {
    if (mentions.length >= limit) break;
    if (match.index < consumedTo) continue;
    let start = match.index;
    let end = match.index + match.length;
    let time: TimeOfDay | null = null;
    if (!match.complete) {
      const near = timeNear(source, start, end, consumedTo);
      if (near) {
        time = near;
        start = Math.min(start, near.index);
        end = Math.max(end, near.index + near.length);
      }
    }
    const date = resolve(match, time, options);
    if (!date) continue;
    mentions.push({ index: start, length: end - start, raw: source.slice(start, end), date, parser });
    consumedTo = end;
  }
  return mentions;
}

/** A time written right after the date (preferred) or right before it, with only a separator between. */
function timeNear(text: string, start: number, end: number, notBefore: number): TimeOfDay | null {
  const afterText = text.slice(end, end + 48);
  for (const time of findTimes(afterText)) {
    if (GAP.test(afterText.slice(0, time.index))) return { ...time, index: end + time.index };
    break;
  }
  const beforeStart = Math.max(notBefore, start - 40);
  const beforeText = text.slice(beforeStart, start);
  const times = findTimes(beforeText);
  const last = times[times.length - 1];
  if (last && GAP.test(beforeText.slice(last.index + last.length))) return { ...last, index: beforeStart + last.index };
  return null;
}

function resolve(match: DateMatch, time: TimeOfDay | null, options: ParseDateOptions): ParsedDate | null {
  const parts: DateParts = { ...match.parts };
  if (time) {
    parts.hour = time.hour;
    parts.minute = time.minute;
    parts.second = time.second;
    const generic = time.zoneName ? resolveUsGenericZone(time.zoneName, parts.year, parts.month, parts.day) : null;
    parts.offsetMinutes = generic ?? time.offsetMinutes;
  }
  if (!isPlausible(parts, options)) return null;
  return toParsedDate(parts);
}

/** Calendar-valid, not before `minYear` (default 1990), not more than a day after the reference time. */
export function isPlausible(parts: DateParts, options: ParseDateOptions = {}): boolean {
  const { year, month, day } = parts;
  if (!Number.isInteger(year) || year < (options.minYear ?? 1990) || year > 9000) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const utc = Date.UTC(year, month - 1, day);
  if (new Date(utc).getUTCDate() !== day) return false; // 31 April, 30 February
  if (parts.hour !== undefined && (parts.hour > 23 || (parts.minute ?? 0) > 59 || (parts.second ?? 0) > 60)) return false;
  const instant = utc + ((parts.hour ?? 0) * 60 + (parts.minute ?? 0) - (parts.offsetMinutes ?? 0)) * 60_000;
  const reference = (options.reference ?? new Date()).getTime();
  return instant <= reference + DAY_MS;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function toParsedDate(parts: DateParts): ParsedDate {
  const day = `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
  if (parts.hour === undefined) return { iso: day, precision: 'date' };
  const clock = `${pad(parts.hour)}:${pad(parts.minute ?? 0)}:${pad(Math.min(parts.second ?? 0, 59))}`;
  if (parts.offsetMinutes === undefined) return { iso: `${day}T${clock}Z`, precision: 'datetime-no-zone' };
  return { iso: `${day}T${clock}${formatOffset(parts.offsetMinutes)}`, precision: 'datetime' };
}
