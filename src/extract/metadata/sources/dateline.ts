import { RANK, type Candidate } from '../candidates.js';
import { findDateMentions } from '../dates/parse-date.js';
import type { ParseDateOptions } from '../dates/types.js';

/** Only the opening of the article is read: dates further down are about the story, not of it. */
const DATELINE_WINDOW = 1200;
const PUBLISHED_CUE = /(?:published|posted|posté|publié|veröffentlicht|publicado|pubblicato|gepubliceerd|erschienen|first published|on)\s*:?\s*$/i;
const MODIFIED_CUE = /(?:updated|last updated|modified|mis à jour|aktualisiert|actualizado|aggiornato|atualizado|bijgewerkt|edited)\s*(?:on|at)?\s*:?\s*$/i;

/** The first dates written in visible text after the title: datelines such as "Published 12 April 2021". */
export function datelineCandidates(leadText: string, options: ParseDateOptions): Candidate[] {
  const text = leadText.slice(0, DATELINE_WINDOW);
  const candidates: Candidate[] = [];
  for (const mention of findDateMentions(text, options, 4)) {
    const before = text.slice(Math.max(0, mention.index - 30), mention.index);
    const field = MODIFIED_CUE.test(before) ? 'modified' : PUBLISHED_CUE.test(before) ? 'published' : 'date';
    // Nearer the title is more likely the article's own date.
    const rank = RANK.dateline + (field === 'published' ? -3 : 0) + mention.index / DATELINE_WINDOW;
    candidates.push({ field, value: mention.raw, source: 'dateline', detail: `text after title @${mention.index}`, rank });
  }
  return candidates;
}
