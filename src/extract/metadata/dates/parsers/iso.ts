import type { DateFormatParser, DateMatch } from '../types.js';
import { parseNumericOffset } from '../zones.js';

/**
 * ISO 8601 and its common loosenings: "2021-04-12", "2021-04-12T11:46:00+03:00",
 * "2021-04-12 11:46:00.000Z", "2021-04-12T11:46:00+0300". Any time and zone written with
 * the date are taken here, so the time-of-day reader does not look further.
 */
const ISO = /(?<![\d/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s?(?:(Z)(?![\p{L}])|([+\-−])(\d{2})(?::?(\d{2}))?(?!\d))?)?(?![\d])/giu;

export const isoParser: DateFormatParser = {
  name: 'iso-8601',
  findAll(text) {
    const matches: DateMatch[] = [];
    for (const m of text.matchAll(ISO)) {
      const [, year, month, day, hour, minute, second, zulu, sign, offsetHours, offsetMinutes] = m;
      const match: DateMatch = {
        index: m.index,
        length: m[0].length,
        parts: { year: Number(year), month: Number(month), day: Number(day) },
      };
      if (hour !== undefined) {
        match.parts.hour = Number(hour);
        match.parts.minute = Number(minute);
        match.parts.second = second ? Number(second) : 0;
        match.complete = true;
        if (zulu) match.parts.offsetMinutes = 0;
        else if (sign) {
          const offset = parseNumericOffset(sign, offsetHours, offsetMinutes);
          if (offset === null) continue;
          match.parts.offsetMinutes = offset;
        }
      }
      matches.push(match);
    }
    return matches;
  },
};

/** "20210412" or "20210412T114600Z" standing alone (a whole attribute value). */
const COMPACT = /^\s*(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?\s*$/;

export const compactIsoParser: DateFormatParser = {
  name: 'iso-8601-compact',
  findAll(text) {
    const m = COMPACT.exec(text);
    if (!m) return [];
    const [, year, month, day, hour, minute, second, zulu] = m;
    const match: DateMatch = { index: m.index, length: m[0].length, parts: { year: Number(year), month: Number(month), day: Number(day) } };
    if (hour !== undefined) {
      Object.assign(match.parts, { hour: Number(hour), minute: Number(minute), second: second ? Number(second) : 0 });
      if (zulu) match.parts.offsetMinutes = 0;
      match.complete = true;
    }
    return [match];
  },
};

/** A Unix timestamp standing alone, in seconds (10 digits) or milliseconds (13 digits). */
const EPOCH = /^\s*(\d{10}|\d{13})\s*$/;

export const epochParser: DateFormatParser = {
  name: 'unix-timestamp',
  findAll(text) {
    const m = EPOCH.exec(text);
    if (!m) return [];
    const ms = m[1].length === 13 ? Number(m[1]) : Number(m[1]) * 1000;
    const d = new Date(ms);
    return [
      {
        index: m.index,
        length: m[0].length,
        complete: true,
        parts: {
          year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
          hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), offsetMinutes: 0,
        },
      },
    ];
  },
};
