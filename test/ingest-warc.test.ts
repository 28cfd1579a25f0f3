import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { InputError } from '../src/ingest/input.js';
import { expandInputs, loadSource, type InputSource } from '../src/ingest/sources.js';
import { emptyWarcStats, readWarc, type WarcPage, type WarcStats } from '../src/ingest/warc/reader.js';
import { encodeWarcRecord, pageResponseRecord, writeWarcFile, writeWarcRecords, type WarcRecordToWrite } from '../src/ingest/warc/write.js';

/** WARC files are built here, in the test, from hand-made records: every kind the reader must pass over or read. */
let dir: string;

const HTML_PLAIN = '<html><head><title>Harbour</title></head><body><p>The harbour reopened on Monday.</p></body></html>';
const HTML_CHUNKED_GZIP = '<html><body><p>Chunked and gzipped: the council voted to extend library hours.</p></body></html>';
const HTML_DEFLATE = '<html><body><p>Raw deflate body from an old server.</p></body></html>';
const HTML_BROTLI = '<html><body><p>Brotli body: the rail strike ended.</p></body></html>';
const HTML_RESOURCE = '<html><body><p>A resource record holding a page.</p></body></html>';

function httpResponse(status: string, headers: Record<string, string>, body: Buffer): Buffer {
  const head = `HTTP/1.1 ${status}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function chunked(body: Buffer, size: number): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

function response(url: string, http: Buffer, extra: Record<string, string> = {}): WarcRecordToWrite {
  return {
    type: 'response',
    date: '2024-05-06T07:08:09Z',
    headers: { 'WARC-Target-URI': url, 'Content-Type': 'application/http; msgtype=response', ...extra },
    block: http,
  };
}

/** Every record kind: the pages are records 3, 5, 9, 10, 11; the rest are passed over. */
function mixedRecords(): WarcRecordToWrite[] {
  return [
    { type: 'warcinfo', headers: { 'Content-Type': 'application/warc-fields' }, block: 'software: test\r\n' },
    { type: 'request', headers: { 'WARC-Target-URI': 'https://news.example/a', 'Content-Type': 'application/http; msgtype=request' }, block: 'GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n' },
    response('https://news.example/a', httpResponse('200 OK', { 'Content-Type': 'text/html; charset=utf-8' }, Buffer.from(HTML_PLAIN)), {
      'WARC-Record-ID': '<urn:uuid:11111111-2222-3333-4444-555555555555>',
      'WARC-Payload-Digest': 'sha1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
    }),
    { type: 'metadata', headers: { 'WARC-Target-URI': 'https://news.example/a', 'Content-Type': 'application/warc-fields' }, block: 'fetchTimeMs: 120\r\n' },
    response(
      'https://news.example/b',
      httpResponse('200 OK', { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }, chunked(gzipSync(Buffer.from(HTML_CHUNKED_GZIP)), 17)),
    ),
    response('https://news.example/missing', httpResponse('404 Not Found', { 'Content-Type': 'text/html' }, Buffer.from('<p>gone</p>'))),
    response('https://news.example/logo.png', httpResponse('200 OK', { 'Content-Type': 'image/png' }, Buffer.from([0x89, 0x50, 0x4e, 0x47]))),
    { type: 'revisit', headers: { 'WARC-Target-URI': 'https://news.example/a', 'WARC-Profile': 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest' }, block: '' },
    response('https://news.example/c', httpResponse('200 OK', { 'Content-Type': 'text/html', 'Content-Encoding': 'deflate' }, deflateRawSync(Buffer.from(HTML_DEFLATE)))),
    response('https://news.example/d', httpResponse('200 OK', { 'Content-Type': 'application/xhtml+xml', 'Content-Encoding': 'br' }, brotliCompressSync(Buffer.from(HTML_BROTLI)))),
    { type: 'resource', date: '2024-05-07T00:00:00Z', headers: { 'WARC-Target-URI': 'https://news.example/e', 'Content-Type': 'text/html' }, block: HTML_RESOURCE },
    { type: 'resource', headers: { 'WARC-Target-URI': 'urn:x-test:thumbnail', 'Content-Type': 'text/html' }, block: '<p>not a web page</p>' },
  ];
}

async function readAll(path: string, stats?: WarcStats, maxBytes?: number): Promise<(WarcPage | InputError)[]> {
  const out: (WarcPage | InputError)[] = [];
  for await (const item of readWarc(path, { stats, maxBytes })) out.push(item);
  return out;
}

function pagesOf(items: (WarcPage | InputError)[]): WarcPage[] {
  return items.filter((item): item is WarcPage => !(item instanceof InputError));
}

function text(page: WarcPage): string {
  return Buffer.from(page.bytes).toString('utf8');
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whosaid-warc-'));
  await writeWarcFile(join(dir, 'mixed.warc.gz'), mixedRecords(), { gzip: true });
  await writeWarcFile(join(dir, 'mixed.warc'), mixedRecords(), { gzip: false });
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

for (const name of ['mixed.warc.gz', 'mixed.warc']) {
  test(`${name}: only 200 page responses and http(s) HTML resources are read, bodies de-chunked and decoded`, async () => {
    const path = join(dir, name);
    const stats = emptyWarcStats();
    const items = await readAll(path, stats);
    assert.deepEqual(
      items.filter((item) => item instanceof InputError),
      [],
    );
    const pages = pagesOf(items);
    assert.deepEqual(
      pages.map((page) => page.url),
      ['https://news.example/a', 'https://news.example/b', 'https://news.example/c', 'https://news.example/d', 'https://news.example/e'],
    );
    assert.deepEqual(pages.map(text), [HTML_PLAIN, HTML_CHUNKED_GZIP, HTML_DEFLATE, HTML_BROTLI, HTML_RESOURCE]);
    assert.deepEqual(
      pages.map((page) => page.contentType),
      ['text/html; charset=utf-8', 'text/html', 'text/html', 'application/xhtml+xml', 'text/html'],
    );
    assert.equal(pages[0].capturedAt, '2024-05-06T07:08:09.000Z');
    assert.equal(pages[4].capturedAt, '2024-05-07T00:00:00.000Z');
    assert.equal(pages[0].warcRecord.recordId, '<urn:uuid:11111111-2222-3333-4444-555555555555>');
    assert.equal(pages[0].warcRecord.payloadDigest, 'sha1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    assert.equal(pages[1].warcRecord.payloadDigest, null);
    assert.ok(pages.every((page) => page.truncated === false));
    // Each page owns its bytes: no view into a larger buffer that would be kept alive, or copied whole to a worker.
    assert.ok(pages.every((page) => page.bytes.byteOffset === 0 && page.bytes.byteLength === page.bytes.buffer.byteLength));
    assert.deepEqual(stats, {
      records: 12,
      pages: 5,
      errors: 0,
      skipped: {
        'warcinfo record': 1,
        'request record': 1,
        'metadata record': 1,
        'revisit record': 1,
        'HTTP status other than 200': 1,
        'not a page (media type)': 1,
        'not an http(s) page': 1,
      },
    });
  });

  test(`${name}: each page is named by its record's byte offset, which points at the record in the file`, async () => {
    const path = join(dir, name);
    const file = await readFile(path);
    const pages = pagesOf(await readAll(path));
    for (const page of pages) {
      assert.equal(page.input, `${path}#${page.warcRecord.offset}`);
      assert.equal(page.warcRecord.file, path);
      if (name.endsWith('.gz')) {
        assert.deepEqual([...file.subarray(page.warcRecord.offset, page.warcRecord.offset + 2)], [0x1f, 0x8b]);
        // The member at that offset inflates to this record on its own.
        const { gunzipSync } = await import('node:zlib');
        const member = gunzipSync(file.subarray(page.warcRecord.offset), { finishFlush: 2 });
        assert.match(member.subarray(0, 400).toString('latin1'), new RegExp(`WARC-Target-URI: ${page.url.replace(/[.]/g, '\\.')}\\r\\n`));
      } else {
        assert.equal(file.subarray(page.warcRecord.offset, page.warcRecord.offset + 5).toString(), 'WARC/');
      }
    }
  });
}

