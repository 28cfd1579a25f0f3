import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../src/store/index.js';
import { ingestCorpus } from '../src/store/ingest/index.js';
import { WHOSAID_VERSION } from '../src/version.js';
import { countRows } from './support/count-rows.js';
import { CLI_MAIN, runCli } from './support/cli.js';
import { newsPage, writeNewsPages } from './support/news-pages.js';

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'whosaid-ingest-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('ingestCorpus', () => {
  it('stores every page once with its analysis, records failures, and skips stored pages on a re-run', async () => {
    const dir = join(work, 'library');
    const pages = await writeNewsPages(join(dir, 'pages'), 12);
    const manifest = join(dir, 'manifest.jsonl');
    await writeFile(
      manifest,
      [
        ...pages.map((page) => JSON.stringify({ path: `pages/${page.file}`, url: page.url })),
        JSON.stringify({ path: 'pages/missing.html', url: 'https://daily-courier.example/missing' }),
      ].join('\n'),
    );
    await writeFile(join(dir, 'binary.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const db = join(dir, 'corpus.sqlite');
    const store = await openStore(db);
    try {
      const first = await ingestCorpus(store, [join(dir, 'binary.html')], { manifest, jobs: 2 });
      assert.equal(first.stored, 12);
      assert.equal(first.failed, 2, 'the missing file and the binary file fail');
      assert.equal(first.skipped, 0);
      assert.equal(first.interrupted, false);

      const stats = await store.stats();
      assert.equal(stats.articles, 12);
      assert.equal(stats.failures, 2);
      assert.ok(stats.attributions >= 12, `expected quotes to be stored, got ${stats.attributions}`);
      assert.deepEqual(stats.analyserVersions, [{ version: WHOSAID_VERSION, articles: 12 }]);

      const failures = await store.failures();
      const reasons = failures.map((failure) => failure.reason).join('\n');
      assert.match(reasons, /missing\.html/);
      assert.match(reasons, /binary\.html/);

      const quotes = await store.quotesBySpeaker({ speaker: 'Maria Lopez' });
      assert.ok(quotes.length >= 3, `expected Maria Lopez's quotes, got ${quotes.length}`);
      assert.ok(quotes.every((quote) => quote.article.url?.startsWith('https://')));

      const again = await ingestCorpus(store, [], { manifest, jobs: 2 });
      assert.equal(again.stored, 0);
      assert.equal(again.skipped, 12);
      assert.equal((await store.stats()).articles, 12);
    } finally {
      await store.close();
    }
  });

  it('refuses manifest paths outside the manifest\'s folder: recorded as failures, nothing stored, unless allowed', async () => {
    const dir = join(work, 'outside');
    const pages = await writeNewsPages(join(dir, 'crawl', 'pages'), 1);
    await writeFile(join(dir, 'private.txt'), 'Account password: hunter2. Do not publish.');
    const manifest = join(dir, 'crawl', 'manifest.jsonl');
    await writeFile(
      manifest,
      [{ path: '../private.txt' }, { path: join(dir, 'private.txt') }, { path: `pages/${pages[0].file}`, url: pages[0].url }].map((line) => JSON.stringify(line)).join('\n'),
    );
    const db = join(dir, 'corpus.sqlite');
    const run = await runCli(['ingest', '--manifest', manifest, '--db', db, '-j', '1', '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), 1);
    const failures = await runCli(['failures', '--db', db, '--format', 'jsonl']);
    const reasons = failures.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { reason: string }).reason).sort();
    assert.equal(reasons.length, 2);
    assert.match(reasons[0], /manifest\.jsonl:1: manifest path "\.\.\/private\.txt" leads outside the manifest's folder; refused/);
    assert.match(reasons[1], /manifest\.jsonl:2: manifest path ".*private\.txt" is absolute/);
    assert.equal(countRows(db, "SELECT count(*) FROM articles WHERE input LIKE '%private%'"), 0);

    const allowed = await runCli(['ingest', '--manifest', manifest, '--db', db, '-j', '1', '--quiet', '--allow-outside-paths']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal(countRows(db, "SELECT count(*) FROM articles WHERE input LIKE '%private.txt'"), 1);
  });

  it('groups a republished copy with its original', async () => {
    const dir = join(work, 'syndicated');
    const original = newsPage(3);
    const copy = original.html
      .replace('<nav><a href="/">Home</a>', '<nav><a href="/">Start</a> <a href="/world">World</a>')
      .replace('All rights reserved.', 'Republished with permission.');
    await writeNewsPages(join(dir, 'pages'), 0);
    await writeFile(join(dir, 'pages', 'original.html'), original.html);
    await writeFile(join(dir, 'pages', 'copy.html'), copy);
    await writeFile(join(dir, 'pages', 'other.html'), newsPage(4).html);
    const manifest = join(dir, 'manifest.jsonl');
    await writeFile(
      manifest,
      [
        JSON.stringify({ path: 'pages/original.html', url: original.url }),
        JSON.stringify({ path: 'pages/copy.html', url: 'https://another-outlet.example/wire/story' }),
        JSON.stringify({ path: 'pages/other.html', url: newsPage(4).url }),
      ].join('\n'),
    );
    const store = await openStore(join(dir, 'corpus.sqlite'));
    try {
      const summary = await ingestCorpus(store, [], { manifest, jobs: 1 });
      assert.equal(summary.stored, 3);
      const groups = await store.duplicateGroups();
      assert.equal(groups.length, 1);
      assert.deepEqual(groups[0]?.articles.map((article) => article.url).sort(), [original.url, 'https://another-outlet.example/wire/story'].sort());
    } finally {
      await store.close();
    }
  });
});

describe('whosaid ingest', () => {
  it('resumes after being killed with SIGKILL mid-run: nothing lost, nothing stored twice', async (t) => {
    const dir = join(work, 'killed');
    const files = 240;
    await writeNewsPages(join(dir, 'pages'), files);
    // One more page comes from a loopback server that holds its answer until the
    // first run is killed: that run cannot finish first, however loaded the machine.
    const held: ServerResponse[] = [];
    let holding = true;
    const heldPage = newsPage(files);
    const server = createServer((request, response) => {
      if (holding) held.push(response);
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(heldPage.html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      for (const response of held) response.destroy();
      server.close();
    });
    const heldUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/held-story`;
    const count = files + 1;
    const db = join(dir, 'corpus.sqlite');
    const args = ['ingest', join(dir, 'pages'), heldUrl, '--db', db, '--quiet', '--allow-private-addresses', '--ignore-robots'];
    const child = spawn(process.execPath, [CLI_MAIN, ...args, '-j', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until some pages are committed (the test's own time limit bounds the wait), then kill without warning.
    let committed = 0;
    while (committed === 0 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      try {
        committed = countRows(db, 'SELECT count(*) FROM articles');
      } catch {
        committed = 0;
      }
    }
    assert.ok(committed > 0, `no page was committed before the run ended (stderr: ${stderr})`);
    child.kill('SIGKILL');
    await exited;
    const before = countRows(db, 'SELECT count(*) FROM articles');
    assert.ok(before < count, `${before} pages stored although the held page was never answered`);
    holding = false;

    const resumed = await runCli([...args, '-j', '2']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`${count - before} stored`));
    assert.match(resumed.stderr, new RegExp(`${before} skipped`));
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), count);
    assert.equal(countRows(db, 'SELECT count(DISTINCT input) FROM articles'), count);
    assert.equal(countRows(db, 'SELECT count(*) FROM failures'), 0);
    const stats = await runCli(['stats', '--db', db, '--format', 'json']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(JSON.parse(stats.stdout).articles, count);
  });
});
