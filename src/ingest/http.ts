import { InputError, type PageInput } from './input.js';
import type { AddressPolicyOptions } from './fetch/address-policy.js';
import { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, DEFAULT_USER_AGENT, FetchFailure, httpGet, type ResolveHost, type TransportAgents } from './fetch/transport.js';

export { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, DEFAULT_USER_AGENT };

export interface FetchPageOptions extends AddressPolicyOptions {
  /** The whole exchange (redirects and body included) must finish within this. */
  timeoutMs?: number;
  /** Bytes of body kept; the rest is not downloaded and the page is marked cut. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** A publication date known from outside (e.g. a manifest), carried along. */
  published?: string | null;
  /** How the input is named in results; the URL by default. */
  input?: string;
  /** Name resolution (tests); whatever it returns is still judged by the address policy. */
  resolveHost?: ResolveHost;
  /** Connection pools to reuse across fetches. */
  agents?: TransportAgents;
  signal?: AbortSignal;
}

/** Media types that are certainly not pages; anything else goes on to byte sniffing. */
const NOT_A_PAGE = /^(image|audio|video|font)\/|^application\/(pdf|zip|x-zip-compressed|msword|vnd\.)/i;

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The problem with a Content-Type that is certainly not a page, or null. */
export function notAPageProblem(contentType: string | null): string | null {
  return contentType && NOT_A_PAGE.test(contentType) ? `not a web page (Content-Type: ${contentType})` : null;
}

/**
 * Fetches a page over HTTP(S) through the guarded transport (fetch/transport.ts):
 * loopback, private, link-local and metadata addresses are refused unless
 * `allowPrivateAddresses` is set, checked at connect time on every redirect;
 * redirects are counted and kept to http(s); the body is decoded and read up
 * to a size limit; the whole exchange is bounded by a timeout.
 */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<PageInput> {
  const input = options.input ?? url;
  const capturedAt = new Date().toISOString();
  let response;
  try {
    response = await httpGet(url, {
      timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
      maxBytes: options.maxBytes,
      maxRedirects: options.maxRedirects,
      userAgent: options.userAgent,
      allowPrivateAddresses: options.allowPrivateAddresses,
      allowAddresses: options.allowAddresses,
      resolveHost: options.resolveHost,
      agents: options.agents,
      signal: options.signal,
      checkContentType: notAPageProblem,
    });
  } catch (error) {
    if (error instanceof FetchFailure) throw new InputError(input, error.problem);
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    throw new InputError(input, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  return {
    input,
    bytes: response.bytes,
    url: response.url,
    contentType: response.contentType,
    published: options.published ?? null,
    capturedAt,
    truncated: response.truncated,
    warnings: response.warnings,
  };
}
