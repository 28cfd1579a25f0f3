import { lookup as dnsLookup } from 'node:dns/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { WHOSAID_VERSION } from '../../version.js';
import { MAX_INPUT_BYTES } from '../limits.js';
import { ALLOW_PRIVATE_HINT, addressPolicy, type AddressPolicy, type AddressPolicyOptions } from './address-policy.js';
import { ContentEncodingProblem, decodeBody, parseContentEncoding } from './content-encoding.js';

/**
 * One HTTP(S) GET, made safe to point at arbitrary URLs: every connection
 * (the first and each redirect) goes through a DNS lookup that drops
 * refused addresses (see address-policy.ts), IP literals are judged before
 * connecting, only http(s) without credentials is followed, the body is
 * decoded and capped, and one timer bounds the whole exchange.
 */

export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = `whosaid/${WHOSAID_VERSION} (news page reader)`;

/** One resolved address, as `dns.lookup(…, {all: true})` returns it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Turns a host name into addresses; the system resolver by default, replaceable in tests. */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Connection pools to reuse across fetches (keep-alive); made by `createTransportAgents`. */
export interface TransportAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

export interface HttpGetOptions extends AddressPolicyOptions {
  /** The whole exchange (connections, redirects, body) must finish within this. */
  timeoutMs?: number;
  /** Decoded body bytes kept; the rest is not downloaded and the body is marked cut. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  accept?: string;
  /** Name resolution; the system's by default. Whatever it returns is still judged by the address policy. */
  resolveHost?: ResolveHost;
  /** Refuses a successful response by its Content-Type before the body is read: returns the problem, or null. */
  checkContentType?: (contentType: string | null) => string | null;
  /** Pools to reuse; without them each fetch opens its own connections. */
  agents?: TransportAgents;
  /** Cancels the exchange from outside. */
  signal?: AbortSignal;
  /** Certificate authorities trusted for HTTPS instead of the system's (a private CA, a test server). */
  ca?: string | readonly string[];
}

export interface HttpResponseData {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  contentType: string | null;
  /** The decoded body; empty for a status other than 2xx (it is not read). */
  bytes: Uint8Array;
  truncated: boolean;
  warnings: string[];
  redirects: number;
}

export type FetchFailureKind = 'invalid-url' | 'refused' | 'redirects' | 'timeout' | 'network' | 'content';

/** Why a fetch failed, in words fit for an InputError (`problem`), and of what kind. */
export class FetchFailure extends Error {
  override name = 'FetchFailure';
  constructor(
    readonly problem: string,
    readonly kind: FetchFailureKind,
    /** True when the failure happened after following a redirect. */
    readonly afterRedirect = false,
  ) {
    super(problem);
  }
}

/** A connection refused by the address policy; raised inside the lookup so it fails the connect itself. */
class RefusedAddress extends Error {
  override name = 'RefusedAddress';
  readonly code = 'EWHOSAIDREFUSED';
}

export function createTransportAgents(): TransportAgents {
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };
}

