import { WHOSAID_VERSION } from '../version.js';
import { InputError, type PageInput } from './input.js';
import { MAX_INPUT_BYTES, describeBytes } from './limits.js';

export interface FetchPageOptions {
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
}

export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_USER_AGENT = `whosaid/${WHOSAID_VERSION} (news page reader)`;

/** Media types that are certainly not pages; anything else goes on to byte sniffing. */
const NOT_A_PAGE = /^(image|audio|video|font)\/|^application\/(pdf|zip|x-zip-compressed|msword|vnd\.)/i;

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * Fetches a page over HTTP(S) with Node's fetch: redirects are followed by
 * hand so they can be counted and kept to http(s); the body is read up to a
 * size limit; the whole exchange is bounded by a timeout.
 */
export async function fetchPage(url: string, options: FetchPageOptions = {}): Promise<PageInput> {
  const input = options.input ?? url;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new InputError(input, 'not a valid URL');
  }
  try {
    for (let redirects = 0; ; redirects++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new InputError(input, `unsupported URL scheme "${current.protocol}"`);
      }
      const response = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: {
          'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5',
        },
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects >= maxRedirects) throw new InputError(input, `too many redirects (more than ${maxRedirects})`);
        current = new URL(location, current);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new InputError(input, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      }
      const contentType = response.headers.get('content-type');
      if (contentType && NOT_A_PAGE.test(contentType)) {
        await response.body?.cancel();
        throw new InputError(input, `not a web page (Content-Type: ${contentType})`);
      }
      const body = await readBody(response, maxBytes);
      return {
        input,
        bytes: body.bytes,
        url: current.href,
        contentType,
        published: options.published ?? null,
        truncated: body.truncated,
        warnings: body.truncated ? [`page cut to its first ${describeBytes(maxBytes)}`] : [],
      };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (signal.aborted) throw new InputError(input, `timed out after ${timeoutMs} ms`);
    throw new InputError(input, networkProblem(error));
  }
}

async function readBody(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, total), truncated: false };
    const room = maxBytes - total;
    if (value.length > room) {
      chunks.push(value.subarray(0, room));
      total += room;
      await reader.cancel();
      return { bytes: Buffer.concat(chunks, total), truncated: true };
    }
    chunks.push(value);
    total += value.length;
  }
}

function networkProblem(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timed out';
    default:
      return `fetch failed (${cause instanceof Error ? cause.message : String(cause)})`;
  }
}
