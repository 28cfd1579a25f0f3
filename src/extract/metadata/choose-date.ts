import type { DateCandidate, MetadataSource, PublishedDate, StatedDate } from '../../model/result.js';
import type { Candidate } from './candidates.js';
import { parseDateString } from './dates/parse-date.js';
import type { ParseDateOptions, ParsedDate } from './dates/types.js';

/*
 * Publication date choice, strongest first (ranks in candidates.ts):
 *   1. JSON-LD datePublished on an Article-like object; article:published_time and og equivalents
 *   2. known meta conventions (parsely-pub-date, sailthru.date, dc.date.issued, publish-date, …)
 *   3. microdata itemprop=datePublished
 *   4. JSON-LD datePublished on a WebPage, dateCreated, uploadDate
 *   5. <time> elements marked as publication (pubdate, class/itemprop "published")
 *   6. a full date in the URL path
 *   7. elements whose class names a publication date, then any date-like element
 *   8. generic meta "date", datelines after the title, unmarked <time> elements
 * A date of unknown kind is only used when no candidate says it is the publication date;
 * the modification date is never reported as published.
 * Within one rank, the first candidate in document order wins.
 */

const MAX_CANDIDATES = 60;

export interface DateChoice {
  published: PublishedDate;
  modified: StatedDate | null;
}

interface Parsed {
  candidate: Candidate;
  date: ParsedDate;
  order: number;
}

function stated(parsed: Parsed): StatedDate {
  return { stated: parsed.date.iso, source: parsed.candidate.source, raw: parsed.candidate.value, precision: parsed.date.precision };
}

function best(list: Parsed[]): Parsed | null {
  let winner: Parsed | null = null;
  for (const item of list) {
    if (!winner || item.candidate.rank < winner.candidate.rank || (item.candidate.rank === winner.candidate.rank && item.order < winner.order)) {
      winner = item;
    }
  }
  return winner;
}

/** When a full timestamp and a bare day agree on the day, the timestamp says more. */
function preferPrecise(chosen: Parsed, all: Parsed[]): Parsed {
  if (chosen.date.precision !== 'date') return chosen;
  const day = chosen.date.iso.slice(0, 10);
  const richer = all.filter((p) => p.date.precision !== 'date' && p.date.iso.slice(0, 10) === day && p.candidate.field === chosen.candidate.field);
  return best(richer) ?? chosen;
}

export function chooseDates(candidates: readonly Candidate[], options: ParseDateOptions): DateChoice {
  const parsed: Parsed[] = [];
  const seen = new Set<string>();
  candidates.forEach((candidate, order) => {
    if (candidate.field !== 'published' && candidate.field !== 'modified' && candidate.field !== 'date') return;
    const date = parseDateString(candidate.value, options);
    if (!date) return;
    const dedupe = `${candidate.field}|${candidate.source}|${candidate.detail}|${date.iso}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    parsed.push({ candidate, date, order });
  });

  const published = parsed.filter((p) => p.candidate.field === 'published');
  const unknown = parsed.filter((p) => p.candidate.field === 'date');
  const modifiedList = parsed.filter((p) => p.candidate.field === 'modified');

  let chosen = best(published);
  const unknownBest = best(unknown);
  // A date of unknown kind outranks a weak published one only when it is much stronger (e.g. meta date vs a dateline).
  if (!chosen || (unknownBest && unknownBest.candidate.rank + 10 < chosen.candidate.rank)) chosen = unknownBest ?? chosen;
  const modifiedChosen = best(modifiedList);

  const list: DateCandidate[] = parsed
    .slice()
    .sort((a, b) => a.candidate.rank - b.candidate.rank || a.order - b.order)
    .slice(0, MAX_CANDIDATES)
    .map((p) => ({
      value: p.date.iso,
      raw: p.candidate.value.slice(0, 200),
      source: p.candidate.source as MetadataSource,
      detail: p.candidate.detail,
      kind: p.candidate.field === 'date' ? 'unknown' : p.candidate.field === 'modified' ? 'modified' : 'published',
    }));

  const publishedDate: PublishedDate = chosen
    ? { ...stated(preferPrecise(chosen, parsed)), candidates: list }
    : { stated: null, source: null, raw: null, precision: null, candidates: list };
  return { published: publishedDate, modified: modifiedChosen ? stated(preferPrecise(modifiedChosen, parsed)) : null };
}
