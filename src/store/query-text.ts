/**
 * Turning what a user types into safe database input: full-text queries that
 * can never be an FTS syntax error, name keys for matching speakers and
 * entities, and the shared page filters.
 */

/** Letters, digits and combining marks: what the unicode61 tokenizer keeps as token characters. */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
/** Bounds on what one query reads, so a pasted essay cannot make a huge query. */
const MAX_QUERY_CHARS = 1000;
const MAX_QUERY_TERMS = 32;

/**
 * Search terms as an FTS5 expression: each bare word and each "quoted phrase"
 * becomes a double-quoted phrase of its tokens, and the terms are ANDed. Only
 * letters, digits and spaces ever reach the expression, so operators (AND, OR,
 * NEAR, *, ^, :, parentheses) in the input are read as words or dropped and no
 * input can produce a syntax error. A word with inner punctuation ("U.S.",
 * "covid-19") stays one phrase of its parts. Null when nothing searchable is left.
 */
export function ftsExpression(text: string): string | null {
  const terms: string[] = [];
  for (const match of text.slice(0, MAX_QUERY_CHARS).matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const tokens = (match[1] ?? match[2] ?? '').match(TOKEN);
    if (tokens === null) continue;
    const phrase = `"${tokens.join(' ')}"`;
    if (!terms.includes(phrase)) terms.push(phrase);
    if (terms.length >= MAX_QUERY_TERMS) break;
  }
  return terms.length === 0 ? null : terms.join(' AND ');
}

/** The expression restricted to some columns of an FTS table. */
export function ftsInColumns(expression: string, columns: readonly string[]): string {
  return `{${columns.join(' ')}} : (${expression})`;
}

/**
 * A name as a matching key: diacritics removed, lower-cased, a possessive 's
 * dropped, punctuation turned to spaces ("Dmitry S. Peskov" → "dmitry s peskov").
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’]s\b/giu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct words of a name key. */
export function nameParts(key: string): string[] {
  return [...new Set(key.split(' ').filter((part) => part !== ''))];
}

const PRONOUNS = new Set([
  'i', 'me', 'we', 'us', 'you', 'he', 'him', 'she', 'her', 'it', 'they', 'them', 'one', 'who',
  'this', 'that', 'these', 'those', 'someone', 'somebody', 'everyone', 'anyone', 'nobody',
]);
const LEADING_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);

/**
 * The key a quote's speaker is counted and matched under. A resolved speaker
 * counts under its canonical name (pronouns resolved to a person count under
 * that person). A source the analysis could not resolve counts only when it
 * reads as a name (a capitalised word besides a leading determiner, e.g.
 * "Reuters", "the Kremlin"): unresolved "he" or "officials" would otherwise
 * top every speaker list while saying nothing about who spoke.
 */
export function speakerKey(resolvedName: string | null, source: string | null): string | null {
  if (resolvedName !== null) {
    const key = nameKey(resolvedName);
    return key === '' || PRONOUNS.has(key) ? null : key;
  }
  if (source === null) return null;
  const key = nameKey(source);
  if (key === '' || PRONOUNS.has(key)) return null;
  const words = source.trim().split(/\s+/);
  if (words.length > 0 && LEADING_DETERMINERS.has((words[0] as string).toLowerCase())) words.shift();
  return words.some((word) => /^\p{Lu}/u.test(word)) ? key : null;
}

/** A host as outlets are matched: lower-cased, without "www." or a trailing dot; the host of a URL when given one. */
export function hostKey(value: string | null): string | null {
  if (value === null) return null;
  let host = value.trim().toLowerCase();
  if (host.includes('://')) {
    try {
      host = new URL(host).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return host === '' ? null : host;
}

/** The day (YYYY-MM-DD) an ISO date or timestamp starts with, or null. */
export function isoDay(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * A query bound as a day to compare with: "2017" is 2017-01-01 as a lower
 * bound and 2017-12-31 as an upper one, "2017-05" likewise; a timestamp
 * counts as its day. Throws for anything that is not a date.
 */
export function dayBound(value: string, edge: 'from' | 'to'): string {
  const trimmed = value.trim();
  const day = isoDay(trimmed);
  if (day !== null) return day;
  if (/^\d{4}$/.test(trimmed)) return edge === 'from' ? `${trimmed}-01-01` : `${trimmed}-12-31`;
  if (/^\d{4}-\d{2}$/.test(trimmed)) return edge === 'from' ? `${trimmed}-01` : `${trimmed}-31`;
  throw new RangeError(`${edge}: "${value}" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)`);
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** The page size and offset of a query, within bounds. */
export function pageBounds(query: { limit?: number; offset?: number } | undefined): { limit: number; offset: number } {
  const limit = query?.limit;
  const offset = query?.offset;
  return {
    limit: limit === undefined || !Number.isFinite(limit) ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit))),
    offset: offset === undefined || !Number.isFinite(offset) ? 0 : Math.max(0, Math.floor(offset)),
  };
}
