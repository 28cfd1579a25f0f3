import { RANK, type Candidate } from '../candidates.js';

/*
 * Bylines written in the visible text around the headline: "By Jane Doe and John Roe",
 * "Written by Jane Doe", "Von Jana Muster". The cue must be capitalised (or be "written by"),
 * so "by" inside a sentence is not read as a byline. Names are capitalised words.
 */
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|der|den|da|di|del|la|le|du|dos|bin|al)){0,4}`;
/**
 * The cue starts a line (a block of its own) or follows a separator; the names end the line or
 * are followed by punctuation, a date or a role, so "Shop By Brand" and "by the way" are not bylines.
 */
const BYLINE = new RegExp(
  String.raw`(?:^|\n|[|•·(])[ \t]*(?:By|BY|[Ww]ritten[ \t]+by|[Pp]osted[ \t]+by|[Ww]ords[ \t]+by|[Rr]eported[ \t]+by|Von|Par|Por|Door|Di|Av|Af)[ \t]*:?[ \t\n]+(${NAME}(?:[ \t]*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)[ \t\n]*${NAME}){0,4})(?=[ \t]*(?:$|\n|[,|•·()\-–—:]|\d|on\b|am\b|le\b|updated|published))`,
  'gu',
);
/** Within this many characters of the headline, a byline belongs to the article. */
const WINDOW_AFTER = 800;
const WINDOW_BEFORE = 240;

export function bylineTextCandidates(leadText: string, preHeadlineText: string): Candidate[] {
  const candidates: Candidate[] = [];
  const windows: { text: string; detail: string; rank: number }[] = [
    { text: leadText.slice(0, WINDOW_AFTER), detail: 'text after title', rank: RANK.hintedElement + 2 },
    { text: preHeadlineText.slice(-WINDOW_BEFORE), detail: 'text before title', rank: RANK.hintedElement + 4 },
  ];
  for (const { text, detail, rank } of windows) {
    for (const m of text.matchAll(BYLINE)) {
      candidates.push({ field: 'author', value: m[1], source: 'dom', detail: `${detail}: "${m[0].trim().slice(0, 40)}"`, rank: rank + m.index / 1000 });
      break;
    }
  }
  return candidates;
}
