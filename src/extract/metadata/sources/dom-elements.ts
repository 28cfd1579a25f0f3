import { RANK, type Candidate } from '../candidates.js';
import type { AuthorLink, HintedElement } from '../page-scan.js';

/** An explicit "published" wins; then "updated"; then names that usually mean the post's date. */
const PUBLISHED_HINT = /publish|pubdate|date-pub/;
const MODIFIED_HINT = /modif|updated|update|last-?mod|revised/;
const POST_DATE_HINT = /post-date|postdate|entry-date|posted|created|dateline|article-date|story-date/;
/** Dates in comment, copyright or event markup are not the article's. */
const FOREIGN_HINT = /comment|copyright|event|expire|deadline|birth|footer|calendar|archive|widget|reply/;

/** Elements whose class or id says they hold a date: their text, read by the date parser later. */
export function dateElementCandidates(elements: readonly HintedElement[], headlineOffset: number | null): Candidate[] {
  const candidates: Candidate[] = [];
  for (const element of elements) {
    if (FOREIGN_HINT.test(element.hints)) continue;
    const detail = `${element.tag}.${element.hints.trim().replace(/\s+/g, '.').slice(0, 80)}`;
    const penalty = (element.inChrome ? 15 : 0) + Math.min(element.order, 10) * 0.1;
    const hints = element.hints;
    const field = PUBLISHED_HINT.test(hints) || (POST_DATE_HINT.test(hints) && !MODIFIED_HINT.test(hints)) ? 'published' : MODIFIED_HINT.test(hints) ? 'modified' : 'date';
    const rank = field === 'date' ? RANK.hintedElement + 5 + penalty : RANK.hintedElement + penalty;
    candidates.push({ field, value: element.text, source: 'dom', detail, rank, position: element.textOffset - (headlineOffset ?? 0) });
  }
  return candidates;
}

/** Elements whose class or id says they hold a byline, and rel=author links. */
export function bylineCandidates(bylines: readonly HintedElement[], links: readonly AuthorLink[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const link of links) {
    if (link.text) candidates.push({ field: 'author', value: link.text, source: 'dom', detail: 'a[rel=author]', rank: RANK.hintedElement - 5 });
  }
  for (const element of bylines) {
    const detail = `${element.tag}.${element.hints.trim().replace(/\s+/g, '.').slice(0, 80)}`;
    const penalty = (element.inChrome ? 15 : 0) + Math.min(element.order, 20) * 0.1;
    candidates.push({ field: 'author', value: element.text, source: 'dom', detail, rank: RANK.hintedElement + penalty });
  }
  return candidates;
}
