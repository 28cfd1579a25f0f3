/**
 * URL normalisation for recognising the same page across runs and sources.
 *
 * The rules are deliberately conservative: two URLs that canonicalise to the
 * same string must name the same resource on any reasonable server. A missed
 * merge only costs a duplicate row (which content-hash and near-duplicate
 * grouping still connect), while a wrong merge would make the ingest skip a
 * different page as "already stored". So:
 *
 * - scheme and host are lower-cased, a trailing dot on the host is dropped,
 *   and default ports (:80 for http, :443 for https) are removed: these never
 *   change the resource;
 * - user name and password are dropped: they are credentials, not identity;
 * - the fragment is dropped: it is never sent to the server;
 * - tracking parameters (utm_*, fbclid, gclid, mc_cid, …) are dropped: they
 *   are added by whoever shared the link and the server ignores them;
 * - the remaining query parameters are sorted by name (stable, so repeated
 *   names keep their order) and kept byte for byte as written, since
 *   re-encoding ("+" versus "%20") can change what some servers read;
 * - the path is kept as is, trailing slash included: "/a/" and "/a" are
 *   different resources on many servers, and "www." is kept on the host
 *   because some sites serve different pages with and without it.
 *
 * Anything that is not an absolute http(s) URL gives null.
 */
export function canonicalUrl(url: string | null): string | null {
  if (url === null) return null;
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // The URL parser already lower-cases scheme and host and drops default ports.
  let host = parsed.hostname;
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return null;
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  const query = canonicalQuery(parsed.search);
  return `${parsed.protocol}//${host}${port}${parsed.pathname}${query}`;
}

/** Longer than any real page URL; past it the string is not worth parsing. */
const MAX_URL_LENGTH = 8192;

/** Exact parameter names that only track who shared or clicked a link. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'cmpid',
  'ocid',
  'ncid',
  'sr_share',
]);

/** Name prefixes of tracking parameters (utm_source, utm_medium, …; hsa_cam, …). */
const TRACKING_PREFIXES = ['utm_', 'hsa_', 'pk_', 'mtm_'];

function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      return { pair, name: decodeName(rawName) };
    })
    .filter(({ name }) => !isTrackingParameter(name));
  if (pairs.length === 0) return '';
  // Array.prototype.sort is stable, so repeated names keep their relative order.
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `?${pairs.map(({ pair }) => pair).join('&')}`;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
