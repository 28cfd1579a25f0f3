import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../src/ingest/input.js';
import { PoliteFetcher, type FetcherClock, type PoliteFetcherOptions } from '../src/ingest/fetch/polite-fetcher.js';
import type { ResolveHost } from '../src/ingest/fetch/transport.js';

/**
 * Several "sites" (test host names) served by one loopback server, told apart
 * by the Host header. Host names resolve to 127.0.0.1, let through as an
 * exact exception; everything else keeps the strict default.
 */
let server: Server;
let port: number;
let clock: ManualClock | null = null;
const seen: { host: string; path: string; at: number | null }[] = [];
const robotsFiles: Record<string, { status: number; body?: string }> = {
  'rules.test': { status: 200, body: 'User-agent: *\nDisallow: /private\n\nUser-agent: whosaid\nDisallow: /private\nDisallow: /drafts/\n' },
  'down.test': { status: 503 },
  'none.test': { status: 404 },
  'slow.test': { status: 200, body: 'User-agent: *\nCrawl-delay: 3\n' },
};
/** When set, responses are held until this many requests are in flight at once (or a fallback releases them). */
let barrier: { size: number; held: ServerResponse[]; inFlight: Map<string, number>; maxPerHost: Map<string, number>; maxTotal: number } | null = null;

/** A clock the test moves by hand: no test waits on real time, and the spacing it checks is exact. */
class ManualClock implements FetcherClock {
  time = 0;
  private sleepers: { at: number; wake: () => void }[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.time + ms, wake }));
  }
  advanceTo(time: number): void {
    this.time = time;
    const due = this.sleepers.filter((sleeper) => sleeper.at <= time);
    this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > time);
    for (const sleeper of due) sleeper.wake();
  }
}

