import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { writeWarcRecords } from '../src/ingest/index.js';
import { WHOSAID_VERSION } from '../src/version.js';
import { runCli } from './support/cli.js';
import { newsPage } from './support/news-pages.js';

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'whosaid-corpus-cli-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

describe('a corpus from a WARC file, questioned from the CLI', () => {
  let db: string;
  let warc: string;

  before(async () => {
    warc = join(work, 'crawl.warc.gz');
    db = join(work, 'warc.sqlite');
    const pages = [0, 1, 2, 4].map(newsPage);
    await writeWarcRecords(
      warc,
      [
        ...pages.map((page, i) => ({ url: page.url, body: page.html, date: new Date(Date.UTC(2024, 0, 10 + i)), contentType: 'text/html' })),
        { url: 'https://daily-courier.example/logo.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' },
      ],
      { gzip: true },
    );
    const run = await runCli(['ingest', warc, '--db', db, '--quiet', '-j', '2']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /4 stored/);
  });

  it('stores the response pages with their URLs and skips them on a re-run', async () => {
    const stats = await runCli(['stats', '--db', db, '--format', 'json']);
    assert.equal(stats.code, 0, stats.stderr);
    const counts = JSON.parse(stats.stdout) as { articles: number; failures: number; attributions: number; analyserVersions: unknown };
    assert.equal(counts.articles, 4);
    assert.equal(counts.failures, 0);
    assert.ok(counts.attributions >= 4);
    assert.deepEqual(counts.analyserVersions, [{ version: WHOSAID_VERSION, articles: 4 }]);
    const again = await runCli(['ingest', warc, '--db', db, '--quiet']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 stored · 4 skipped/);
  });

  it('answers quotes by a speaker as a table, CSV and JSON lines', async () => {
    const table = await runCli(['search', 'quotes', '--speaker', 'Maria Lopez', '--db', db]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout.split('\n')[0] ?? '', /^date\s+speaker\s+role/);
    assert.match(table.stdout, /Maria Lopez/);

    const csv = await runCli(['search', 'quotes', '--speaker', 'Lopez', '--db', db, '-f', 'csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const rows = parseCsv(csv.stdout);
    assert.deepEqual(rows[0], ['date', 'speaker', 'role', 'cue', 'content', 'via', 'article', 'outlet']);
    assert.ok(rows.length >= 2);
    assert.ok(rows.slice(1).every((row) => row[1] === 'Maria Lopez'));
    assert.ok(rows.slice(1).some((row) => /mayor of Springfield/.test(row[2] ?? '')), 'the role is given');

    const jsonl = await runCli(['search', 'quotes', '--speaker', 'Maria Lopez', '--db', db, '-f', 'jsonl']);
    const hits = jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line) as { speaker: string; article: { url: string } });
    assert.equal(hits.length, rows.length - 1);
    assert.ok(hits.every((hit) => hit.article.url.startsWith('https://')));
  });

  it('answers the other questions', async () => {
    const speakers = await runCli(['search', 'speakers', '--db', db, '-f', 'json']);
    const top = JSON.parse(speakers.stdout) as Array<{ speaker: string; quotes: number }>;
    assert.ok(top.some((row) => row.speaker === 'Maria Lopez'));
    const byOutlet = await runCli(['search', 'speakers', '--by', 'outlet', '--db', db, '-f', 'json']);
    const grouped = JSON.parse(byOutlet.stdout) as Array<{ group: string | null }>;
    assert.ok(grouped.some((row) => row.group !== null && /\.example$/.test(row.group)));
    const roles = await runCli(['search', 'roles', 'Daniel Okafor', '--db', db, '-f', 'json']);
    assert.match(roles.stdout, /spokesman for the transport ministry/);
    const articles = await runCli(['search', 'articles', 'harbour', '--db', db, '-f', 'json']);
    const found = JSON.parse(articles.stdout) as Array<{ snippet: string }>;
    assert.ok(found.length >= 1);
    assert.ok(found.every((hit) => /⟦harbour⟧/i.test(hit.snippet)));
    const timeline = await runCli(['search', 'timeline', '--interval', 'month', '--db', db, '-f', 'json']);
    const buckets = JSON.parse(timeline.stdout) as Array<{ period: string; articles: number }>;
    assert.equal(buckets.reduce((sum, bucket) => sum + bucket.articles, 0), 4);
  });

  it('re-analyses pages stored by another version with reprocess, from the raw captures', async () => {
    const connection = new Database(db);
    connection.prepare("UPDATE articles SET analyser_version = '0.0.1' WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT 2)").run();
    connection.close();
    const before = JSON.parse((await runCli(['stats', '--db', db, '--format', 'json'])).stdout) as { analyserVersions: Array<{ version: string; articles: number }> };
    assert.deepEqual(before.analyserVersions.map((entry) => entry.version).sort(), ['0.0.1', WHOSAID_VERSION].sort());
    const run = await runCli(['reprocess', '--db', db, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /2 redone · 0 failed/);
    const after = JSON.parse((await runCli(['stats', '--db', db, '--format', 'json'])).stdout) as { articles: number; analyserVersions: unknown };
    assert.equal(after.articles, 4);
    assert.deepEqual(after.analyserVersions, [{ version: WHOSAID_VERSION, articles: 4 }]);
  });

  it('refuses bad usage with exit status 2 and a message naming the problem', async () => {
    const noQuestion = await runCli(['search', '--db', db]);
    assert.equal(noQuestion.code, 2);
    assert.match(noQuestion.stderr, /name a question/);
    const badFormat = await runCli(['search', 'misdated', '--db', db, '-f', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be one of table, json, jsonl, csv/);
    const missing = await runCli(['stats', '--db', join(work, 'nowhere.sqlite')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.sqlite: no such corpus/);
  });
});

describe('ingesting a URL list', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];

  before(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/robots.txt') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('User-agent: *\nDisallow: /private/\n');
        return;
      }
      const match = /^\/(?:private\/)?story-(\d+)$/.exec(request.url ?? '');
      if (!match) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(newsPage(Number(match[1])).html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fetches politely, honours robots.txt, stores failures and does not refetch stored URLs', async () => {
    const list = join(work, 'urls.txt');
    await writeFile(list, [`# pages to read`, `${base}/story-5`, `${base}/story-6`, `${base}/private/story-7`, `${base}/missing`, 'not a url', ''].join('\n'));
    const db = join(work, 'urls.sqlite');
    const run = await runCli(['ingest', '--urls', list, '--db', db, '--allow-private-addresses', '--host-delay', '0', '--quiet']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /2 stored/);
    const failures = await runCli(['failures', '--db', db, '-f', 'json']);
    const reasons = (JSON.parse(failures.stdout) as Array<{ reason: string }>).map((failure) => failure.reason).join('\n');
    assert.match(reasons, /private\/story-7: disallowed by robots\.txt/);
    assert.match(reasons, /missing: HTTP 404/);
    assert.match(reasons, /urls\.txt:6: not an http\(s\) URL/);
    assert.ok(!requests.includes('/private/story-7'), 'a disallowed page is never requested');

    const fetchedBefore = requests.filter((path) => path.startsWith('/story-')).length;
    const again = await runCli(['ingest', '--urls', list, '--db', db, '--allow-private-addresses', '--host-delay', '0', '--quiet']);
    assert.match(again.stderr, /0 stored · 2 skipped/);
    assert.equal(requests.filter((path) => path.startsWith('/story-')).length, fetchedBefore, 'stored URLs are not fetched again');
  });

  it('refuses loopback addresses unless allowed', async () => {
    const list = join(work, 'loopback.txt');
    await writeFile(list, `${base}/story-8\n`);
    const db = join(work, 'refused.sqlite');
    const run = await runCli(['ingest', '--urls', list, '--db', db, '--quiet']);
    assert.equal(run.code, 1);
    const failures = JSON.parse((await runCli(['failures', '--db', db, '-f', 'json'])).stdout) as Array<{ reason: string }>;
    assert.equal(failures.length, 1);
    assert.match(failures[0]?.reason ?? '', /refused: 127\.0\.0\.1 is a loopback address/);
    assert.ok(!requests.includes('/story-8'));
  });
});