test('a .warc.gz cut inside its last record yields the pages before it, then an error naming the file and the offset', async () => {
  const whole = await readFile(join(dir, 'mixed.warc.gz'));
  const path = join(dir, 'cut.warc.gz');
  await writeFile(path, whole.subarray(0, whole.length - 40));
  const items = await readAll(path);
  const errors = items.filter((item): item is InputError => item instanceof InputError);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].input.startsWith(`${path}#`), errors[0].message);
  assert.match(errors[0].problem, /truncated/);
  assert.equal(items.at(-1), errors[0]);
  assert.deepEqual(
    pagesOf(items).map((page) => page.url),
    ['https://news.example/a', 'https://news.example/b', 'https://news.example/c', 'https://news.example/d', 'https://news.example/e'],
  );
});

test('a plain .warc cut inside a record block yields an error naming the file, the offset and how much was there', async () => {
  const whole = await readFile(join(dir, 'mixed.warc'));
  // Twenty bytes into the block of the record for /c.
  const cutAt = whole.indexOf('\r\n\r\n', whole.indexOf('WARC-Target-URI: https://news.example/c')) + 4 + 20;
  const path = join(dir, 'cut.warc');
  await writeFile(path, whole.subarray(0, cutAt));
  const items = await readAll(path);
  const last = items.at(-1);
  assert.ok(last instanceof InputError);
  assert.match(last.message, new RegExp(`^${path.replace(/[.]/g, '\\.')}#\\d+: the file ends inside this WARC record \\(\\d+ of \\d+ bytes; the file is truncated\\)$`));
  assert.deepEqual(
    pagesOf(items).map((page) => page.url),
    ['https://news.example/a', 'https://news.example/b'],
  );
});

