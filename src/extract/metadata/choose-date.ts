import type { DateCandidate, MetadataSource, PublishedDate, StatedDate } from '../../model/result.js';
import { RANK, type Candidate } from './candidates.js';
import { parseDateString } from './dates/parse-date.js';
import type { ParseDateOptions, ParsedDate } from './dates/types.js';

/*
 * Publication date choice. The stated date is the date the page states to its reader, read in
 * this order:
 *   1. A date shown beside the headline (within 200 characters before it or 300 after it), in a
 *      date-like element, a <time> element or the text: one labelled as published first, then an
 *      unlabelled one, then one labelled as updated; nearer the headline first.
 *      Exception: when that shown date carries a label ("published", "updated") and disagrees
 *      with the article's structured publication date (step 2), the structured date wins: themes
 *      often print the modification date under a publication label.
 *   2. Otherwise the strongest structured publication date of the article itself: JSON-LD
 *      datePublished on an Article-like object, article:published_time and its equivalents,
 *      known meta conventions (parsely-pub-date, sailthru.date, dc.date.issued…), microdata,
 *      or a full date in the URL path. Product pages skip this step.
 *   3. Otherwise a weaker markup date (a WebPage's datePublished, a video's uploadDate, a generic
 *      meta "date") when the page also shows that day somewhere.
 *   4. Otherwise a date shown a little further from the headline (300 before, 700 after).
 * A shown date labelled as updated can thus be the stated date when it is the only date a reader
 * sees; `modified` is always reported separately, and every candidate is kept with its kind.
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

/** How far from the headline (visible characters) a shown date still belongs to it. */
const SHOWN_BEFORE_HEADLINE = 200;
const SHOWN_AFTER_HEADLINE = 300;
/** When nothing else dates the page, a shown date a little further from the headline is still taken. */
const WIDER_BEFORE_HEADLINE = 300;
const WIDER_AFTER_HEADLINE = 700;
const KIND_ORDER: Record<string, number> = { published: 0, date: 1, modified: 2 };

/**
 * The date the page shows its reader next to the headline: labelled as published first,
 * then unlabelled, then labelled as updated; nearer the headline first. Dates in chrome
 * (navigation, sidebars, comments) are ranked out by their sources.
 */
function displayedDate(parsed: readonly Parsed[], before = SHOWN_BEFORE_HEADLINE, after = SHOWN_AFTER_HEADLINE): Parsed | null {
  let winner: Parsed | null = null;
  let winnerKey: [number, number] = [Infinity, Infinity];
  for (const item of parsed) {
    const position = item.candidate.position;
    if (position === undefined || position < -before || position > after) continue;
    if (item.candidate.rank >= RANK.chromeFloor) continue;
    const key: [number, number] = [KIND_ORDER[item.candidate.field] ?? 3, position < 0 ? -position * 2 : position];
    if (key[0] < winnerKey[0] || (key[0] === winnerKey[0] && key[1] < winnerKey[1])) {
      winner = item;
      winnerKey = key;
    }
  }
  return winner;
}

/** Where a shown date sits relative to the headline, for a reader auditing the choice. */
function describePosition(position: number): string {
  return position < 0 ? `(${-position} chars before the title)` : `(${position} chars after the title)`;
}

function day(parsed: Parsed): string {
  return parsed.date.iso.slice(0, 10);
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

/**
 * When a full timestamp and a bare day agree on the day, the timestamp says more: a shown
 * "12 April 2021" takes the time from article:published_time of the same day.
 */
function preferPrecise(chosen: Parsed, all: Parsed[]): Parsed {
  if (chosen.date.precision !== 'date') return chosen;
  const field = chosen.candidate.field;
  const richer = all.filter(
    (p) => p.date.precision !== 'date' && day(p) === day(chosen) && (p.candidate.field === field || (field === 'date' && p.candidate.field === 'published')),
  );
  return best(richer) ?? chosen;
}

/**
 * `productPage`: the page declares itself a product (og:type product, a schema.org Product):
 * its markup dates are catalogue bookkeeping, so they need a shown date to stand.
 */
export function chooseDates(candidates: readonly Candidate[], options: ParseDateOptions, productPage = false): DateChoice {
  const parsed: Parsed[] = [];
  const seen = new Set<string>();
  // Pages repeat the same date string across meta tags, JSON-LD and elements: read each once.
  const readings = new Map<string, ParsedDate | null>();
  candidates.forEach((candidate, order) => {
    if (candidate.field !== 'published' && candidate.field !== 'modified' && candidate.field !== 'date') return;
    let date = readings.get(candidate.value);
    if (date === undefined) {
      date = parseDateString(candidate.value, options);
      readings.set(candidate.value, date);
    }
    if (!date) return;
    const dedupe = `${candidate.field}|${candidate.source}|${candidate.detail}|${date.iso}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    parsed.push({ candidate, date, order });
  });

  const published = parsed.filter((p) => p.candidate.field === 'published');
  const unknown = parsed.filter((p) => p.candidate.field === 'date');
  const modifiedList = parsed.filter((p) => p.candidate.field === 'modified');

  // Structured dates on the article itself stand alone; weaker ones (a WebPage's date, a
  // date far down the page) are used only when the page also shows that day somewhere.
  const strong = productPage
    ? null
    : best(published.filter((p) => (p.candidate.rank <= RANK.structuredPage - 5 || p.candidate.source === 'url') && p.candidate.position === undefined));
  const displayed = displayedDate(parsed);
  let chosen: Parsed | null = displayed;
  if (displayed && strong && day(displayed) !== day(strong) && displayed.candidate.field !== 'date') {
    // A shown date labelled "published" or "updated" that disagrees with the structured date is
    // most often a theme printing the modification date under a publication label.
    chosen = strong;
  }
  if (!chosen) {
    const shownDays = new Set(parsed.filter((p) => p.candidate.position !== undefined).map(day));
    const corroborated = [...published, ...unknown].filter((p) => shownDays.has(day(p)) && p.candidate.position === undefined);
    chosen = strong ?? best(corroborated) ?? displayedDate(parsed, WIDER_BEFORE_HEADLINE, WIDER_AFTER_HEADLINE);
  }
  const modifiedChosen = best(modifiedList);

  const list: DateCandidate[] = parsed
    .slice()
    .sort((a, b) => a.candidate.rank - b.candidate.rank || a.order - b.order)
    .slice(0, MAX_CANDIDATES)
    .map((p) => ({
      value: p.date.iso,
      raw: p.candidate.value.slice(0, 200),
      source: p.candidate.source as MetadataSource,
      detail: p.candidate.position !== undefined ? `${p.candidate.detail} ${describePosition(p.candidate.position)}` : p.candidate.detail,
      kind: p.candidate.field === 'date' ? 'unknown' : p.candidate.field === 'modified' ? 'modified' : 'published',
    }));

  const publishedDate: PublishedDate = chosen
    ? { ...stated(preferPrecise(chosen, parsed)), candidates: list }
    : { stated: null, source: null, raw: null, precision: null, candidates: list };
  return { published: publishedDate, modified: modifiedChosen ? stated(preferPrecise(modifiedChosen, parsed)) : null };
}