export function destroyTransportAgents(agents: TransportAgents): void {
  agents.http.destroy();
  agents.https.destroy();
}

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Performs the GET. Throws FetchFailure; a non-2xx final status is returned, not thrown. */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpResponseData> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const policy = addressPolicy(options);
  const lookup = guardedLookup(policy, options.resolveHost ?? systemResolve);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  const timedOut = (): boolean => controller.signal.aborted;

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    clearTimeout(timer);
    throw new FetchFailure('not a valid URL', 'invalid-url');
  }
  let redirects = 0;
  // Problems on a later hop say where the redirect led.
  const where = (): string => (redirects > 0 ? `redirected to ${current.href}: ` : '');
  try {
    for (;;) {
      const refusal = refuseUrl(current, policy);
      if (refusal) throw new FetchFailure(`${where()}${refusal}`, refusal.startsWith('refused') ? 'refused' : 'invalid-url', redirects > 0);
      let response: IncomingMessage;
      try {
        response = await sendRequest(current, lookup, signal, options);
      } catch (error) {
        if (error instanceof RefusedAddress) throw new FetchFailure(`${where()}refused: ${error.message} (${ALLOW_PRIVATE_HINT})`, 'refused', redirects > 0);
        throw error;
      }
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (isRedirect(status) && location) {
        response.destroy();
        if (redirects >= maxRedirects) throw new FetchFailure(`too many redirects (more than ${maxRedirects})`, 'redirects', true);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new FetchFailure(`${where()}redirected to an invalid URL (${JSON.stringify(location.slice(0, 200))})`, 'invalid-url');
        }
        current = next;
        redirects++;
        continue;
      }
      const contentType = headerValue(response.headers['content-type']);
      const base = { url: current.href, status, statusText: response.statusMessage ?? '', headers: response.headers, contentType, redirects };
      if (status < 200 || status >= 300) {
        response.destroy();
        return { ...base, bytes: new Uint8Array(0), truncated: false, warnings: [] };
      }
      const contentProblem = options.checkContentType?.(contentType) ?? null;
      if (contentProblem) {
        response.destroy();
        throw new FetchFailure(contentProblem, 'content');
      }
      try {
        const body = await decodeBody(response, parseContentEncoding(response.headers['content-encoding']), { maxBytes });
        return { ...base, bytes: body.bytes, truncated: body.truncated, warnings: body.warnings };
      } catch (error) {
        if (error instanceof ContentEncodingProblem) throw new FetchFailure(error.message, 'content');
        throw error;
      } finally {
        response.destroy();
      }
    }
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (timedOut()) throw new FetchFailure(`timed out after ${timeoutMs} ms`, 'timeout', redirects > 0);
    if (signal.aborted) throw new FetchFailure(`${where()}cancelled`, 'network', redirects > 0);
    throw new FetchFailure(`${where()}${networkProblem(error)}`, 'network', redirects > 0);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a URL is not fetched at all (scheme, credentials, a refused literal address or host name), or null. */
function refuseUrl(url: URL, policy: AddressPolicy): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `unsupported URL scheme "${url.protocol}"`;
  // Credentials in a URL are a classic way to disguise where it leads (http://trusted.example@10.0.0.5/).
  if (url.username !== '' || url.password !== '') return 'refused: URLs with a user name or password are not fetched';
  const host = bareHost(url);
  const nameReason = policy.refuseName(host);
  if (nameReason) return `refused: ${nameReason} (${ALLOW_PRIVATE_HINT})`;
  if (isIP(host) !== 0) {
    const reason = policy.refuse(host);
    if (reason) return `refused: ${reason} (${ALLOW_PRIVATE_HINT})`;
  }
  return null;
}

function bareHost(url: URL): string {
  return url.hostname.startsWith('[') && url.hostname.endsWith(']') ? url.hostname.slice(1, -1) : url.hostname;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

/**
 * The lookup every connection uses: resolves the name, keeps only the
 * addresses the policy allows, and fails the connection when none is left.
 * Because Node calls it when the socket connects, each redirect and each new
 * connection is judged on the addresses it actually uses.
 */
function guardedLookup(policy: AddressPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((entry) => entry.family === lookupOptions.family) : addresses;
        const allowed = wanted.filter((entry) => policy.refuse(entry.address) === null);
        if (allowed.length === 0) {
          const reason = wanted.map((entry) => policy.refuse(entry.address)).find((text) => text !== null);
          const error = reason
            ? new RefusedAddress(`${hostname} resolves to ${reason.replace(/^\S+ is /, (match) => `${match.slice(0, -4)}, `)}`)
            : Object.assign(new Error(`no address found for ${hostname}`), { code: 'ENOTFOUND' });
          callback(error, '', 0);
          return;
        }
        if (lookupOptions.all) (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [...allowed]);
        else callback(null, allowed[0].address, allowed[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function sendRequest(url: URL, lookup: LookupFunction, signal: AbortSignal, options: HttpGetOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const agent = options.agents ? (secure ? options.agents.https : options.agents.http) : false;
    const request = send(
      {
        protocol: url.protocol,
        hostname: bareHost(url),
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent,
        lookup,
        signal,
        ...(secure && options.ca !== undefined ? { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] } : {}),
        headers: {
          'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
          accept: options.accept ?? 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
      resolve,
    );
    request.once('error', reject);
    request.end();
  });
}

function networkProblem(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
      return 'host not found';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'host unreachable';
    default:
      if (/CERT|SSL|TLS/i.test(code)) return `TLS problem (${code})`;
      return `fetch failed (${cause instanceof Error ? cause.message : String(cause)})`;
  }
}
