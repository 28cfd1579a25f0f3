/**
 * The Node HTTP server under the app: the time limits for a request to
 * arrive, and JSON answers for requests Node's parser refuses before the app
 * ever sees them (a malformed request, headers too large, a client too slow),
 * so that every refusal has the API's error shape and security headers.
 */
import { createServer, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { ApiError } from './errors.js';
import { SECURITY_HEADERS } from './headers.js';

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
}

export function createNodeServer(options: NodeServerOptions): Server {
  const listener = getRequestListener(options.fetch, { hostname: options.hostname });
  const server = createServer(
    {
      // The headers are part of the request: the same limit bounds them (Node needs headersTimeout <= requestTimeout).
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      // Node looks for expired requests on this interval (30 s by default), so a short limit needs a short look.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(options.requestTimeoutMs / 4))),
    },
    listener,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket, options.requestTimeoutMs));
  return server;
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
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...SECURITY_HEADERS,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
