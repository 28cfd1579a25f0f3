/** Host names as the server compares them: from a Host header or a URL's authority, without the port. */

/**
 * The host name of a Host header or an authority, without the port, in lower
 * case (host names are case-insensitive): "LOCALHOST:8080" → "localhost",
 * "[::1]:8080" → "[::1]".
 */
export function hostName(authority: string): string {
  const value = authority.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  const colon = value.indexOf(':');
  return colon < 0 ? value : value.slice(0, colon);
}

/** The set of allowed host names, compared as hostName() gives them; null allows any host. */
export function allowedHostSet(hosts: readonly string[] | null | undefined): ReadonlySet<string> | null {
  return hosts ? new Set(hosts.map((host) => host.toLowerCase())) : null;
}

/**
 * A Host header as this server accepts it: a DNS name or IPv4 address
 * (letters, digits, dots, hyphens, underscores) or a bracketed IPv6 literal,
 * with an optional port of 1 to 65535 digits' worth. No user information,
 * path, spaces or empty port: what a URL parser would read differently from
 * a plain comparison is refused before anything reads it.
 */
const HOST_HEADER = /^(?:\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i;

export function isWellFormedHost(header: string): boolean {
  const match = HOST_HEADER.exec(header);
  if (!match) return false;
  return match[1] === undefined || Number(match[1]) <= 65535;
}
