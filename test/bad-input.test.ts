import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { runCli } from './support/cli.js';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyzePage } from '../src/analyze.js';
import { InputError } from '../src/ingest/input.js';
import type { AnalysisResult } from '../src/model/result.js';

/**
 * Inputs that are not news pages, or are hostile: each must end in a result
 * or an InputError, never a crash, a stack overflow or a hang. The time
 * limits below only stop a hang from stalling the suite.
 */
const HANG_GUARD = { timeout: 180_000 };

function analyzeBytes(input: string, bytes: Uint8Array): AnalysisResult {
  return analyzePage({ input, bytes }).result;
}

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.problem;
    throw error;
  }
  throw new Error('expected an InputError');
}

test('an empty input is an error that says so', () => {
  assert.equal(problemOf(() => analyzeBytes('empty.html', new Uint8Array(0))), 'the input is empty');
  assert.equal(problemOf(() => analyzeBytes('blank.html', Buffer.from(' \n\t \r\n'))), 'the input holds only whitespace');
  assert.equal(problemOf(() => analyzeBytes('empty.gz', gzipSync(Buffer.alloc(0)))), 'the input is empty (after gzip decompression)');
});

test('binary garbage is refused as binary, not read as mojibake', () => {
  // Fixed bytes rather than random ones, so the test is the same every run.
  const noise = Buffer.alloc(20_000);
  let state = 12345;
  for (let i = 0; i < noise.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    noise[i] = state >>> 24;
  }
  assert.match(problemOf(() => analyzeBytes('noise.html', noise)), /^looks binary/);
  assert.equal(problemOf(() => analyzeBytes('doc.html', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))), 'looks binary (a PDF document)');
  assert.equal(problemOf(() => analyzeBytes('nul.txt', Buffer.from('text\u0000with a NUL'))), 'looks binary (NUL bytes)');
  // One stray NUL in a long page is noise in a text, not a sign of binary data.
  const stray = analyzeBytes('stray.html', Buffer.from(`<html><body><p>${'Words of a real page. '.repeat(400)}\u0000</p></body></html>`));
  assert.match(stray.text, /Words of a real page/);
});

test('a truncated gzip file is reported as such', () => {
  const compressed = gzipSync(Buffer.from('<p>words</p>'.repeat(2000)));
  assert.equal(problemOf(() => analyzeBytes('cut.html.gz', compressed.subarray(0, compressed.length >> 1))), 'truncated gzip stream');
});

test('100k-deep nesting gives a result, not a stack overflow', HANG_GUARD, () => {
  const depth = 100_000;
  const sentence = 'The minister said the budget would be published on Thursday after a final review. ';
  const shapes = [
    `<html><body>${'<div>'.repeat(depth)}<p>${sentence.repeat(5)}</p>${'</div>'.repeat(depth)}</body></html>`,
    `<html><body><article><p>${sentence.repeat(5)}</p></article>${'<span><b>'.repeat(depth / 2)}deep${'</b></span>'.repeat(depth / 2)}</body></html>`,
    // Never closed: the parser must not build recursion out of the implied ends either.
    `<html><body><p>${sentence.repeat(5)}</p>${'<div><ul><li>'.repeat(depth / 3)}</body></html>`,
    `<html><body>${'<table><tr><td>'.repeat(depth / 3)}${sentence}</body></html>`,
  ];
  for (const html of shapes) {
    const result = analyzeBytes('deep.html', Buffer.from(html));
    // The text inside the nesting is kept, merged into the deepest element that was not dropped.
    assert.match(result.text, /budget would be published on Thursday/);
    assert.ok(result.warnings.some((warning) => /nested deeper than \d+ levels was flattened/.test(warning)), result.warnings.join('; '));
  }
});

test('a page that is not an article says what it is instead', () => {
  const listing = `<html><head><title>Section</title></head><body><ul>${Array.from({ length: 60 }, (_, i) => `<li><a href="/story/${i}">Headline number ${i} about local events</a></li>`).join('')}</ul></body></html>`;
  const result = analyzeBytes('section.html', Buffer.from(listing));
  assert.notEqual(result.pageType, 'article');
  const image = analyzeBytes('only-image.html', Buffer.from('<html><body><img src="a.jpg"></body></html>'));
  assert.notEqual(image.pageType, 'article');
});

test('a lying charset in a real-looking page still gives readable text and a warning', () => {
  const body = 'Łódź mayor Hanna Zdanowska said the tram line would reopen in spring. '.repeat(6);
  const html = `<html><head><meta charset="windows-1250"><title>Łódź</title></head><body><article><p>${body}</p></article></body></html>`;
  const result = analyzeBytes('lying.html', Buffer.from(html, 'utf8'));
  assert.match(result.text, /Łódź mayor Hanna Zdanowska/);
  assert.ok(result.warnings.some((warning) => /valid UTF-8; read as UTF-8/.test(warning)));
});

test('a 50 MB page is cut to the size limit and analysed by the CLI with a warning', HANG_GUARD, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-bad-input-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'huge.html');
  const handle = await open(path, 'w');
  await handle.write('<html><head><title>Huge</title></head><body><article>');
  const paragraph = `<p>${'The committee heard evidence from the harbour master about the storm damage. '.repeat(12)}</p>\n`;
  const block = paragraph.repeat(Math.ceil((1024 * 1024) / paragraph.length));
  for (let written = 0; written < 50 * 1024 * 1024; written += block.length) await handle.write(block);
  await handle.write('</article></body></html>');
  await handle.close();

  const run = await runCli(['analyze', '--format', 'jsonl', '--jobs', '1', path]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as AnalysisResult;
  assert.equal(result.input, path);
  assert.ok(result.warnings.some((warning) => /cut to its first 20 MB of 50(\.\d)? MB/.test(warning)), result.warnings.join('; '));
  assert.match(result.text, /harbour master/);
  assert.ok(result.warnings.some((warning) => /attribution and time analysis .* skipped/.test(warning)), result.warnings.join('; '));
});

