import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { decodePage } from '../src/ingest/decode.js';
import { readFileInput, walkDirectory } from '../src/ingest/file.js';
import { gunzipLimited, GzipProblem } from '../src/ingest/gzip.js';
import { InputError } from '../src/ingest/input.js';
import { parseManifestLine, readManifest } from '../src/ingest/manifest.js';
import { expandInputs, loadSource, type InputSource } from '../src/ingest/sources.js';
import { readStreamInput } from '../src/ingest/stdin.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-ingest-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const PAGE = '<html><head><title>A</title></head><body><p>Günter said hello.</p></body></html>';

test('a .html.gz file is gunzipped and read as HTML', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'page.html.gz');
  await writeFile(path, gzipSync(Buffer.from(PAGE)));
  const decoded = decodePage(await readFileInput(path));
  assert.equal(decoded.format, 'html');
  assert.equal(decoded.content, PAGE);
});

test('gzip is recognised by its magic bytes whatever the file is called', () => {
  const decoded = decodePage({ input: 'download', bytes: gzipSync(Buffer.from(PAGE)) });
  assert.equal(decoded.content, PAGE);
});

test('a truncated gzip stream is an InputError that says so', () => {
  const compressed = gzipSync(Buffer.from(PAGE.repeat(50)));
  assert.throws(
    () => decodePage({ input: 'cut.html.gz', bytes: compressed.subarray(0, compressed.length - 30) }),
    (error: unknown) => error instanceof InputError && error.message === 'cut.html.gz: truncated gzip stream',
  );
});

test('a corrupt gzip stream is an InputError', () => {
  const compressed = Buffer.from(gzipSync(Buffer.from(PAGE.repeat(50))));
  for (let i = 12; i < 40; i++) compressed[i] ^= 0x5a;
  assert.throws(() => decodePage({ input: 'bad.gz', bytes: compressed }), /bad\.gz: (corrupt|unreadable) gzip stream/);
});

test('a gzip stream that expands past the limit is cut, with a warning, not decompressed whole', () => {
  const big = Buffer.alloc(3_000_000, 'a');
  const result = gunzipLimited(gzipSync(big), 1_000_000);
  assert.equal(result.truncated, true);
  assert.ok(result.bytes.length <= 1_000_000);
  assert.ok(result.bytes.length > 400_000, `kept ${result.bytes.length} bytes`);
  assert.match(result.warnings[0], /expands past/);
});

test('a gzip stream that was itself cut at the size limit keeps what it holds', () => {
  const compressed = gzipSync(Buffer.from('word '.repeat(200_000)));
  const result = gunzipLimited(compressed.subarray(0, Math.floor(compressed.length / 2)), 10_000_000, true);
  assert.equal(result.truncated, true);
  assert.ok(result.bytes.length > 0);
  assert.throws(() => gunzipLimited(compressed.subarray(0, 100), 10_000_000, false), GzipProblem);
});

test('an oversized file is read only up to the limit and says so', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'big.txt');
  await writeFile(path, Buffer.alloc(5000, 'x'));
  const page = await readFileInput(path, { maxBytes: 1024 });
  assert.equal(page.bytes.length, 1024);
  assert.equal(page.truncated, true);
  assert.match(page.warnings?.[0] ?? '', /cut to its first 1 KB of 5 KB/);
  const exact = await readFileInput(path, { maxBytes: 5000 });
  assert.equal(exact.truncated, false);
});

test('a missing file and a directory given as a file are InputErrors with a plain problem', async (t) => {
  const dir = await tempDir(t);
  await assert.rejects(readFileInput(join(dir, 'nope.html')), (error: unknown) => error instanceof InputError && error.problem === 'file not found');
  await assert.rejects(readFileInput(dir), (error: unknown) => error instanceof InputError && error.problem === 'is a directory');
});

test('directories are walked depth first in sorted order, skipping hidden files and non-page files', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'b', 'deeper'), { recursive: true });
  await mkdir(join(dir, '.hidden'));
  await mkdir(join(dir, 'a'));
  for (const name of ['z.html', 'a/2.htm', 'a/1.txt', 'b/deeper/x.html.gz', 'b/c.html', '.hidden/secret.html', '.dot.html', 'notes.json', 'image.png']) {
    await writeFile(join(dir, name), PAGE);
  }
  // A link back up the tree must not be walked forever.
  await symlink(dir, join(dir, 'b', 'loop'));
  const files = await collect(walkDirectory(dir));
  assert.deepEqual(
    files.map((file) => file.slice(dir.length + 1)),
    ['a/1.txt', 'a/2.htm', 'b/c.html', 'b/deeper/x.html.gz', 'z.html'],
  );
});

test('expandInputs turns files, folders, URLs and stdin into sources, and a missing path into an error in place', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'folder'));
  await writeFile(join(dir, 'folder', 'one.html'), PAGE);
  await writeFile(join(dir, 'single.html'), PAGE);
  await mkdir(join(dir, 'empty'));
  const items = await collect(
    expandInputs([join(dir, 'single.html'), join(dir, 'missing.html'), join(dir, 'folder'), 'https://example.test/story', '-', join(dir, 'empty')], {
      stdin: Readable.from([Buffer.from('from stdin')]),
    }),
  );
  assert.equal(items.length, 6);
  assert.equal((items[0] as InputSource).kind, 'file');
  assert.ok(items[1] instanceof InputError && items[1].problem === 'file not found');
  assert.deepEqual(items[2], { kind: 'file', input: join(dir, 'folder', 'one.html'), path: join(dir, 'folder', 'one.html') });
  assert.deepEqual(items[3], { kind: 'url', input: 'https://example.test/story', url: 'https://example.test/story' });
  const stdinSource = items[4] as InputSource;
  assert.equal(stdinSource.kind, 'page');
  if (stdinSource.kind === 'page') assert.equal(Buffer.from(stdinSource.page.bytes).toString(), 'from stdin');
  assert.ok(items[5] instanceof InputError && /no page files/.test(items[5].problem));
});

