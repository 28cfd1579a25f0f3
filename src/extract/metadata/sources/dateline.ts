import { RANK, type Candidate } from '../candidates.js';
import { findDateMentions, type DateMention } from '../dates/parse-date.js';
import type { ParseDateOptions } from '../dates/types.js';

/** Only the opening of the article is read: dates further down are about the story, not of it. */
const DATELINE_WINDOW = 1200;
const PUBLISHED_CUE = /(?:published|posted|posté|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|erschienen|first published|on)\s*:?\s*$/i;
const MODIFIED_CUE = /(?:updated|last updated|modified|mis à jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt|edited)\s*(?:on|at)?\s*:?\s*$/i;
/** Dates that belong to someone or something else: a member's join date, an event, an offer. */
const FOREIGN_CUE = /(?:joined|member since|registered|since|seit|depuis|desde|expires?|valid until|until|deadline|due|born|event|©|copyright)\s*(?:on|:)?\s*$/i;

type Kind = 'published' | 'modified' | 'date' | null;

/** What the words just before a date say it is; null for someone else's date. */
function kindFromCue(text: string, mention: DateMention): Kind {
  const before = text.slice(Math.max(0, mention.index - 30), mention.index);
  if (FOREIGN_CUE.test(before)) return null;
  if (MODIFIED_CUE.test(before)) return 'modified';
  if (PUBLISHED_CUE.test(before)) return 'published';
  return 'date';
}

/**
 * The dates written in visible text around the title: datelines such as "Published 12 April 2021"
 * after it, or "February 4, 2025 - 11 minutes" just above it. Positions are counted from the
 * title, negative above it.
 */
export function datelineCandidates(leadText: string, preHeadlineText: string, options: ParseDateOptions): Candidate[] {
  const candidates: Candidate[] = [];
  const above = findDateMentions(preHeadlineText, options, 10);
  const last = above[above.length - 1];
  const lastKind = last ? kindFromCue(preHeadlineText, last) : null;
  if (last && lastKind) {
    const position = Math.min(-1, last.index + last.length - preHeadlineText.length);
    candidates.push({ field: lastKind, value: last.raw, source: 'dateline', detail: 'text before title', rank: RANK.dateline + 1, position });
  }
  const text = leadText.slice(0, DATELINE_WINDOW);
  for (const mention of findDateMentions(text, options, 4)) {
    const kind = kindFromCue(text, mention);
    if (!kind) continue;
    // Nearer the title is more likely the article's own date.
    const rank = RANK.dateline + (kind === 'published' ? -3 : 0) + mention.index / DATELINE_WINDOW;
    candidates.push({ field: kind, value: mention.raw, source: 'dateline', detail: 'text after title', rank, position: mention.index });
  }
  return candidates;
}
