/**
 * Stopping a reprocess: on Ctrl-C no new page is started, pages in progress
 * get the grace period, and the command says how far it got, exits 130, and
 * leaves every article with an analysis (abandoned pages keep their old one).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI_MAIN, runCli } from './support/cli.js';
import { countRows } from './support/count-rows.js';
import { writeNewsPages } from './support/news-pages.js';

/** A generous bound: it only turns a hang into a failure, it times nothing. */
const HANG_LIMIT_MS = 60_000;

let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'whosaid-reprocess-interrupt-'));
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

test('Ctrl-C during reprocess stops within the grace period, says how far it got, and keeps every analysis', async () => {
  const pages = 320;
  await writeNewsPages(join(work, 'pages'), pages);
  const db = join(work, 'corpus.sqlite');
  const ingest = await runCli(['ingest', join(work, 'pages'), '--db', db, '--depth', 'extract', '--quiet']);
  assert.equal(ingest.code, 0, ingest.stderr);

  // Batches of 64 pages on one worker: the first progress line comes with five batches still to go.
  const child = spawn(process.execPath, [CLI_MAIN, 'reprocess', '--all', '--db', db, '-j', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let signalled = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!signalled && /reprocess: \d+ redone/.test(stderr)) {
      signalled = true;
      child.kill('SIGINT');
    }
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), HANG_LIMIT_MS);
  const code = await exited;
  clearTimeout(guard);

  assert.ok(signalled, `no progress line came before the run ended: ${stderr}`);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /whosaid reprocess: stopping: no new pages; those in progress get 2 s to finish/);
  const interrupted = /whosaid reprocess: interrupted: (\d+) pages redone this run.*; run the same command again to resume/.exec(stderr);
  assert.ok(interrupted, stderr);
  assert.ok(Number(interrupted[1]) < pages, `the whole corpus (${interrupted[1]} pages) was redone although the run was stopped`);
  assert.equal(countRows(db, 'SELECT count(*) FROM articles'), pages);
  assert.equal(countRows(db, 'SELECT count(*) FROM failures'), 0);
});
