/**
 * Turns byline strings into person names: strips "By"/"Von"/"Par…", cuts dates and roles that
 * follow, splits "A, B and C", drops e-mail addresses, URLs, handles, credentials
 * ("PhD", "RD") and generic signatures ("Staff", "Admin", the site's own name).
 */

const LEAD_CUE =
  /^(?:(?:written|posted|reported|reporting|story|text|words|article|published|photos?|edited|compiled|interview|more about|more from|all posts|posts|articles|authored|recipe|post|insights)\s*)?(?:by|von|par|por|di|door|av|af|från|przez|автор|от)\s*:?\s+|^(?:authors?|autor(?:in|en)?|auteur|autore|autores|redactor|byline|written by|posted by|more about|more from)\s*(?::\s*|\s+(?=[A-Z]))/i;
/** "ByJane Doe", "Written byJane Doe": the cue glued to the name by markup that lost its space. */
const GLUED_CUE = /^(?:[Ww]ritten\s*)?[Bb]y(?=\p{Lu}\p{Ll})/u;

/** Where a byline stops being names: dates, times, "Updated", separators, roles in parentheses. */
const TAIL_CUT = new RegExp(
  [
    String.raw`\s+[|•·–—»]\s*`,
    String.raw`\s+-\s+`,
    String.raw`\s*\((?!\s*(?:jr|sr)\b)`,
    String.raw`,?\s+(?:on|am|le|el|il|op|em|the)\s+(?=\d|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`,
    String.raw`,?\s*\b(?:updated|published|posted|last updated|modified|reviewed|fact[- ]checked|mis à jour|publié|aktualisiert|veröffentlicht|actualizado|publicado)\b`,
    String.raw`\s+\d{1,2}[:/.]\d`,
    String.raw`\s+\d{4}\b`,
    String.raw`\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d`,
    String.raw`\s+\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`,
    String.raw`\s+(?:says|said|wrote|commented)\b`,
    String.raw`\s+\d{1,2}(?:st|nd|rd|th)\b`,
    String.raw`\s+(?:silver|gold|bronze|platinum|senior|junior|new|well-known|active|registered|verified)?\s*(?:member|partner|moderator|user|poster)\s+\d`,
    String.raw`\s+(?:sponsored|verified|follow|view profile|see all)\b`,
    String.raw`\s+\d+\s*(?:min|minute|minutes)\b`,
    String.raw`\s*\bread(?:ing)? time\b`,
  ].join('|'),
  'i',
);

const SPLIT = /\s*(?:,|;|&|\+|\/|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bwith\b|\bmit\b|\bavec\b|\bcon\b|\bи\b)\s*/;

/** Degrees and certifications written after a name. */
const CREDENTIAL =
  /^(?:ph\.?\s?d\.?|m\.?d\.?|d\.?o\.?|r\.?n\.?|m\.?s\.?|m\.?a\.?|b\.?a\.?|b\.?s\.?|r\.?d\.?n?|l\.?d\.?n\.?|mba|mph|msc|bsc|cpa|cfa|cfp|jd|esq\.?|llm|faap|facp|fand|cscs|nasm|ace|cpt|e-?ryt(?:\s*\d+)?|ryt(?:\s*\d+)?|ibclc|cde|cdces|dpt|pharm\.?d|np|pa-c|lcsw|lmft|psyd|edd|dds|dmd|dvm|jr\.?|sr\.?|ii|iii|iv)$/i;

const GENERIC =
  /^(?:staff|admin|administrator|administrador|editor|editors|editorial|editorial staff|editorial team|editorial board|the editors|newsroom|news desk|news staff|web desk|webdesk|desk|redaktion|rédaction|redazione|redacción|redação|redactie|guest|guest author|guest post|contributor|contributors|staff writer|staff reporter|correspondent|unknown|anonymous|anonym|author|authors|user|webmaster|root|team|null|undefined|none|n\/a|more|view all posts|all posts|see all|follow|by|posts|topic author|original poster|op|sign in|log in|login|home|privacy|rank|share|menu|search|subscribe|more|about|about us|contact|reply|quote|posted|via|from|category|categories|services|guide|tags|filed under|sort by|trier par|ordenar por|sortieren nach|register now|read more|learn more)$/i;

export interface AuthorCleanOptions {
  /** The site's name and host, dropped when a byline only names the site. */
  siteNames?: readonly string[];
}

