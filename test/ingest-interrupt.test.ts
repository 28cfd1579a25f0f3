/**
 * Stopping an ingest: the library stops reading at once, gives pages in
 * progress a grace period, commits what finished and abandons the rest (not
 * stored, not failed); the CLI does so on Ctrl-C, says how many pages are
 * stored, exits 130, and a re-run stores the rest exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError, type PageInput } from '../src/ingest/input.js';
import type { InputSource } from '../src/ingest/sources.js';
import { openStore } from '../src/store/index.js';
import { ingestCorpus, type PageFetcher } from '../src/store/ingest/index.js';
import { countRows } from './support/count-rows.js';
import { CLI_MAIN, runCli } from './support/cli.js';
import { newsPage, writeNewsPages } from './support/news-pages.js';

/** Generous bounds: they only turn a hang into a failure, they time nothing. */
const HANG_LIMIT_MS = 60_000;

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'whosaid-interrupt-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Resolves with the promise's value, or rejects when it takes longer than `ms` (a hang, not a slow machine). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function* listed(urls: readonly string[]): AsyncGenerator<InputSource> {
  for (const url of urls) yield { kind: 'url', input: url, url };
}

describe('ingestCorpus with an AbortSignal', () => {
  it('stops reading at once, stores the finished page, abandons the stuck ones, and a re-run stores them once', async () => {
    const pages = [0, 1, 2].map(newsPage);
    const urls = pages.map((page) => page.url);
    const fetched = (url: string, input: string): PageInput => {
      const page = pages.find((candidate) => candidate.url === url);
      assert.ok(page);
      return { input, bytes: new TextEncoder().encode(page.html), url, contentType: 'text/html; charset=utf-8' };
    };
    let readerWaiting = false;
    // Three URLs, then a reader that never yields again (a stalled file or network read).
    async function* stalledSources(): AsyncGenerator<InputSource | InputError> {
      for (const url of urls) yield { kind: 'url', input: url, url };
      readerWaiting = true;
      await new Promise(() => undefined);
    }
    let cancelled = 0;
    // The first page comes back at once; the second waits until the run gives it up; the third never answers at all.
    const stuckFetcher: PageFetcher = {
      fetch: (url, options) => {
        if (url === urls[0]) return Promise.resolve(fetched(url, options.input));
        if (url === urls[1]) {
          return new Promise((_, reject) => {
            options.signal?.addEventListener('abort', () => {
              cancelled++;
              reject(new InputError(options.input, 'cancelled'));
            });
          });
        }
        return new Promise(() => undefined);
      },
    };
    const db = join(work, 'library.sqlite');
    const store = await openStore(db);
    try {
      const controller = new AbortController();
      const summary = await within(
        ingestCorpus(store, [], {
          sources: stalledSources(),
          jobs: 1,
          depth: 'extract',
          fetcher: stuckFetcher,
          progressIntervalMs: 0,
          signal: controller.signal,
          stopGraceMs: 300,
          onProgress: (progress) => {
            if (progress.analysed >= 1 && readerWaiting) controller.abort();
          },
        }),
        HANG_LIMIT_MS,
        'the stopped run returning',
      );
      assert.equal(summary.interrupted, true);
      assert.equal(summary.seen, 3);
      assert.equal(summary.stored, 1, 'the finished page is committed');
      assert.equal(summary.abandoned, 2, 'the two stuck pages are given up');
      assert.equal(summary.failed, 0, 'an abandoned page is not a failure');
      assert.equal(cancelled, 1, 'the abandoned fetch is told to stop');
      assert.equal((await store.stats()).articles, 1);
      assert.equal((await store.failures()).length, 0);

      const fetcher: PageFetcher = { fetch: (url, options) => Promise.resolve(fetched(url, options.input)) };
      const again = await ingestCorpus(store, [], { sources: listed(urls), jobs: 1, depth: 'extract', fetcher });
      assert.equal(again.interrupted, false);
      assert.equal(again.stored, 2);
      assert.equal(again.skipped, 1);
      assert.equal(again.abandoned, 0);
      assert.equal((await store.stats()).articles, 3);
    } finally {
      await store.close();
    }
    assert.equal(countRows(db, 'SELECT count(DISTINCT url) FROM articles'), 3);
  });

  it('stops before reading anything when the signal has already fired', async () => {
    const dir = join(work, 'aborted-first');
    await writeNewsPages(dir, 3);
    const store = await openStore(join(work, 'aborted-first.sqlite'));
    try {
      const summary = await ingestCorpus(store, [dir], { jobs: 1, signal: AbortSignal.abort() });
      assert.equal(summary.interrupted, true);
      assert.equal(summary.seen, 0);
      assert.equal((await store.stats()).articles, 0);
    } finally {
      await store.close();
    }
  });
});

describe('whosaid ingest, Ctrl-C', () => {
  it('stops promptly, says how many pages are stored, exits 130, and a re-run stores the rest exactly once', async () => {
    const dir = join(work, 'ctrl-c');
    // Enough pages that the run is far from done at its first progress line. The extract depth keeps the test quick
    // (no models to load); stopping does not depend on the depth.
    const count = 200;
    await writeNewsPages(join(dir, 'pages'), count);
    const db = join(dir, 'corpus.sqlite');
    const child = spawn(process.execPath, [CLI_MAIN, 'ingest', join(dir, 'pages'), '--db', db, '-j', '1', '--depth', 'extract'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let signalled = false;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The first progress line shows the run is under way: only then is it interrupted.
    const underWay = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (!signalled && /^ingest: /m.test(stderr)) {
          signalled = true;
          child.kill('SIGINT');
          resolve();
        }
      });
    });
    try {
      await within(Promise.race([underWay, exited]), HANG_LIMIT_MS, 'a progress line');
      assert.ok(signalled, `the run ended before reporting progress (stderr: ${stderr})`);
      const code = await within(exited, HANG_LIMIT_MS, 'the interrupted ingest exiting');
      assert.equal(code, 130, stderr);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    assert.match(stderr, /stopping: no new pages/);
    const said = /whosaid ingest: interrupted: (\d+) of (\d+) pages stored \((\d+) by this run, (\d+) already stored\); run the same command again to resume\n/.exec(stderr);
    assert.ok(said, `no "interrupted:" line in: ${stderr}`);
    const [, stored, total, byRun, already] = said.map(Number);
    assert.equal(total, count);
    assert.equal(already, 0);
    assert.equal(byRun, stored);
    assert.doesNotMatch(stderr, /done in/, 'an interrupted run does not say it is done');
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.ok((stored as number) < count, `the run finished (${stored} pages) before it could be interrupted; make the corpus larger`);
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), stored, 'the line counts what the corpus holds');
    assert.equal(countRows(db, 'SELECT count(*) FROM failures'), 0, 'pages in progress are not recorded as failed');

    const resumed = await runCli(['ingest', join(dir, 'pages'), '--db', db, '-j', '2', '--depth', 'extract', '--quiet']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`${count - (stored as number)} stored`));
    assert.match(resumed.stderr, new RegExp(`${stored} skipped`));
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), count);
    assert.equal(countRows(db, 'SELECT count(DISTINCT input) FROM articles'), count);
    assert.equal(countRows(db, 'SELECT count(*) FROM failures'), 0);
  });
});
