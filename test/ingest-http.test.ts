import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodePage } from '../src/ingest/decode.js';
import { fetchPage } from '../src/ingest/http.js';
import { InputError } from '../src/ingest/input.js';

/** The test server is on loopback, which fetches refuse by default. */
const LOOPBACK = { allowPrivateAddresses: true } as const;

/** A loopback server with one route per behaviour under test; nothing leaves the machine. */
let server: Server;
let base: string;
const seenUserAgents: string[] = [];
const hangingResponses: ServerResponse[] = [];

const ROUTES: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/page': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
    response.end(Buffer.concat([Buffer.from('<p>'), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), Buffer.from('</p>')]));
  },
  '/redirect-1': (_request, response) => {
    response.writeHead(301, { location: '/redirect-2' });
    response.end();
  },
  '/redirect-2': (_request, response) => {
    response.writeHead(302, { location: `${base}/page` });
    response.end();
  },
  '/loop': (_request, response) => {
    response.writeHead(302, { location: '/loop' });
    response.end();
  },
  '/to-file': (_request, response) => {
    response.writeHead(302, { location: 'file:///etc/passwd' });
    response.end();
  },
  '/huge': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    // Streams far more than the cap, stopping on its own only as a safety net.
    const push = (): void => {
      while (sent < 64 * 1024 * 1024 && response.write(chunk)) sent += chunk.length;
      if (sent >= 64 * 1024 * 1024) response.end();
      else response.once('drain', push);
    };
    response.on('close', () => response.removeAllListeners('drain'));
    push();
  },
  '/hang': (_request, response) => {
    hangingResponses.push(response);
  },
  '/missing': (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<p>not here</p>');
  },
  '/image': (_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
};

before(async () => {
  server = createServer((request, response) => {
    seenUserAgents.push(String(request.headers['user-agent']));
    const route = ROUTES[request.url ?? ''];
    if (route) route(request, response);
    else {
      response.writeHead(500);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const response of hangingResponses) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('a fetched page carries its Content-Type, whose charset decodes it, and the request names whosaid', async () => {
  const page = await fetchPage(`${base}/page`, LOOPBACK);
  assert.equal(page.url, `${base}/page`);
  assert.equal(page.contentType, 'text/html; charset=windows-1251');
  const decoded = decodePage(page);
  assert.equal(decoded.content, '<p>Привет</p>');
  assert.equal(decoded.format, 'html');
  assert.match(seenUserAgents.at(-1) ?? '', /^whosaid\//);
});

test('redirects are followed and the final URL becomes the page URL', async () => {
  const page = await fetchPage(`${base}/redirect-1`, LOOPBACK);
  assert.equal(page.input, `${base}/redirect-1`);
  assert.equal(page.url, `${base}/page`);
});

test('a redirect loop stops at the limit', async () => {
  await assert.rejects(fetchPage(`${base}/loop`, { ...LOOPBACK, maxRedirects: 3 }), (error: unknown) => error instanceof InputError && error.problem === 'too many redirects (more than 3)');
});

test('a redirect to a non-HTTP scheme is refused', async () => {
  await assert.rejects(fetchPage(`${base}/to-file`, LOOPBACK), /unsupported URL scheme "file:"/);
});

test('a body larger than the cap is cut there, with a warning', async () => {
  const page = await fetchPage(`${base}/huge`, { ...LOOPBACK, maxBytes: 256 * 1024 });
  assert.equal(page.bytes.length, 256 * 1024);
  assert.equal(page.truncated, true);
  assert.match(page.warnings?.[0] ?? '', /cut to its first 256 KB/);
});

test('a server that never answers is given up on at the timeout', async () => {
  await assert.rejects(fetchPage(`${base}/hang`, { ...LOOPBACK, timeoutMs: 200 }), (error: unknown) => error instanceof InputError && error.problem === 'timed out after 200 ms');
});

test('HTTP errors, non-page content types and refused connections are InputErrors', async () => {
  await assert.rejects(fetchPage(`${base}/missing`, LOOPBACK), (error: unknown) => error instanceof InputError && error.problem === 'HTTP 404 Not Found');
  await assert.rejects(fetchPage(`${base}/image`, LOOPBACK), /not a web page \(Content-Type: image\/png\)/);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(fetchPage(`http://127.0.0.1:${port}/`, LOOPBACK), (error: unknown) => error instanceof InputError && error.problem === 'connection refused');
  await assert.rejects(fetchPage('http://[bad'), /not a valid URL/);
});