test('stdin is read whole, or cut at the limit without waiting for an endless producer', async () => {
  const whole = await readStreamInput(Readable.from([Buffer.from('abc'), Buffer.from('def')]));
  assert.equal(Buffer.from(whole.bytes).toString(), 'abcdef');
  assert.equal(whole.truncated, false);
  let produced = 0;
  const endless = new Readable({
    read() {
      produced++;
      this.push(Buffer.alloc(1000, 'y'));
    },
  });
  const cut = await readStreamInput(endless, '-', 4500);
  assert.equal(cut.bytes.length, 4500);
  assert.equal(cut.truncated, true);
  assert.ok(produced < 100);
});

test('a stream that sends nothing fails at its time limit and is destroyed', async () => {
  const silent = new PassThrough();
  silent.write('partial');
  await assert.rejects(readStreamInput(silent, '-', undefined, 200), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, '-: timed out after 200 ms');
    return true;
  });
  assert.equal(silent.destroyed, true);
});

test('manifest lines become sources; a bad line is an error for that line only', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'a.html'), PAGE);
  const manifest = join(dir, 'pages.jsonl');
  await writeFile(
    manifest,
    [
      '{"path": "a.html", "url": "https://news.example/a", "published": "2024-05-01"}',
      '',
      '# a comment',
      '{"path": "a.html"',
      '[1, 2]',
      '{"url": "https://news.example/b"}',
      '{"published": "2024-01-01"}',
      '{"path": 7}',
      '{"url": "ftp://old.example/x"}',
    ].join('\n'),
  );
  const items = await collect(readManifest(manifest));
  assert.equal(items.length, 7);
  assert.deepEqual(items[0], { kind: 'file', input: join(dir, 'a.html'), path: join(dir, 'a.html'), url: 'https://news.example/a', published: '2024-05-01', format: undefined });
  assert.ok(items[1] instanceof InputError);
  assert.equal((items[1] as InputError).message, `${manifest}:4: manifest line is not valid JSON`);
  assert.match((items[2] as InputError).message, /:5: manifest line is not a JSON object/);
  assert.deepEqual(items[3], { kind: 'url', input: 'https://news.example/b', url: 'https://news.example/b', published: null, format: undefined });
  assert.match((items[4] as InputError).message, /:7: manifest line has neither "path" nor "url"/);
  assert.match((items[5] as InputError).message, /:8: manifest field "path" must be a string/);
  assert.match((items[6] as InputError).message, /:9: .*not http\(s\)/);

  const page = await loadSource(items[0] as InputSource);
  assert.equal(page.url, 'https://news.example/a');
  assert.equal(page.published, '2024-05-01');
});

test('manifest paths that are absolute or lead outside the manifest\'s folder are refused unless allowed', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'crawl', 'pages'), { recursive: true });
  await writeFile(join(dir, 'secret.txt'), 'not a page for the corpus');
  await writeFile(join(dir, 'crawl', 'pages', 'a.html'), PAGE);
  await symlink(join(dir, 'secret.txt'), join(dir, 'crawl', 'pages', 'link.html'));
  const manifest = join(dir, 'crawl', 'pages.jsonl');
  const lines = ['../secret.txt', join(dir, 'secret.txt'), 'pages/link.html', 'pages/../pages/a.html', '../../../../../../../../etc/passwd'];
  await writeFile(manifest, lines.map((path) => JSON.stringify({ path })).join('\n'));

  const items = await collect(readManifest(manifest));
  assert.equal(items.length, 5);
  for (const index of [0, 1, 2, 4]) {
    const item = items[index];
    assert.ok(item instanceof InputError, `line ${index + 1} should be refused`);
    assert.equal(item.code, 'manifest_path_outside');
    assert.equal(item.input, `${manifest}:${index + 1}`);
    assert.match(item.problem, /refused \(use --allow-outside-paths to allow\)$/);
  }
  assert.match((items[1] as InputError).problem, /is absolute/);
  assert.match((items[2] as InputError).problem, /through a symbolic link/);
  assert.deepEqual(items[3], { kind: 'file', input: join(dir, 'crawl', 'pages', 'a.html'), path: join(dir, 'crawl', 'pages', 'a.html'), url: null, published: null, format: undefined });

  const allowed = await collect(readManifest(manifest, { allowOutsidePaths: true }));
  assert.deepEqual(
    allowed.map((item) => (item instanceof InputError ? item.message : item.kind === 'file' ? item.path : item.kind)),
    [join(dir, 'secret.txt'), join(dir, 'secret.txt'), join(dir, 'crawl', 'pages', 'link.html'), join(dir, 'crawl', 'pages', 'a.html'), '/etc/passwd'],
  );
});

test('a missing manifest is one error naming it', async (t) => {
  const dir = await tempDir(t);
  const items = await collect(readManifest(join(dir, 'none.jsonl')));
  assert.equal(items.length, 1);
  assert.ok(items[0] instanceof InputError && items[0].problem === 'file not found');
  assert.equal(parseManifestLine('   ', 'm:1', dir), null);
});