test('random bytes behind an HTML name and a gzip header do not crash the pipeline', () => {
  const garbage = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(4096)]);
  assert.match(problemOf(() => analyzeBytes('fake.html.gz', garbage)), /gzip stream/);
});

test('a single enormous line without markup is read as text', () => {
  const result = analyzeBytes('line.txt', Buffer.from('word '.repeat(400_000)));
  assert.equal(typeof result.pageType, 'string');
  // Reading it needs no warning; the later stages say that they left a 2-million-character body unread.
  assert.deepEqual(result.warnings.filter((warning) => !/attribution and time analysis read/.test(warning)), []);
  assert.equal(result.attributions, undefined);
});

test('a text capture that is one enormous word comes back empty with a coded warning saying why', () => {
  const result = analyzeBytes('word.txt', Buffer.from('x'.repeat(50_000)));
  assert.equal(result.text, '');
  const message = "no article text was kept: the capture's text is one unbroken run of 50000 characters without a space, which does not read as words";
  assert.deepEqual(result.codedWarnings, [{ code: 'text_unbroken', message }]);
  assert.ok(result.warnings.includes(message));
  // Long unbroken runs inside ordinary text (a URL, a hash) are not the capture's text being dropped.
  const mixed = analyzeBytes('mixed.txt', Buffer.from(`The council met on Monday to discuss the harbour wall and the new ferry timetable for the winter. ${'y'.repeat(300)}\n`));
  assert.notEqual(mixed.text, '');
  assert.equal(mixed.codedWarnings, undefined);
});

test('the CLI reports the coded warning for a one-word capture', HANG_GUARD, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-word-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'word.txt');
  await writeFile(file, 'z'.repeat(50_000));
  const json = await runCli(['analyze', '--format', 'jsonl', file]);
  assert.equal(json.code, 0, json.stderr);
  const result = JSON.parse(json.stdout) as AnalysisResult;
  assert.equal(result.text, '');
  assert.deepEqual(result.codedWarnings?.map((warning) => warning.code), ['text_unbroken']);
  const text = await runCli(['analyze', '--format', 'text', file]);
  assert.match(text.stdout, /\nWarning: {3}no article text was kept: the capture's text is one unbroken run of 50000 characters without a space/);
});

/** Makes a named pipe, or returns false where the platform has no mkfifo. */
function makeFifo(path: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    execFileSync('mkfifo', [path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('a named pipe that never sends data times out and the CLI still exits after its last line', HANG_GUARD, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-fifo-'));
  try {
    const fifo = join(dir, 'silent.html');
    if (!makeFifo(fifo)) return t.skip('no mkfifo on this platform');
    const page = join(dir, 'page.html');
    await writeFile(page, '<html><body><p>"The bridge is open," said the mayor on Monday.</p></body></html>');
    // Nobody ever opens the pipe for writing; the other page must still be analysed and the process must end.
    const run = await runCli(['analyze', '--jobs', '1', '--timeout', '2000', '--format', 'jsonl', fifo, page], undefined, { killAfterMs: 120_000 });
    assert.equal(run.killed, false, 'the CLI kept running after its last result');
    assert.equal(run.code, 1, run.stderr);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; error?: string; text?: string });
    assert.deepEqual(records[0], { input: fifo, error: `${fifo}: timed out after 2000 ms` });
    assert.equal(records[1].input, page);
    assert.match(records[1].text ?? '', /The bridge is open/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a named pipe is read once its writer comes, like a file', HANG_GUARD, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-fifo-'));
  try {
    const fifo = join(dir, 'late.html');
    if (!makeFifo(fifo)) return t.skip('no mkfifo on this platform');
    const running = runCli(['analyze', '--format', 'jsonl', fifo], undefined, { killAfterMs: 120_000 });
    // Opening for writing waits until the CLI has opened the pipe for reading.
    const writer = await open(fifo, 'w');
    await writer.writeFile('<html><body><p>"The ferry runs again," said the harbour master.</p></body></html>');
    await writer.close();
    const run = await running;
    assert.equal(run.code, 0, run.stderr);
    assert.match((JSON.parse(run.stdout) as { text: string }).text, /The ferry runs again/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ingest: a named pipe that never sends data fails its page at --timeout and the run ends with the rest stored', HANG_GUARD, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-fifo-ingest-'));
  try {
    const pages = join(dir, 'pages');
    await mkdir(pages);
    const fifo = join(pages, 'silent.html');
    if (!makeFifo(fifo)) return t.skip('no mkfifo on this platform');
    await writeFile(join(pages, 'page.html'), '<html><body><p>"The bridge is open," said the mayor on Monday.</p></body></html>');
    const db = join(dir, 'corpus.sqlite');
    // Named directly: a folder walk takes regular files only.
    const run = await runCli(['ingest', fifo, pages, '--db', db, '--quiet', '--timeout', '2000'], undefined, { killAfterMs: 120_000 });
    assert.equal(run.killed, false, 'the ingest run never ended');
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /1 stored/);
    const failures = await runCli(['failures', '--db', db, '--format', 'json']);
    assert.equal(failures.code, 0, failures.stderr);
    assert.match(failures.stdout, /silent\.html/);
    assert.match(failures.stdout, /timed out after 2000 ms/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