test('a corrupt gzip member is reported at its offset and reading goes on at the next member', async () => {
  const records = [0, 1, 2].map((index) => pageResponseRecord({ url: `https://news.example/${index}`, body: `<p>page ${index} ${'words '.repeat(200)}</p>`, date: '2024-01-01T00:00:00Z' }));
  const members = records.map((record) => gzipSync(encodeWarcRecord(record)));
  // Damage the middle of the second member's deflate data.
  const damaged = Buffer.from(members[1]);
  for (let at = 20; at < 60; at++) damaged[at] = 0xff;
  const path = join(dir, 'damaged.warc.gz');
  await writeFile(path, Buffer.concat([members[0], damaged, members[2]]));
  const items = await readAll(path);
  assert.equal(items.length, 3);
  assert.equal((items[0] as WarcPage).url, 'https://news.example/0');
  assert.ok(items[1] instanceof InputError);
  assert.equal(items[1].input, `${path}#${members[0].length}`);
  assert.match(items[1].problem, new RegExp(`^corrupt gzip member \\(.+\\); skipped to byte ${members[0].length + members[1].length}$`));
  assert.equal((items[2] as WarcPage).url, 'https://news.example/2');
  assert.equal((items[2] as WarcPage).input, `${path}#${members[0].length + members[1].length}`);
});

test('garbage between plain records is skipped to the next record, with one error', async () => {
  const records = [0, 1].map((index) => encodeWarcRecord(pageResponseRecord({ url: `https://news.example/${index}`, body: `<p>page ${index}</p>` })));
  const path = join(dir, 'garbage.warc');
  await writeFile(path, Buffer.concat([records[0], Buffer.from('this is not a record\r\nnor is this\r\n\r\nmore junk\n'), records[1]]));
  const items = await readAll(path);
  assert.equal(items.length, 3);
  assert.ok(items[1] instanceof InputError);
  assert.equal(items[1].input, `${path}#${records[0].length}`);
  assert.match(items[1].problem, /^not a WARC record \(no "WARC\/" header\); skipped \d+ bytes to the next record$/);
  assert.equal((items[2] as WarcPage).url, 'https://news.example/1');
});

test('files that are not WARCs at all are one clear error each, without scanning on', async () => {
  const html = join(dir, 'page.warc');
  await writeFile(html, '<html><body><p>not a warc</p></body></html>\r\n\r\n');
  const gzHtml = join(dir, 'page.warc.gz');
  await writeFile(gzHtml, gzipSync(Buffer.from('<html><body>gzipped page, not a warc</body></html>\r\n\r\n')));
  const empty = join(dir, 'empty.warc');
  await writeFile(empty, '');
  const missing = join(dir, 'missing.warc.gz');
  const results = await Promise.all([html, gzHtml, empty, missing].map((path) => readAll(path)));
  assert.deepEqual(
    results.map((items) => items.map((item) => (item instanceof InputError ? item.message : 'page'))),
    [
      [`${html}#0: not a WARC file (not a WARC record (no "WARC/" header))`],
      [`${gzHtml}#0: not a WARC file (not a WARC record (no "WARC/" header))`],
      [`${empty}: the WARC file is empty`],
      [`${missing}: file not found`],
    ],
  );
});

test('a record too large to inflate in one go is streamed: its page is cut at the limit and the next record is still read', async () => {
  const big = Buffer.concat([Buffer.from('<html><body><p>'), Buffer.alloc(30 * 1024 * 1024, 'a'), Buffer.from('</p></body></html>')]);
  const path = join(dir, 'big.warc.gz');
  await writeWarcRecords(
    path,
    [
      { url: 'https://news.example/big', body: big },
      { url: 'https://news.example/after', body: '<p>after the big one</p>' },
    ],
    { gzip: true },
  );
  const items = await readAll(path, undefined, 1024 * 1024);
  const pages = pagesOf(items);
  assert.equal(items.length, 2, items.map((item) => (item instanceof InputError ? item.message : item.url)).join('; '));
  assert.equal(pages[0].url, 'https://news.example/big');
  assert.equal(pages[0].bytes.length, 1024 * 1024);
  assert.equal(pages[0].truncated, true);
  assert.ok((pages[0].warnings ?? []).length > 0);
  assert.equal(pages[1].url, 'https://news.example/after');
  assert.equal(text(pages[1]), '<p>after the big one</p>');
});

