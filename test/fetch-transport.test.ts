import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { fetchPage } from '../src/ingest/http.js';
import { InputError } from '../src/ingest/input.js';
import { FetchFailure, httpGet, type ResolveHost } from '../src/ingest/fetch/transport.js';

/**
 * A loopback server stands in for the web. Loopback is exactly what the
 * transport refuses by default, so tests that must reach it either allow
 * private addresses outright or let 127.0.0.1 through as a named exception
 * (with an injected resolver mapping test host names to it), which keeps
 * every other refusal in force.
 */
let server: Server;
let port: number;
const requests: { url: string; host: string }[] = [];
const PAGE = '<html><body><p>Encoded bodies are decoded before analysis.</p></body></html>';

const ROUTES: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/page': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  },
  '/to-private': (_request, response) => {
    response.writeHead(302, { location: 'http://10.0.0.5/x' });
    response.end();
  },
  '/to-metadata': (_request, response) => {
    response.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
    response.end();
  },
  '/to-rebind': (_request, response) => {
    response.writeHead(302, { location: `http://rebind.test:${port}/page` });
    response.end();
  },
  '/gzip': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(gzipSync(PAGE));
  },
  '/deflate-zlib': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    response.end(deflateSync(PAGE));
  },
  '/deflate-raw': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    response.end(deflateRawSync(PAGE));
  },
  '/br': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
    response.end(brotliCompressSync(PAGE));
  },
  '/bomb': (_request, response) => {
    // 64 MB of zeros in about 64 KB: a page must never expand like this in memory.
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
  },
  '/corrupt-gzip': (_request, response) => {
    const body = gzipSync(PAGE);
    body.fill(0xff, 12, 40);
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(body);
  },
  '/compress': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'compress' });
    response.end('whatever');
  },
};

