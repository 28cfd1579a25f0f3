/**
 * A corpus that cannot be written (a full disk) stops an ingest with one
 * plain line — the cause, the pages stored, how to resume — instead of
 * recording every page as failed or printing a stack trace from closing the
 * store; a re-run with room to write stores the rest exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type BetterSqlite3 from 'better-sqlite3';
import { CorpusStoreError, openSqliteStore } from '../src/store/index.js';
import { IngestStoreError, ingestCorpus } from '../src/store/ingest/index.js';
import { countRows } from './support/count-rows.js';
import { CLI_MAIN, runCli, type CliRun } from './support/cli.js';
import { writeNewsPages } from './support/news-pages.js';

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'whosaid-disk-full-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('ingestCorpus on a full corpus', () => {
  it('stops at the first write that does not fit, with the store error and what was stored, and closes cleanly', async () => {
    const pages = join(work, 'library-pages');
    await writeNewsPages(join(pages, 'first'), 6);
    await writeNewsPages(join(pages, 'rest'), 30, 6);
    const db = join(work, 'library.sqlite');
    let store = await openSqliteStore(db);
    const first = await ingestCorpus(store, [join(pages, 'first')], { jobs: 1, depth: 'extract' });
    assert.equal(first.stored, 6);
    // SQLite's max_page_count caps the file for this connection: the next write that needs a new page fails with
    // SQLITE_FULL, exactly as on a full disk. It is set on the store's own connection, which nothing else reaches.
    const connection = (store as unknown as { db: BetterSqlite3.Database }).db;
    const pageCount = Number(connection.pragma('page_count', { simple: true }));
    connection.pragma(`max_page_count = ${pageCount}`);

    const stopped = await ingestCorpus(store, [join(pages, 'rest')], { jobs: 1, depth: 'extract', batchSize: 4 }).then(
      () => assert.fail('the run should stop on a full corpus'),
      (error: unknown) => error,
    );
    assert.ok(stopped instanceof IngestStoreError, `expected an IngestStoreError, got ${String(stopped)}`);
    assert.equal(stopped.code, 'store_full');
    assert.ok(stopped.cause instanceof CorpusStoreError);
    assert.match(stopped.message, /library\.sqlite: the corpus could not be written: the disk or the database is full/);
    assert.equal(stopped.summary.interrupted, true);
    assert.equal(stopped.summary.failed, 0, 'no page is blamed for the full disk');
    assert.ok(stopped.summary.seen < 30 || stopped.summary.stored < 30, 'the run did not go on as if nothing happened');
    // Closing after the failure (PRAGMA optimize on a full file) must not throw and hide the error.
    await store.close();
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), 6 + stopped.summary.stored);
    assert.equal(countRows(db, 'SELECT count(*) FROM failures'), 0);

    store = await openSqliteStore(db);
    try {
      const resumed = await ingestCorpus(store, [join(pages, 'first'), join(pages, 'rest')], { jobs: 1, depth: 'extract' });
      assert.equal(resumed.stored, 30 - stopped.summary.stored);
      assert.equal(resumed.skipped, 6 + stopped.summary.stored);
    } finally {
      await store.close();
    }
    assert.equal(countRows(db, 'SELECT count(DISTINCT input) FROM articles'), 36);
  });
});

/**
 * Runs the real CLI with a cap on the size of any file it writes (RLIMIT_FSIZE, set by the shell's `ulimit -f`):
 * past it, writes fail as they do on a full disk. SIGXFSZ is ignored so that the write fails instead of killing the
 * process, as the kernel does on a full disk.
 */
function runCliWithFileSizeLimit(blocks: number, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `trap '' XFSZ; ulimit -f ${blocks} && exec "$0" "$@"`, process.execPath, CLI_MAIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, killed: false }));
  });
}

describe('whosaid ingest on a disk that fills up', { skip: process.platform === 'win32' ? 'needs a POSIX shell for ulimit' : false }, () => {
  it('prints one line with the cause, the pages stored and how to resume, exits 1, and a re-run stores the rest once', async () => {
    const count = 200;
    const pages = join(work, 'cli-pages');
    await writeNewsPages(pages, count);
    const db = join(work, 'cli.sqlite');
    // The whole corpus takes over a megabyte; the cap (768 KB or 384 KB, as the shell counts blocks) is hit part-way.
    const full = await runCliWithFileSizeLimit(768, ['ingest', pages, '--db', db, '-j', '2', '--depth', 'extract']);
    assert.equal(full.code, 1, full.stderr);
    assert.doesNotMatch(full.stderr, /\n\s+at /, 'no stack trace');
    assert.doesNotMatch(full.stderr, /pages failed/, 'the pages are not blamed');
    const lines = full.stderr.split('\n').filter((line) => line.startsWith('whosaid ingest:'));
    assert.equal(lines.length, 1, full.stderr);
    const said = /^whosaid ingest: \S*cli\.sqlite: the corpus could not be written(?:: the disk or the database is full)? \((.+)\); stopped with (\d+) of (\d+) pages stored; re-run the same command to resume$/.exec(lines[0] as string);
    assert.ok(said, `unexpected line: ${lines[0]}`);
    const stored = Number(said[2]);
    assert.equal(Number(said[3]), count);
    assert.ok(stored < count);
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), stored, 'the line counts what the corpus holds');
    assert.equal(countRows(db, 'SELECT count(*) FROM failures'), 0);

    const resumed = await runCli(['ingest', pages, '--db', db, '-j', '2', '--depth', 'extract', '--quiet']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`${count - stored} stored · ${stored} skipped`));
    assert.equal(countRows(db, 'SELECT count(DISTINCT input) FROM articles'), count);
    assert.equal(countRows(db, 'SELECT count(*) FROM articles'), count);
  });
});