before(async () => {
  server = createServer((request, response) => {
    const host = String(request.headers.host).replace(/:\d+$/, '');
    const path = request.url ?? '/';
    seen.push({ host, path, at: clock ? clock.now() : null });
    if (path === '/robots.txt') {
      const robots = robotsFiles[host] ?? { status: 404 };
      response.writeHead(robots.status, { 'content-type': 'text/plain' });
      response.end(robots.body ?? '');
      return;
    }
    const answer = (): void => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<p>${host}${path}</p>`);
    };
    if (!barrier) return answer();
    const gate = barrier;
    const count = (gate.inFlight.get(host) ?? 0) + 1;
    gate.inFlight.set(host, count);
    gate.maxPerHost.set(host, Math.max(gate.maxPerHost.get(host) ?? 0, count));
    const total = [...gate.inFlight.values()].reduce((sum, value) => sum + value, 0);
    gate.maxTotal = Math.max(gate.maxTotal, total);
    response.on('finish', () => gate.inFlight.set(host, (gate.inFlight.get(host) ?? 1) - 1));
    gate.held.push(response);
    const release = (): void => {
      for (const held of gate.held.splice(0)) {
        held.writeHead(200, { 'content-type': 'text/html' });
        held.end('<p>held</p>');
      }
    };
    if (total >= gate.size) release();
    // A fallback so that a fetcher that never reaches the barrier fails the assertions instead of hanging.
    else setTimeout(release, 500).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const toLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];

function fetcher(options: PoliteFetcherOptions = {}): PoliteFetcher {
  return new PoliteFetcher({ allowAddresses: ['127.0.0.1'], resolveHost: toLoopback, perHostDelayMs: 0, ...options });
}

function url(host: string, path: string): string {
  return `http://${host}:${port}${path}`;
}

function pathsFor(host: string): string[] {
  return seen.filter((entry) => entry.host === host).map((entry) => entry.path);
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

test('robots.txt is fetched once per site and its rules for whosaid are obeyed', async () => {
  const polite = fetcher();
  const pages = await Promise.all([polite.fetch(url('rules.test', '/news/1')), polite.fetch(url('rules.test', '/news/2'), { input: 'second', published: '2024-05-01' })]);
  assert.deepEqual(
    pages.map((page) => Buffer.from(page.bytes).toString()),
    ['<p>rules.test/news/1</p>', '<p>rules.test/news/2</p>'],
  );
  assert.equal(pages[1].input, 'second');
  assert.equal(pages[1].published, '2024-05-01');
  assert.equal(await problemOf(polite.fetch(url('rules.test', '/drafts/3'))), `${url('rules.test', '/drafts/3')}: disallowed by robots.txt`);
  assert.equal(await problemOf(polite.fetch(url('rules.test', '/private/x'))), `${url('rules.test', '/private/x')}: disallowed by robots.txt`);
  assert.deepEqual(pathsFor('rules.test').sort(), ['/news/1', '/news/2', '/robots.txt']);
  polite.close();
});

test('a robots.txt answering 5xx disallows the site for the run; a missing one (4xx) allows everything', async () => {
  const polite = fetcher();
  assert.equal(
    await problemOf(polite.fetch(url('down.test', '/story'))),
    `${url('down.test', '/story')}: not fetched: robots.txt answered HTTP 503, so the site is treated as disallowing all (RFC 9309)`,
  );
  assert.deepEqual(pathsFor('down.test'), ['/robots.txt']);
  const page = await polite.fetch(url('none.test', '/story'));
  assert.equal(Buffer.from(page.bytes).toString(), '<p>none.test/story</p>');
  polite.close();
});

test('with respectRobots off, robots.txt is neither fetched nor obeyed', async () => {
  const polite = fetcher({ respectRobots: false });
  const before = seen.length;
  const page = await polite.fetch(url('rules.test', '/private/y'));
  assert.equal(Buffer.from(page.bytes).toString(), '<p>rules.test/private/y</p>');
  assert.deepEqual(
    seen.slice(before).map((entry) => entry.path),
    ['/private/y'],
  );
  polite.close();
});

test('the address policy applies to robots.txt and pages alike; refusals name the page', async () => {
  const polite = new PoliteFetcher({ resolveHost: async () => [{ address: '10.0.0.5', family: 4 }], perHostDelayMs: 0 });
  assert.equal(
    await problemOf(polite.fetch('http://intranet.test/wiki')),
    'http://intranet.test/wiki: refused: intranet.test resolves to 10.0.0.5, a private address (use --allow-private-addresses to allow)',
  );
  assert.equal(await problemOf(polite.fetch('http://127.0.0.1/')), 'http://127.0.0.1/: refused: 127.0.0.1 is a loopback address (use --allow-private-addresses to allow)');
  assert.equal(await problemOf(polite.fetch('file:///etc/passwd')), 'file:///etc/passwd: unsupported URL scheme "file:"');
  polite.close();
});

test('requests to one host start perHostDelayMs apart, while other hosts go ahead', async () => {
  clock = new ManualClock();
  const polite = fetcher({ clock, perHostDelayMs: 1000, respectRobots: false });
  const before = seen.length;
  const a1 = polite.fetch(url('a.test', '/1'));
  const a2 = polite.fetch(url('a.test', '/2'));
  const a3 = polite.fetch(url('a.test', '/3'));
  const b1 = polite.fetch(url('b.test', '/1'));
  await Promise.all([a1, b1]);
  clock.advanceTo(1000);
  await a2;
  clock.advanceTo(1999);
  clock.advanceTo(2000);
  await a3;
  assert.deepEqual(
    seen.slice(before).map((entry) => `${entry.host}${entry.path}@${entry.at}`),
    ['a.test/1@0', 'b.test/1@0', 'a.test/2@1000', 'a.test/3@2000'],
  );
  clock = null;
  polite.close();
});

test('a robots.txt Crawl-delay raises the pause between requests to that host', async () => {
  clock = new ManualClock();
  const polite = fetcher({ clock, perHostDelayMs: 1000 });
  const before = seen.length;
  const first = polite.fetch(url('slow.test', '/1'));
  const second = polite.fetch(url('slow.test', '/2'));
  // robots.txt goes first; the first page may start only once its Crawl-delay has passed.
  while (!seen.slice(before).some((entry) => entry.path === '/robots.txt')) await new Promise((resolve) => setImmediate(resolve));
  clock.advanceTo(1000);
  clock.advanceTo(3000);
  await first;
  clock.advanceTo(6000);
  await second;
  assert.deepEqual(
    seen.slice(before).map((entry) => `${entry.path}@${entry.at}`),
    ['/robots.txt@0', '/1@3000', '/2@6000'],
  );
  assert.equal(polite.hostDelayMs('slow.test'), 3000);
  clock = null;
  polite.close();
});

test('no more than perHostConcurrency requests to one host, nor concurrency in all, are in flight at once', async () => {
  barrier = { size: 3, held: [], inFlight: new Map(), maxPerHost: new Map(), maxTotal: 0 };
  const polite = fetcher({ concurrency: 3, perHostConcurrency: 2, respectRobots: false });
  const fetches = [];
  for (let index = 0; index < 5; index++) {
    fetches.push(polite.fetch(url('c.test', `/${index}`)));
    fetches.push(polite.fetch(url('d.test', `/${index}`)));
  }
  const pages = await Promise.all(fetches);
  assert.equal(pages.length, 10);
  assert.equal(barrier.maxTotal, 3);
  assert.ok((barrier.maxPerHost.get('c.test') ?? 0) <= 2, `c.test had ${barrier.maxPerHost.get('c.test')} at once`);
  assert.ok((barrier.maxPerHost.get('d.test') ?? 0) <= 2, `d.test had ${barrier.maxPerHost.get('d.test')} at once`);
  barrier = null;
  polite.close();
});

test('a fetch waiting for its turn can be cancelled', async () => {
  clock = new ManualClock();
  const polite = fetcher({ clock, perHostDelayMs: 1000, respectRobots: false });
  await polite.fetch(url('e.test', '/1'));
  const controller = new AbortController();
  const waiting = polite.fetch(url('e.test', '/2'), { signal: controller.signal });
  controller.abort();
  assert.equal(await problemOf(waiting), `${url('e.test', '/2')}: cancelled`);
  assert.deepEqual(pathsFor('e.test'), ['/1']);
  clock = null;
  polite.close();
});