function normaliseKey(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A CMS slug or machine id rather than a name people go by: "brandon-peaktwo",
 * "mdelatorreq6vkpg2ma0ci". Forum handles such as "paulb203" are what those authors go by and stay.
 */
function looksLikeHandle(name: string): boolean {
  if (/\s/.test(name)) return false;
  if (/^\p{Ll}+(?:-\p{Ll}+)+$/u.test(name)) return true;
  return name.length >= 12 && (name.match(/\d/g)?.length ?? 0) >= 3 && /\p{L}/u.test(name);
}

const ORGANISATION_WORD =
  /\b(?:inc|llc|ltd|gmbh|corp|company|group|media|news|press|magazine|blog|team|staff|network|agency|studio|studios|labs?|solutions|services|online|digital|university|college|school|institute|foundation|association|society|journal|times|post|daily|weekly|radio|tv|official)\b/i;

/** Two or three capitalised words with no organisation word: "Kristian Larsen". */
function looksLikePersonName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w)) && !ORGANISATION_WORD.test(name);
}

function looksLikeName(name: string): boolean {
  if (name.length < 2 || name.length > 60) return false;
  if (looksLikeHandle(name)) return false;
  // A date or a weekday read from a byline element is not a name.
  if (/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$|\b(?:updated|published|written by)\b/i.test(name)) return false;
  if (!/\p{L}/u.test(name)) return false;
  if (/[@<>{}=\\*#|]|https?:|www\.|\.(?:com|org|net|io|co)\b/i.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.length > 5) return false;
  // Sentences are not names: too many lower-case words ("view all posts by", "the author of").
  const lower = words.filter((w) => /^\p{Ll}/u.test(w) && !/^(?:de|da|van|von|der|den|del|la|le|di|du|dos|das|bin|al|ter|ten|y|e|zu)$/.test(w));
  // All lower case is fine for a short name ("kirstin boatto"), not for a phrase.
  if (words.length > 2 && lower.length > 1) return false;
  return true;
}

/**
 * Cleans one byline string into zero or more names. A byline split over lines (name, then role,
 * then bio) is read line by line and the first line that names someone wins.
 */
export function namesFromByline(raw: string, options: AuthorCleanOptions = {}): string[] {
  if (raw.includes('\n')) {
    for (const line of raw.split('\n').slice(0, 8)) {
      const names = namesFromLine(line, options);
      if (names.length > 0) return names;
    }
    return [];
  }
  return namesFromLine(raw, options);
}

function namesFromLine(raw: string, options: AuthorCleanOptions): string[] {
  let text = raw.replace(/[\s\u00a0]+/g, ' ').trim().slice(0, 300);
  // "Jane says:" heads a comment, not the article.
  if (/\b(?:says|said|wrote)\s*:?\s*$/i.test(text)) return [];
  if (/^https?:\/\/\S+$/i.test(text) || /^[\w.+-]+@[\w-]+\.[\w.]+$/.test(text)) return [];
  text = text.replace(/\S+@\S+\.\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/(?:^|\s)@\w+/g, ' ').trim();
  for (let i = 0; i < 2; i++) text = text.replace(LEAD_CUE, '').replace(GLUED_CUE, '').trim();
  const cut = TAIL_CUT.exec(text);
  if (cut && cut.index > 0) text = text.slice(0, cut.index);
  const siteKeys = new Set((options.siteNames ?? []).map(normaliseKey).filter(Boolean));
  const names: string[] = [];
  for (const part of text.split(SPLIT)) {
    const name = part.replace(/^[\s"'“”‘’«»:.,-]+|[\s"'“”‘’«»:,-]+$/g, '').trim();
    if (!name || CREDENTIAL.test(name) || GENERIC.test(name)) continue;
    const key = normaliseKey(name);
    const namesSite = siteKeys.has(key) || [...siteKeys].some((site) => site.length > 3 && (key === site.split('.')[0] || site.startsWith(key + '.')));
    // A personal site is named after its author: keep a person's name even when it is the site's.
    if (namesSite && !looksLikePersonName(name)) continue;
    if (!looksLikeName(name)) continue;
    names.push(name);
  }
  return names;
}

/** Cleans and merges bylines, dropping duplicates and names contained in a fuller one ("Smith" beside "Jane Smith"). */
export function cleanAuthors(bylines: readonly string[], options: AuthorCleanOptions = {}): string[] {
  const names: string[] = [];
  const keys: string[] = [];
  for (const byline of bylines.slice(0, 50)) {
    for (const name of namesFromByline(byline, options)) {
      const key = normaliseKey(name);
      if (keys.some((k) => k === key || k.includes(key))) continue;
      const longer = keys.findIndex((k) => key.includes(k));
      if (longer >= 0) {
        names[longer] = name;
        keys[longer] = key;
        continue;
      }
      names.push(name);
      keys.push(key);
    }
  }
  return names.slice(0, 20);
}
