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
