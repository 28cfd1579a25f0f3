/**
 * robots.txt as RFC 9309 defines it, plus the common Crawl-delay extension.
 *
 * Groups start with one or more `user-agent` lines; the rules of every group
 * naming our product token (case-insensitively) apply, else those of `*`
 * groups, else none. Of the `allow`/`disallow` rules whose pattern matches a
 * URL's path and query, the longest pattern wins, and `allow` wins a tie.
 * `*` matches any run of characters and a final `$` anchors the end.
 * `/robots.txt` itself is always allowed.
 */

export interface RobotsRule {
  allow: boolean;
  /** The pattern as written (percent-encoding normalised). */
  pattern: string;
}

export interface RobotsRules {
  rules: readonly RobotsRule[];
  /** Seconds asked between requests (Crawl-delay), or null when none is given for us. */
  crawlDelaySeconds: number | null;
}

/** Nothing is restricted: what a missing (4xx) robots.txt means. */
export const ALLOW_ALL: RobotsRules = { rules: [], crawlDelaySeconds: null };
/** Nothing may be fetched: what an unreachable (5xx) robots.txt means. */
export const DISALLOW_ALL: RobotsRules = { rules: [{ allow: false, pattern: '/' }], crawlDelaySeconds: null };

interface Group {
  agents: string[];
  rules: RobotsRule[];
  crawlDelay: number | null;
}

/** The product token of a user-agent value ("Googlebot/2.1 (+http…)" → "googlebot"). */
function productToken(value: string): string {
  return (/^[A-Za-z_*-]+/.exec(value.trim())?.[0] ?? '').toLowerCase();
}

/** Parses robots.txt text and keeps the rules that apply to `userAgentToken`. */
export function parseRobots(text: string, userAgentToken: string): RobotsRules {
  const groups: Group[] = [];
  let current: Group | null = null;
  // Consecutive user-agent lines share one group; a rule line closes the list of agents.
  let collectingAgents = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent' || key === 'useragent' || key === 'user agent') {
      if (!collectingAgents || current === null) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
        collectingAgents = true;
      }
      current.agents.push(productToken(value));
      continue;
    }
    if (current === null) continue; // rules before any user-agent line belong to no group
    collectingAgents = false;
    if (key === 'allow' || key === 'disallow') {
      // An empty disallow means "nothing is disallowed": no rule.
      if (value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: normalizePattern(value) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  const token = userAgentToken.toLowerCase();
  let chosen = groups.filter((group) => group.agents.includes(token));
  if (chosen.length === 0) chosen = groups.filter((group) => group.agents.includes('*'));
  const delays = chosen.map((group) => group.crawlDelay).filter((delay): delay is number => delay !== null);
  return {
    rules: chosen.flatMap((group) => group.rules),
    crawlDelaySeconds: delays.length > 0 ? Math.max(...delays) : null,
  };
}

/** True when the rules let a crawler fetch `url` (its path and query are what is matched). */
export function isAllowedByRobots(rules: RobotsRules, url: URL | string): boolean {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const target = normalizePath(`${parsed.pathname}${parsed.search}`);
  if (target === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const rule of rules.rules) {
    if (!patternMatches(rule.pattern, target)) continue;
    const length = patternLength(rule.pattern);
    const bestLength = best === null ? -1 : patternLength(best.pattern);
    if (length > bestLength || (length === bestLength && rule.allow && !best?.allow)) best = rule;
  }
  return best === null || best.allow;
}

/** How long a pattern counts for precedence: its characters, wildcards included, as RFC 9309 measures octets. */
function patternLength(pattern: string): number {
  return pattern.length;
}

/** Matches a pattern against a path: `*` is any run of characters, a trailing `$` the end of the path. */
export function patternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const pieces = body.split('*');
  // The first piece must be a prefix; each later piece is found greedily-leftmost after the previous one.
  if (!path.startsWith(pieces[0])) return false;
  let position = pieces[0].length;
  for (let index = 1; index < pieces.length; index++) {
    const piece = pieces[index];
    const isLast = index === pieces.length - 1;
    if (isLast && anchored) {
      // The last piece must end the path, after `position`.
      return path.length - piece.length >= position && path.endsWith(piece);
    }
    const found = path.indexOf(piece, position);
    if (found < 0) return false;
    position = found + piece.length;
  }
  return anchored ? position === path.length : true;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Puts a path into one spelling so that patterns and URLs compare equal when
 * they mean the same: characters outside ASCII are percent-encoded as UTF-8,
 * escapes of unreserved characters are decoded, other escapes upper-cased.
 */
export function normalizePath(path: string): string {
  let out = '';
  for (let index = 0; index < path.length; index++) {
    const char = path[index];
    if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(path.slice(index + 1, index + 3))) {
      const decoded = String.fromCharCode(parseInt(path.slice(index + 1, index + 3), 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${path.slice(index + 1, index + 3).toUpperCase()}`;
      index += 2;
    } else if (char.charCodeAt(0) > 0x7e || char.charCodeAt(0) < 0x21) {
      const codePoint = path.codePointAt(index) ?? 0;
      if (codePoint > 0xffff) index++;
      for (const byte of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += char;
    }
  }
  return out;
}

function normalizePattern(pattern: string): string {
  // Runs of `*` mean the same as one; a pattern not starting with "/" or "*" is read as starting with "/".
  const collapsed = normalizePath(pattern).replace(/\*+/g, '*');
  return collapsed.startsWith('/') || collapsed.startsWith('*') ? collapsed : `/${collapsed}`;
}
