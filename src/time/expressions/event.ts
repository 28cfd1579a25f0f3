import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { YEAR, matchAll } from './patterns.js';

/**
 * Nouns that name a dated event. A year right before one of them, with at most
 * four describing words between ("the 2016 US presidential elections", "the
 * 2012 Olympics"), names that event rather than counting something.
 */
const EVENT_NOUNS =
  'elections?|vote|polls|ballot|primary|primaries|caucus(?:es)?|midterms?|campaign|race|referendum|convention|inauguration|' +
  'olympics|olympic games|games|world cup|cup|championships?|tournament|final|super bowl|season|summit|census|budget|' +
  'war|crisis|attacks?|riots?|uprising|revolution|coup|earthquake|tsunami|hurricane|floods?|pandemic|outbreak|' +
  'conference|congress|festival|expo|debate|shutdown|agreement|accord|deal|treaty';

/** Words that cannot describe an event noun: they show the year and the noun are in different phrases. */
const BREAKERS = new Set([
  'and', 'or', 'but', 'was', 'were', 'is', 'are', 'be', 'been', 'in', 'on', 'at', 'to', 'for', 'of', 'by', 'with', 'as',
  'that', 'which', 'when', 'after', 'before', 'since', 'than', 'had', 'has', 'have', 'will', 'would', 'the', 'a', 'an',
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'said', 'says', 'not',
]);

export const eventParser: ExpressionParser = {
  name: 'event',
  find(text) {
    const out: ExpressionMatch[] = [];
    const source = String.raw`(?:(?<![\p{L}])the\s+)?${YEAR}(?:['’]s)?\s+((?:[\p{L}.'’-]+\s+){0,4}?)(${EVENT_NOUNS})(?![\p{L}])`;
    for (const m of matchAll(text, source)) {
      const describers = (m[2] ?? '').trim().split(/\s+/).filter((w) => w !== '');
      if (describers.some((w) => BREAKERS.has(w.toLowerCase()))) continue;
      const event = [...describers, m[3] ?? ''].join(' ').toLowerCase();
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'event', granularity: 'year', anchor: 'explicit', year: Number(m[1]), event });
    }
    return out;
  },
};
