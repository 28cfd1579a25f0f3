import { RANK, type Candidate } from '../candidates.js';

/*
 * Dates in a URL path: /2021/04/12/, /2021-04-12-, /20210412/, /2021/apr/12/. A year and month
 * alone (/2021/04/) say nothing about the day and are not used.
 */
const PATTERNS: { pattern: RegExp; detail: string }[] = [
  { pattern: /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?:\/|$|[-_.])/, detail: 'url /yyyy/mm/dd/' },
  { pattern: /(?:\/|[-_])((?:19|20)\d{2})[-_](0[1-9]|1[0-2])[-_](0[1-9]|[12]\d|3[01])(?:\/|$|[-_.])/, detail: 'url yyyy-mm-dd' },
  { pattern: /(?:\/|[-_])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\/|$|[-_.])/, detail: 'url yyyymmdd' },
  { pattern: /\/((?:19|20)\d{2})\/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\/(0?[1-9]|[12]\d|3[01])(?:\/|$)/i, detail: 'url /yyyy/mon/dd/' },
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function urlDateCandidates(url: string | null, detailPrefix = ''): Candidate[] {
  if (!url) return [];
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  for (const { pattern, detail } of PATTERNS) {
    const m = pattern.exec(path.slice(0, 500));
    if (!m) continue;
    const month = /\d/.test(m[2]) ? Number(m[2]) : MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
    const value = `${m[1]}-${String(month).padStart(2, '0')}-${m[3].padStart(2, '0')}`;
    return [{ field: 'published', value, source: 'url', detail: `${detailPrefix}${detail}`, rank: RANK.url }];
  }
  return [];
}

/** The site's name from a hostname: "www.example.co.uk" → "example.co.uk". */
export function siteFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^(?:www\d?|m|amp|mobile)\./, '') || null;
  } catch {
    return null;
  }
}