test('a .warc.gz compressed as one gzip stream is read too; records inside one member are named by their place in it', async () => {
  const records = [0, 1, 2].map((index) => encodeWarcRecord(pageResponseRecord({ url: `https://news.example/${index}`, body: `<p>page ${index}</p>` })));
  const path = join(dir, 'whole.warc.gz');
  await writeFile(path, gzipSync(Buffer.concat(records)));
  const items = await readAll(path);
  assert.deepEqual(
    items.map((item) => (item instanceof InputError ? item.message : `${item.input} ${item.url}`)),
    [`${path}#0 https://news.example/0`, `${path}#0+${records[0].length} https://news.example/1`, `${path}#0+${records[0].length + records[1].length} https://news.example/2`],
  );
});

test('cut anywhere or damaged anywhere, a WARC file yields pages and InputErrors only, and reading ends', async () => {
  for (const name of ['mixed.warc.gz', 'mixed.warc']) {
    const whole = await readFile(join(dir, name));
    const fullUrls = pagesOf(await readAll(join(dir, name))).map((page) => page.url);
    const path = join(dir, `damage-${name}`);
    for (let step = 1; step < 40; step++) {
      const at = Math.floor((whole.length * step) / 40);
      await writeFile(path, whole.subarray(0, at));
      const cut = await readAll(path);
      const urls = pagesOf(cut).map((page) => page.url);
      // Cut short, the file yields a prefix of its pages (the last one possibly cut itself).
      assert.deepEqual(urls, fullUrls.slice(0, urls.length), `${name} cut at ${at}`);
      const damaged = Buffer.from(whole);
      damaged.fill(0x5a, at, Math.min(whole.length, at + 7));
      await writeFile(path, damaged);
      const items = await readAll(path);
      assert.ok(items.every((item) => item instanceof InputError || typeof item.url === 'string'), `${name} damaged at ${at}`);
      assert.ok(items.filter((item) => item instanceof InputError).every((error) => error.input.startsWith(`${path}#`)), `${name} damaged at ${at}`);
    }
  }
});

test('a gzip bomb in an HTTP body is cut at the limit, with a warning', async () => {
  const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 'x'));
  const path = join(dir, 'bomb.warc.gz');
  await writeWarcFile(path, [response('https://news.example/bomb', httpResponse('200 OK', { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }, bomb))], { gzip: true });
  const [page] = (await readAll(path, undefined, 256 * 1024)) as WarcPage[];
  assert.equal(page.bytes.length, 256 * 1024);
  assert.equal(page.truncated, true);
  assert.match(page.warnings?.[0] ?? '', /expands past 256 KB/);
});

test('expandInputs reads WARC files given directly, found in folders, or listed in a manifest, as page sources', async () => {
  const folder = join(dir, 'folder');
  await mkdir(join(folder, 'sub'), { recursive: true });
  await writeFile(join(folder, 'a.html'), '<p>a plain page</p>');
  await writeWarcRecords(join(folder, 'sub', 'b.warc'), [{ url: 'https://news.example/b1', body: '<p>b1</p>' }], { gzip: false });
  await writeWarcRecords(join(folder, 'c.warc.gz'), [{ url: 'https://news.example/c1', body: '<p>c1</p>' }, { url: 'https://news.example/c2', body: '<p>c2</p>' }], { gzip: true });
  const manifest = join(dir, 'manifest.jsonl');
  await writeFile(manifest, `${JSON.stringify({ path: 'folder/c.warc.gz' })}\n`);
  const stats = emptyWarcStats();
  const sources: (InputSource | InputError)[] = [];
  for await (const source of expandInputs([folder, join(dir, 'mixed.warc.gz')], { manifest, warcStats: stats })) sources.push(source);
  const described = sources.map((source) => (source instanceof InputError ? `error ${source.message}` : source.kind === 'page' ? `page ${source.page.url}` : `${source.kind} ${source.input}`));
  assert.deepEqual(described, [
    `file ${join(folder, 'a.html')}`,
    'page https://news.example/c1',
    'page https://news.example/c2',
    'page https://news.example/b1',
    'page https://news.example/a',
    'page https://news.example/b',
    'page https://news.example/c',
    'page https://news.example/d',
    'page https://news.example/e',
    'page https://news.example/c1',
    'page https://news.example/c2',
  ]);
  assert.equal(stats.pages, 10);
  const loaded = await loadSource(sources[1] as InputSource);
  assert.equal(Buffer.from(loaded.bytes).toString(), '<p>c1</p>');
  assert.match(loaded.input, /c\.warc\.gz#\d+$/);
  assert.equal(loaded.capturedAt !== null && loaded.capturedAt !== undefined, true);
});
