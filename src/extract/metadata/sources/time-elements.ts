import { RANK, type Candidate } from '../candidates.js';
import type { TimeElement } from '../page-scan.js';

/** An explicit "published" wins; then "updated"; then names that usually mean the post's date. */
const PUBLISHED_HINT = /publish|pubdate|date-pub|first-published/;
const MODIFIED_HINT = /modif|updated|update|last-?mod|revised/;
const POST_DATE_HINT = /post-date|postdate|entry-date|created|posted/;

/** <time> elements: the datetime attribute when given, else the element's text. */
export function timeElementCandidates(times: readonly TimeElement[], headlineOffset: number | null): Candidate[] {
  const candidates: Candidate[] = [];
  for (const time of times) {
    const value = time.datetime?.trim() || time.text;
    if (!value) continue;
    const hints = time.hints.replace(/\s+/g, ' ').trim();
    const detail = `time${time.datetime ? '[datetime]' : ''}${hints ? ` (${hints.slice(0, 80)})` : ''}`;
    const chromePenalty = time.inChrome ? 15 : 0;
    const position = time.textOffset - (headlineOffset ?? 0);
    if (time.pubdate || PUBLISHED_HINT.test(hints) || (POST_DATE_HINT.test(hints) && !MODIFIED_HINT.test(hints))) {
      candidates.push({ field: 'published', value, source: 'time-element', detail, rank: RANK.markedElement + chromePenalty, position });
    } else if (MODIFIED_HINT.test(hints)) {
      candidates.push({ field: 'modified', value, source: 'time-element', detail, rank: RANK.markedElement + chromePenalty, position });
    } else {
      const rank = RANK.unmarkedElement + (time.inArticle ? 0 : 5) + chromePenalty;
      candidates.push({ field: 'date', value, source: 'time-element', detail, rank, position });
    }
  }
  return candidates;
}
