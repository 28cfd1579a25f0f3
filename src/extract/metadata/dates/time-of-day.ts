import { parseNumericOffset, ZONE_OFFSETS, ZONE_PATTERN } from './zones.js';

/** A time of day written near a date, with its zone when one is given. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC; undefined when no zone is written. US "ET"/"PT" resolve by date. */
  offsetMinutes?: number;
  /** Zone abbreviation as written (lower case), for zones whose offset depends on the date. */
  zoneName?: string;
  index: number;
  length: number;
}

/*
 * "11:46", "11:46:05", "11h46", "11.46 am", "11 AM", "11:46 a.m.", "23:05 Uhr", each optionally
 * followed by a zone: "GMT", "UTC+3", "GMT+03:00", "+0300", "EDT", "(IST)".
 * A bare number is a time only with am/pm, so "12 April" is never read as noon.
 */
const TIME = new RegExp(
  String.raw`(?<![\d:.,])([01]?\d|2[0-3])(?:\s?[:h]\s?([0-5]\d)(?::([0-5]\d))?(?:[.,]\d{1,6})?|\.([0-5]\d)(?=\s*[ap]\.?\s?m))?(?!\d)` +
    String.raw`(?:\s*([ap])\.?\s?m\.?(?![\p{L}]))?(?:\s*(?:uhr|hrs|h)(?![\p{L}]))?` +
    String.raw`(?:\s*\(?\s*(?:(gmt|utc)\s*(?:([+\-−])\s*(\d{1,2})(?::?(\d{2}))?)?|([+\-−])(\d{2}):?(\d{2})|(${ZONE_PATTERN}))(?![\p{L}])\)?)?`,
  'giu',
);

/** All times of day in a short text, in order. */
export function findTimes(text: string): TimeOfDay[] {
  const times: TimeOfDay[] = [];
  for (const m of text.matchAll(TIME)) {
    const [, hourText, minuteText, secondText, dottedMinute, meridiem, gmt, gmtSign, gmtHours, gmtMinutes, sign, offsetHours, offsetMinutes, zone] = m;
    const minutes = minuteText ?? dottedMinute;
    if (minutes === undefined && !meridiem) continue;
    let hour = Number(hourText);
    if (meridiem) {
      if (hour === 0 || hour > 12) continue;
      const pm = meridiem.toLowerCase() === 'p';
      if (pm && hour < 12) hour += 12;
      if (!pm && hour === 12) hour = 0;
    }
    const time: TimeOfDay = {
      hour,
      minute: minutes ? Number(minutes) : 0,
      second: secondText ? Number(secondText) : 0,
      index: m.index,
      length: m[0].length,
    };
    if (gmt) {
      const offset = gmtSign ? parseNumericOffset(gmtSign, gmtHours, gmtMinutes) : 0;
      if (offset === null) continue;
      time.offsetMinutes = offset;
    } else if (sign) {
      const offset = parseNumericOffset(sign, offsetHours, offsetMinutes);
      if (offset === null) continue;
      time.offsetMinutes = offset;
    } else if (zone) {
      const name = zone.toLowerCase();
      time.zoneName = name;
      time.offsetMinutes = ZONE_OFFSETS.get(name);
    }
    times.push(time);
  }
  return times;
}

/**
 * US generic zones ("ET", "PT", …) and their standard names written in summer
 * are read with daylight saving: second Sunday of March to first Sunday of November.
 */
export function resolveUsGenericZone(name: string, year: number, month: number, day: number): number | null {
  const standard: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480 };
  const base = standard[name];
  if (base === undefined) return null;
  const dstStart = nthSunday(year, 3, 2);
  const dstEnd = nthSunday(year, 11, 1);
  const dayOfYear = Date.UTC(year, month - 1, day);
  return dayOfYear >= dstStart && dayOfYear < dstEnd ? base + 60 : base;
}

function nthSunday(year: number, month: number, nth: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const firstSunday = 1 + ((7 - first.getUTCDay()) % 7);
  return Date.UTC(year, month - 1, firstSunday + (nth - 1) * 7);
}
