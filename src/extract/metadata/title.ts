/**
 * Chooses the article title among og:title, JSON-LD headline, <h1> and <title>, and strips
 * site names that pages append or prepend to <title> ("Headline | Site", "Site - Headline").
 */

const SEPARATOR = /\s+(?:\||–|—|-|::|·|•|»|«|\/\/|\/)\s+/;

function key(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function matchesSite(segment: string, siteNames: readonly string[]): boolean {
  const k = key(segment);
  if (!k) return true;
  return siteNames.some((site) => {
    const s = key(site);
    if (!s) return false;
    const host = key(site.replace(/\.[a-z.]+$/i, ''));
    return k === s || k === host || (s.length >= 4 && (k.includes(s) || s.includes(k)) && wordCount(segment) <= 5);
  });
}

/** "Headline | Site" → "Headline". Only segments that name the site, or short trailing labels, are dropped. */
export function stripSiteFromTitle(raw: string, siteNames: readonly string[]): string {
  // An empty segment before or after a separator ("| Site") leaves a separator at the edge.
  const title = raw.replace(/^\s*(?:\||–|—|-|::|·|•|»)\s+/, '').replace(/\s+(?:\||–|—|-|::|·|•|«)\s*$/, '');
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title.trim();
  const separators = title.match(new RegExp(SEPARATOR.source, 'g')) ?? [];
  let first = 0;
  let last = parts.length - 1;
  while (last > first && matchesSite(parts[last], siteNames)) last--;
  while (first < last && matchesSite(parts[first], siteNames)) first++;
  // Without a known site name, a short last segment after "|" is still most likely the site.
  if (last === parts.length - 1 && last > first) {
    const tail = parts[last];
    const rest = parts.slice(first, last).join(' ');
    if (wordCount(tail) <= 4 && rest.length >= tail.length * 2) last--;
  }
  let out = parts[first];
  for (let i = first + 1; i <= last; i++) out += (separators[i - 1] ?? ' - ') + parts[i];
  return out.trim();
}

/** Permalink marks that documentation generators append to headings ("Quickstart¶"). */
function withoutAnchorMarks(text: string): string {
  return text.replace(/[\s¶#🔗§]+$/u, '').trim();
}

/** Words of four letters or more, for comparing a headline with a declared title. */
function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((w) => w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')));
}

function sharesWords(a: string, b: string): boolean {
  const words = contentWords(b);
  for (const word of contentWords(a)) if (words.has(word)) return true;
  return false;
}

export interface TitleInputs {
  ogTitle: string | null;
  headline: string | null;
  otherMeta: string | null;
  h1: readonly string[];
  /** <h1> elements in the site header: compared with the declared title, never taken on their own. */
  siteHeaderH1?: readonly string[];
  titleTag: string | null;
  siteNames: readonly string[];
}

export interface TitleChoice {
  title: string | null;
  from: 'og' | 'headline' | 'meta' | 'h1' | 'title' | null;
}

/** A heading that agrees with the page's declared title is the title as readers see it. */
export function chooseTitle(inputs: TitleInputs): TitleChoice {
  const strip = (t: string | null): string | null => (t ? stripSiteFromTitle(t, inputs.siteNames) || null : null);
  const og = strip(inputs.ogTitle);
  const headline = inputs.headline?.trim() || null;
  const meta = strip(inputs.otherMeta);
  const titleTag = strip(inputs.titleTag);
  const declared = [og, headline, meta, titleTag].filter((t): t is string => Boolean(t));
  const declaredKeys = declared.map(key);
  for (const h1 of [...inputs.h1.slice(0, 5), ...(inputs.siteHeaderH1 ?? []).slice(0, 2)]) {
    const k = key(h1);
    if (k.length < 3) continue;
    if (declaredKeys.some((d) => d === k || (k.length >= 12 && d.includes(k)) || (d.length >= 12 && k.includes(d) && k.length < d.length * 1.5))) {
      return { title: withoutAnchorMarks(h1), from: 'h1' };
    }
  }
  // The page's own headline, as readers see it, even when the declared title says it differently.
  // A slogan-like heading that shares no word with the declared title is not the title.
  const shownHeadline = inputs.h1
    .map(withoutAnchorMarks)
    .find((h) => key(h).length >= 3 && !matchesSite(h, inputs.siteNames) && wordCount(h) <= 40 && (declared.length === 0 || declared.some((d) => sharesWords(h, d))));
  if (shownHeadline) return { title: shownHeadline, from: 'h1' };
  if (og) return { title: og, from: 'og' };
  if (headline) return { title: headline, from: 'headline' };
  if (meta) return { title: meta, from: 'meta' };
  if (titleTag) return { title: titleTag, from: 'title' };
  const h1 = inputs.h1.find((h) => key(h).length >= 3);
  return h1 ? { title: h1.trim(), from: 'h1' } : { title: null, from: null };
}
