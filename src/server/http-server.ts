/**
 * The Node HTTP server under the app: the time limits for a request to
 * arrive, checks of the request's framing that only the raw request shows
 * (a repeated Host header, an absolute-form target), and JSON answers for
 * requests refused before the app ever sees them (a malformed request,
 * headers too large, a client too slow), so that every refusal has the API's
 * error shape and security headers.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener, RequestError } from '@hono/node-server';
import { ApiError } from './errors.js';
import { shorten } from './params.js';
import { SECURITY_HEADERS } from './headers.js';
import { hostName, isWellFormedHost } from './hosts.js';

/**
 * How long a request's headers and body together may take to arrive. A
 * client slower than this (a stalled upload, a slowloris trickle of headers)
 * is answered 408 and loses its connection, so it cannot hold a socket and a
 * handler for minutes (Node's own default is 5 minutes).
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface NodeServerOptions {
  /** The app's fetch handler. */
  fetch: (request: Request) => Response | Promise<Response>;
  /** The host the server binds, used as the URL's host by the adapter when a request names none. */
  hostname: string;
  /** Time limit for a request's headers and body to arrive. */
  requestTimeoutMs: number;
  /** Where failures outside the app are logged. */
  log: (message: string) => void;
  /** Host names (lower case, without port) the Host header and an absolute-form target may name; null allows any. */
  allowedHosts: ReadonlySet<string> | null;
}

export function createNodeServer(options: NodeServerOptions): Server {
  const appListener = getRequestListener(headAsGet(options.fetch), {
    hostname: options.hostname,
    // The adapter answers a request it cannot turn into a URL with a bare, empty 400; this gives it the API's shape.
    errorHandler: (error) => adapterRefusal(error, options.log),
  });
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const refusal = framingRefusal(request, options.allowedHosts);
    if (refusal) writeRefusal(response, refusal);
    else void appListener(request, response);
  };
  const server = createServer(
    {
      // The headers are part of the request: the same limit bounds them (Node needs headersTimeout <= requestTimeout).
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      // Node would answer a request without Host itself, with a bare 400; the framing check answers it in the API's shape.
      requireHostHeader: false,
      // Node looks for expired requests on this interval (30 s by default), so a short limit needs a short look.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(options.requestTimeoutMs / 4))),
    },
    listener,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, options.requestTimeoutMs));
  // Without these listeners Node closes a CONNECT's connection without a word, and answers an unknown Expect with a bare 417.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.end(rawErrorResponse(new ApiError(405, 'method_not_allowed', 'this server is not a proxy: CONNECT is not allowed')), () => socket.destroy());
  });
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    writeRefusal(response, new ApiError(417, 'expectation_failed', 'the only expectation this server meets is "Expect: 100-continue"'));
  });
  return server;
}

type Fetch = NodeServerOptions['fetch'];

/**
 * Answers HEAD from the app's GET answer, without its body. Hono does the
 * same, but through the adapter's own Response class, which copies the
 * headers the GET answer was made with and loses those set afterwards (the
 * security headers, Cache-Control).
 */
function headAsGet(fetch: Fetch): Fetch {
  return async (request) => {
    if (request.method !== 'HEAD') return fetch(request);
    const answer = await fetch(new Request(request.url, { method: 'GET', headers: request.headers, signal: request.signal }));
    // Headers and status only: reading anything else of the adapter's Response rebuilds it from its first headers.
    return new Response(null, { status: answer.status, headers: new Headers(answer.headers) });
  };
}

/**
 * What the raw request shows and the app cannot see: Node keeps only the
 * first of repeated Host headers, and the adapter takes an absolute-form
 * target's authority as the URL's host whatever the Host header says. A
 * request whose framing is ambiguous about the host it names is refused, so
 * that the Host check (DNS rebinding) and the Origin check judge the host the
 * request really names.
 */