before(async () => {
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', host: String(request.headers.host) });
    const route = ROUTES[request.url ?? ''];
    if (route) route(request, response);
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Test host names all lead to the loopback server. */
const toLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
const LOOPBACK_EXCEPTION = { allowAddresses: ['127.0.0.1'], resolveHost: toLoopback };

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchFailure) return error.problem;
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

test('by default, loopback, private, link-local and metadata addresses are refused without connecting', async () => {
  const before = requests.length;
  const hint = '(use --allow-private-addresses to allow)';
  assert.equal(await problemOf(fetchPage(`http://127.0.0.1:${port}/page`)), `http://127.0.0.1:${port}/page: refused: 127.0.0.1 is a loopback address ${hint}`);
  assert.equal(await problemOf(fetchPage('http://10.0.0.5/x')), `http://10.0.0.5/x: refused: 10.0.0.5 is a private address ${hint}`);
  assert.equal(await problemOf(httpGet(`http://[::1]:${port}/page`)), `refused: ::1 is a loopback address ${hint}`);
  assert.equal(await problemOf(httpGet('http://169.254.169.254/latest/meta-data/')), `refused: 169.254.169.254 is a cloud metadata address ${hint}`);
  assert.equal(await problemOf(httpGet('http://[::ffff:127.0.0.1]/')), `refused: ::ffff:7f00:1 embeds 127.0.0.1, a loopback address ${hint}`);
  assert.equal(await problemOf(httpGet('http://0x7f000001/')), `refused: 127.0.0.1 is a loopback address ${hint}`);
  assert.equal(await problemOf(httpGet('http://192.168.1.1:8080/admin')), `refused: 192.168.1.1 is a private address ${hint}`);
  assert.equal(requests.length, before, 'no request reached the server');
});

test('a metadata host name is refused before it is even looked up', async () => {
  const looked: string[] = [];
  const resolveHost: ResolveHost = async (name) => {
    looked.push(name);
    return [{ address: '93.184.216.34', family: 4 }];
  };
  assert.equal(
    await problemOf(httpGet('http://metadata.google.internal/computeMetadata/v1/', { resolveHost })),
    'refused: metadata.google.internal is a cloud metadata host (use --allow-private-addresses to allow)',
  );
  assert.deepEqual(looked, []);
});

test('a host name is judged on the addresses it resolves to: localhost is refused', async () => {
  const before = requests.length;
  const problem = await problemOf(httpGet(`http://localhost:${port}/page`));
  assert.match(problem, /^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address \(use --allow-private-addresses to allow\)$/);
  assert.equal(requests.length, before);
});

test('the resolved address is the one connected to: a test name resolving to an allowed exception reaches the server', async () => {
  const response = await httpGet(`http://news.test:${port}/page`, LOOPBACK_EXCEPTION);
  assert.equal(response.status, 200);
  assert.equal(Buffer.from(response.bytes).toString(), PAGE);
  assert.equal(requests.at(-1)?.host, `news.test:${port}`);
  // The same name without the exception is refused.
  assert.equal(
    await problemOf(httpGet(`http://news.test:${port}/page`, { resolveHost: toLoopback })),
    'refused: news.test resolves to 127.0.0.1, a loopback address (use --allow-private-addresses to allow)',
  );
});

test('refused addresses are dropped from a mixed answer and only the allowed one is used', async () => {
  const mixed: ResolveHost = async () => [
    { address: '10.0.0.5', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ];
  const response = await httpGet(`http://mixed.test:${port}/page`, { allowAddresses: ['127.0.0.1'], resolveHost: mixed, timeoutMs: 5000 });
  assert.equal(response.status, 200);
});

test('a redirect from an allowed server to a private or metadata address is refused at that hop', async () => {
  assert.equal(
    await problemOf(fetchPage(`http://news.test:${port}/to-private`, LOOPBACK_EXCEPTION)),
    `http://news.test:${port}/to-private: redirected to http://10.0.0.5/x: refused: 10.0.0.5 is a private address (use --allow-private-addresses to allow)`,
  );
  assert.equal(
    await problemOf(fetchPage(`http://news.test:${port}/to-metadata`, LOOPBACK_EXCEPTION)),
    `http://news.test:${port}/to-metadata: redirected to http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a cloud metadata address (use --allow-private-addresses to allow)`,
  );
});

test('every connection resolves again: a name that rebinds to a private address on the redirect is refused', async () => {
  let lookups = 0;
  const rebinding: ResolveHost = async () => (lookups++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.5', family: 4 }]);
  const before = requests.length;
  const problem = await problemOf(httpGet(`http://rebind.test:${port}/to-rebind`, { allowAddresses: ['127.0.0.1'], resolveHost: rebinding }));
  assert.equal(problem, `redirected to http://rebind.test:${port}/page: refused: rebind.test resolves to 10.0.0.5, a private address (use --allow-private-addresses to allow)`);
  assert.deepEqual(
    requests.slice(before).map((request) => request.url),
    ['/to-rebind'],
  );
  assert.equal(lookups, 2);
});

test('URLs with credentials and non-HTTP schemes are refused', async () => {
  assert.equal(await problemOf(httpGet('http://user:secret@news.example/')), 'refused: URLs with a user name or password are not fetched');
  assert.equal(await problemOf(httpGet('http://trusted.example@10.0.0.5/')), 'refused: URLs with a user name or password are not fetched');
  assert.equal(await problemOf(httpGet('ftp://news.example/file')), 'unsupported URL scheme "ftp:"');
  assert.equal(await problemOf(httpGet('not a url')), 'not a valid URL');
});

test('allowPrivateAddresses turns the check off', async () => {
  const response = await httpGet(`http://127.0.0.1:${port}/page`, { allowPrivateAddresses: true });
  assert.equal(Buffer.from(response.bytes).toString(), PAGE);
  const page = await fetchPage(`http://localhost:${port}/page`, { allowPrivateAddresses: true }).catch((error: unknown) => error);
  // localhost may resolve to ::1 first where nothing listens; either way it was not refused by policy.
  if (page instanceof InputError) assert.doesNotMatch(page.problem, /refused:/);
  else assert.equal(Buffer.from((page as { bytes: Uint8Array }).bytes).toString(), PAGE);
});

test('gzip, deflate (with or without its zlib wrapper) and br bodies are decoded', async () => {
  for (const route of ['/gzip', '/deflate-zlib', '/deflate-raw', '/br']) {
    const page = await fetchPage(`http://news.test:${port}${route}`, LOOPBACK_EXCEPTION);
    assert.equal(Buffer.from(page.bytes).toString(), PAGE, route);
    assert.equal(page.truncated, false);
  }
});

test('a decompression bomb is cut at the size limit with a warning; corrupt and unknown codings are errors', async () => {
  const page = await fetchPage(`http://news.test:${port}/bomb`, { ...LOOPBACK_EXCEPTION, maxBytes: 1024 * 1024 });
  assert.equal(page.bytes.length, 1024 * 1024);
  assert.equal(page.truncated, true);
  assert.deepEqual(page.warnings, ['body expands past 1 MB; only the first 1 MB were kept']);
  assert.match(await problemOf(fetchPage(`http://news.test:${port}/corrupt-gzip`, LOOPBACK_EXCEPTION)), /: corrupt gzip body \(.+\)$/);
  assert.equal(await problemOf(fetchPage(`http://news.test:${port}/compress`, LOOPBACK_EXCEPTION)), `http://news.test:${port}/compress: unsupported Content-Encoding "compress"`);
});

test('a fetched page records when it was captured', async () => {
  const page = await fetchPage(`http://news.test:${port}/page`, LOOPBACK_EXCEPTION);
  assert.ok(page.capturedAt && !Number.isNaN(Date.parse(page.capturedAt)));
});