function framingRefusal(request: IncomingMessage, allowedHosts: ReadonlySet<string> | null): ApiError | null {
  const hosts: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]?.toLowerCase() === 'host') hosts.push(request.rawHeaders[i + 1] ?? '');
  }
  if (hosts.length > 1) return new ApiError(400, 'invalid_host', 'the request has more than one Host header');
  const header = hosts[0]?.trim();
  if (header === undefined) return new ApiError(400, 'invalid_host', 'the request has no Host header');
  if (!isWellFormedHost(header)) return new ApiError(400, 'invalid_host', `the Host header "${shorten(header)}" is not a host name or address with an optional port`);
  const name = hostName(header);
  if (allowedHosts && !allowedHosts.has(name)) return new ApiError(403, 'forbidden_host', `this server does not answer to the host "${shorten(name)}"`);
  // Host names are case-insensitive; the adapter compares the header with the URL it builds from it, which is in lower case.
  request.headers.host = header.toLowerCase();
  const target = request.url ?? '';
  if (!target.startsWith('/')) {
    // Absolute form (RFC 9112 §3.2.2): the target's authority, not the Host header, names the host.
    let url: URL | null = null;
    try {
      url = new URL(target);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return new ApiError(400, 'bad_request', 'the request target must be a path, or an absolute http URL');
    }
    const host = hostName(url.host);
    if (allowedHosts && !allowedHosts.has(host)) return new ApiError(403, 'forbidden_host', `this server does not answer to the host "${shorten(host)}"`);
  }
  return null;
}

/**
 * The answer when the adapter fails before the app runs: a request target it
 * cannot turn into a URL (a backslash in the path, say) is the client's
 * fault; anything else is the server's, answered like the app's 500.
 */
function adapterRefusal(error: unknown, log: (message: string) => void): Response {
  let refusal: ApiError;
  if (error instanceof RequestError) {
    refusal = new ApiError(400, 'bad_request', 'the request target cannot be read as a URL path');
  } else {
    log(`whosaid serve: a request failed before the app ran: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    refusal = new ApiError(500, 'internal_error', 'the server failed to answer this request; the error has been logged');
  }
  const body = JSON.stringify(refusal.body);
  return new Response(body, { status: refusal.status, headers: errorHeaders(body) });
}

/** Answers a refused request with the JSON error shape and closes the connection: what follows it on the connection cannot be trusted. */
function writeRefusal(response: ServerResponse, error: ApiError): void {
  const body = JSON.stringify(error.body);
  response.writeHead(error.status, errorHeaders(body));
  response.end(body);
}

/** The refusal for an error Node's HTTP parser or its timers raise on a connection; null when the client is gone. */
function clientErrorRefusal(error: NodeJS.ErrnoException, requestTimeoutMs: number): ApiError | null {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ApiError(408, 'request_timeout', `the request did not arrive within ${requestTimeoutMs} ms; send the headers and body without pausing`);
    case 'HPE_HEADER_OVERFLOW':
      return new ApiError(431, 'headers_too_large', 'the request headers are larger than this server reads');
    default:
      // The parser's reason (HPE_INVALID_METHOD and the like) names its internals; the client learns only that the request is malformed.
      return new ApiError(400, 'bad_request', 'the request is not well-formed HTTP/1.1');
  }
}

/**
 * Answers a connection-level error with the JSON error shape, then closes the
 * connection (after such an error Node cannot read the rest of it). A response
 * that has already started cannot be replaced: the connection just closes.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, requestTimeoutMs: number): void {
  const refusal = clientErrorRefusal(error, requestTimeoutMs);
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (refusal && socket.writable && !inFlight?.headersSent) {
    socket.end(rawErrorResponse(refusal), () => socket.destroy());
    // A peer that never reads could hold the end open; the socket goes regardless.
    setTimeout(() => socket.destroy(), 1000).unref();
  } else {
    socket.destroy();
  }
}

/** A complete HTTP/1.1 error response, written straight to a socket: status, security headers, JSON body. */
export function rawErrorResponse(error: ApiError): string {
  const body = JSON.stringify(error.body);
  const lines = Object.entries(errorHeaders(body)).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The headers of an error answered outside the app: JSON, not cached, the security headers, and the connection closed. */
function errorHeaders(body: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...SECURITY_HEADERS,
  };
}
