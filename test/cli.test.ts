import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WHOSAID_VERSION } from '../src/version.js';
import { writeWarcRecords } from '../src/ingest/warc/write.js';
import { CLI_MAIN, runCli } from './support/cli.js';


/** Runs the built CLI as a user would, feeding `stdin` when given. */
const whosaid = runCli;

function article(title: string, sentence: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1>
${`<p>${sentence} ${sentence} ${sentence}</p>\n`.repeat(6)}</article>
<footer>Copyright News Corp</footer></body></html>`;
}

let dir: string;
let server: Server;
let base: string;
const hanging: ServerResponse[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'whosaid-cli-'));
  await mkdir(join(dir, 'batch', 'sub'), { recursive: true });
  await writeFile(join(dir, 'one.html'), article('Harbour reopens', 'The harbour reopened on Monday after three weeks of repairs to the sea wall.'));
  await writeFile(join(dir, 'batch', 'a.html'), article('Council votes', 'The council voted to extend the library opening hours through the winter.'));
  await writeFile(join(dir, 'batch', 'sub', 'b.html.gz'), gzipSync(article('Rail strike ends', 'Drivers returned to work after the union accepted a revised pay offer.')));
  await writeFile(join(dir, 'batch', 'broken.html.gz'), gzipSync(article('Cut', 'This stream is cut short.')).subarray(0, 40));
  await writeFile(join(dir, 'batch', 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  server = createServer((request, response) => {
    if (request.url === '/hang') hanging.push(response);
    else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(article('Fetched story', 'The story was fetched over the loopback interface for this test.'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

test('--version prints the version; --help lists the commands', async () => {
  const version = await whosaid(['--version']);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), WHOSAID_VERSION);
  const help = await whosaid(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: whosaid <command>/);
  assert.match(help.stdout, /\n {2}analyze {2}/);
  const analyzeHelp = await whosaid(['analyze', '--help']);
  assert.equal(analyzeHelp.code, 0);
  assert.match(analyzeHelp.stdout, /--format FMT/);
});

test('usage errors exit 2 with a message and the usage', async () => {
  const cases: [string[], RegExp][] = [
    [[], /Usage: whosaid <command>/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['analyze'], /no inputs given/],
    [['analyze', '--format', 'xml', 'x.html'], /--format must be one of json, jsonl, text, md/],
    [['analyze', '--jobs', '0', 'x.html'], /--jobs must be an integer of at least 1/],
    [['analyze', '--bogus', 'x.html'], /Unknown option '--bogus'/],
    [['analyze', '--url', 'https://a.example/', 'x.html', 'y.html'], /--url applies to exactly one input/],
    [['analyze', '--url', 'not a url', 'x.html'], /--url must be an absolute http\(s\) URL/],
    [['analyze', '--url', 'https://a.example/', tmpdir()], /--url applies to one file or stdin, not a folder/],
  ];
  for (const [args, message] of cases) {
    const run = await whosaid(args);
    assert.equal(run.code, 2, `exit status for ${args.join(' ')}`);
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
});

test('one file in json format prints one pretty object and exits 0', async () => {
  const run = await whosaid(['analyze', '--url', 'https://news.example/2024/05/harbour', join(dir, 'one.html')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^\{\n {2}"input": /);
  const result = JSON.parse(run.stdout);
  assert.equal(result.input, join(dir, 'one.html'));
  assert.equal(result.url, 'https://news.example/2024/05/harbour');
  assert.match(result.text, /harbour reopened on Monday/);
  assert.doesNotMatch(result.text, /Copyright News Corp/);
});

test('a batch with bad inputs prints every good result, an error record per bad one, and exits 1', async () => {
  const run = await whosaid(['analyze', '--format', 'jsonl', '--jobs', '2', join(dir, 'batch'), join(dir, 'missing.html')]);
  assert.equal(run.code, 1);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; error?: string; text?: string });
  const byInput = new Map(records.map((record) => [record.input.slice(dir.length + 1), record]));
  assert.deepEqual([...byInput.keys()].sort(), ['batch/a.html', 'batch/broken.html.gz', 'batch/image.txt', 'batch/sub/b.html.gz', 'missing.html']);
  assert.match(byInput.get('batch/a.html')?.text ?? '', /library opening hours/);
  assert.match(byInput.get('batch/sub/b.html.gz')?.text ?? '', /revised pay offer/);
  assert.equal(byInput.get('batch/broken.html.gz')?.error, `${join(dir, 'batch', 'broken.html.gz')}: truncated gzip stream`);
  assert.equal(byInput.get('batch/image.txt')?.error, `${join(dir, 'batch', 'image.txt')}: looks binary (a PNG image)`);
  assert.equal(byInput.get('missing.html')?.error, `${join(dir, 'missing.html')}: file not found`);
  // Failures are also reported to people on stderr.
  assert.match(run.stderr, /whosaid: .*missing\.html: file not found/);
});

test('json format with several inputs prints one JSON array', async () => {
  const run = await whosaid(['analyze', join(dir, 'one.html'), join(dir, 'batch', 'a.html')]);
  assert.equal(run.code, 0, run.stderr);
  const results = JSON.parse(run.stdout) as { input: string }[];
  assert.ok(Array.isArray(results));
  assert.deepEqual(results.map((result) => result.input).sort(), [join(dir, 'batch', 'a.html'), join(dir, 'one.html')].sort());
});

test('stdin is read for "-", with --url giving its page URL', async () => {
  const run = await whosaid(['analyze', '-', '--url', 'https://news.example/piped', '--format', 'jsonl'], article('Piped in', 'This page arrived on standard input for the command line test.'));
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.input, '-');
  assert.equal(result.url, 'https://news.example/piped');
  assert.match(result.text, /arrived on standard input/);
});

test('standard input that never sends data times out at --timeout with the usual error, and the CLI exits', async () => {
  // The producer keeps the pipe open and silent (like `sleep 30 | whosaid analyze -`); the kill is only a hang guard.
  const run = await whosaid(['analyze', '-', '--timeout', '2000', '--format', 'jsonl'], undefined, { holdStdin: true, killAfterMs: 120_000 });
  assert.equal(run.killed, false, 'the CLI was still waiting for standard input');
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { input: '-', error: '-: timed out after 2000 ms' });
  assert.equal(run.stderr, 'whosaid: -: timed out after 2000 ms\n');
});

test('text and md formats show the fields, the body and what was removed', async () => {
  const text = await whosaid(['analyze', '--format', 'text', join(dir, 'one.html')]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`^== ${join(dir, 'one.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ==\n`));
  assert.match(text.stdout, /\nPage type: /);
  assert.match(text.stdout, /harbour reopened on Monday/);
  const md = await whosaid(['analyze', '--format', 'md', join(dir, 'one.html')]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /^# /);
  assert.match(md.stdout, /\n- \*\*Page type:\*\* /);
  assert.match(md.stdout, /harbour reopened on Monday/);
});

test('a manifest supplies paths, URLs and publication dates; a bad line is an error record', async () => {
  const manifest = join(dir, 'manifest.jsonl');
  await writeFile(
    manifest,
    [
      JSON.stringify({ path: 'one.html', url: 'https://news.example/harbour', published: '2024-05-06' }),
      'not json',
      JSON.stringify({ url: `${base}/story` }),
    ].join('\n'),
  );
  // The test server is on loopback, which URL inputs may reach only when allowed.
  const run = await whosaid(['analyze', '--manifest', manifest, '--format', 'jsonl', '--allow-private-addresses']);
  assert.equal(run.code, 1);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; url?: string; error?: string; text?: string; published?: { stated: string | null } });
  assert.equal(records.length, 3);
  const fromFile = records.find((record) => record.input === join(dir, 'one.html'));
  assert.equal(fromFile?.url, 'https://news.example/harbour');
  assert.deepEqual(fromFile?.published && { stated: fromFile.published.stated, source: (fromFile.published as { source?: string }).source }, { stated: '2024-05-06', source: 'external' });
  const fetched = records.find((record) => record.input === `${base}/story`);
  assert.match(fetched?.text ?? '', /fetched over the loopback interface/);
  const bad = records.find((record) => record.error !== undefined);
  assert.equal(bad?.error, `${manifest}:2: manifest line is not valid JSON`);
});

test('text and md output never pass a page\'s terminal control sequences through', async () => {
  const page = join(dir, 'escapes.html');
  await writeFile(
    page,
    article('Bridge\u001b]0;pwned\u0007 works', 'The bridge \u001b[2Jreopened, \u001b]8;;https://evil.example/\u001b\\see\u001b]8;;\u001b\\ the\b\b plan\u007f and \u009b31m more on Monday.'),
  );
  for (const format of ['text', 'md']) {
    const run = await whosaid(['analyze', '--format', format, page]);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, `${format} output holds a control character`);
    assert.match(run.stdout, /\\x1b\\?\]0;pwned\\x07/);
    assert.match(run.stdout, /\\x1b\\?\[2Jreopened/);
    assert.match(run.stdout, /\\x1b\\?\]8;;https:\/\/evil\.example\//);
    assert.match(run.stdout, /\\x08\\x08 plan\\x7f and \\x9b31m/);
  }
  // JSON escapes them itself.
  const json = await whosaid(['analyze', '--format', 'jsonl', page]);
  assert.doesNotMatch(json.stdout, /[\u0000-\u0009\u000b-\u001f]/);
  assert.match((JSON.parse(json.stdout) as { title: string }).title, /\u001b\]0;pwned\u0007/);
});

test('a manifest path outside the manifest\'s folder is an error record with a code, unless --allow-outside-paths', async () => {
  await mkdir(join(dir, 'outside', 'crawl'), { recursive: true });
  await writeFile(join(dir, 'outside', 'private.txt'), 'Account password: hunter2. Do not publish.');
  await writeFile(join(dir, 'outside', 'crawl', 'story.html'), article('Ferry resumes', 'The ferry service resumed on Tuesday after the storm had passed.'));
  const manifest = join(dir, 'outside', 'crawl', 'manifest.jsonl');
  await writeFile(manifest, [{ path: '../private.txt' }, { path: join(dir, 'outside', 'private.txt') }, { path: 'story.html' }].map((line) => JSON.stringify(line)).join('\n'));

  const run = await whosaid(['analyze', '--manifest', manifest, '--format', 'jsonl', '--jobs', '1']);
  assert.equal(run.code, 1, run.stderr);
  assert.doesNotMatch(run.stdout, /hunter2/);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; error?: string; code?: string; text?: string });
  assert.deepEqual(
    records.filter((record) => record.error !== undefined),
    [
      {
        input: `${manifest}:1`,
        error: `${manifest}:1: manifest path "../private.txt" leads outside the manifest's folder; refused (use --allow-outside-paths to allow)`,
        code: 'manifest_path_outside',
      },
      {
        input: `${manifest}:2`,
        error: `${manifest}:2: manifest path "${join(dir, 'outside', 'private.txt')}" is absolute; manifest paths are relative to the manifest's folder; refused (use --allow-outside-paths to allow)`,
        code: 'manifest_path_outside',
      },
    ],
  );
  assert.match(records.find((record) => record.input === join(dir, 'outside', 'crawl', 'story.html'))?.text ?? '', /ferry service resumed/);
  assert.match(run.stderr, /^whosaid: .*manifest\.jsonl:1: manifest path "\.\.\/private\.txt" leads outside/m);

  const allowed = await whosaid(['analyze', '--manifest', manifest, '--format', 'jsonl', '--jobs', '1', '--allow-outside-paths']);
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stdout, /hunter2/);
});

test('a WARC file is read as the pages it holds: json prints them as an array', async () => {
  const warc = join(dir, 'crawl.warc.gz');
  await writeWarcRecords(
    warc,
    [
      { url: 'https://news.example/harbour', body: article('Harbour reopens', 'The harbour reopened on Monday after three weeks of repairs to the sea wall.') },
      { url: 'https://news.example/council', body: article('Council votes', 'The council voted to extend the library opening hours through the winter.') },
    ],
    { gzip: true },
  );
  const run = await whosaid(['analyze', warc]);
  assert.equal(run.code, 0, run.stderr);
  const results = JSON.parse(run.stdout) as { input: string; url: string; text: string }[];
  assert.deepEqual(
    results.map((result) => result.url).sort(),
    ['https://news.example/council', 'https://news.example/harbour'],
  );
  assert.ok(results.every((result) => result.input.startsWith(`${warc}#`)));
  assert.match(results.find((result) => result.url.endsWith('harbour'))?.text ?? '', /harbour reopened on Monday/);
});

test('a URL on loopback is refused unless --allow-private-addresses is given', async () => {
  const run = await whosaid(['analyze', '--format', 'jsonl', `${base}/story`]);
  assert.equal(run.code, 1);
  const record = JSON.parse(run.stdout.trim()) as { input: string; error?: string };
  assert.equal(record.error, `${base}/story: refused: 127.0.0.1 is a loopback address (use --allow-private-addresses to allow)`);
});

test('a page that hangs is killed at --timeout, reported, and the batch goes on with a fresh worker', async () => {
  // The limit is generous so that the good page, on a fresh worker, never comes near it even on a loaded machine.
  const run = await whosaid(['analyze', '--jobs', '1', '--timeout', '8000', '--format', 'jsonl', '--allow-private-addresses', `${base}/hang`, join(dir, 'one.html')]);
  assert.equal(run.code, 1, run.stderr);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; error?: string; text?: string });
  assert.equal(records.length, 2);
  assert.deepEqual(records[0], { input: `${base}/hang`, error: `${base}/hang: timed out after 8000 ms` });
  assert.equal(records[1].input, join(dir, 'one.html'));
  assert.match(records[1].text ?? '', /harbour reopened/);
});

test('--timeout counts only a page\'s own work: a worker replaced after a timeout loads its models outside the next page\'s limit', async () => {
  // Loading the models takes longer than this limit (seconds); analysing one of these short pages takes a small part of it.
  // Were loading counted, the first page and every page after the timeout would time out too.
  const pages = [join(dir, 'one.html'), join(dir, 'batch', 'a.html'), join(dir, 'batch', 'sub', 'b.html.gz')];
  const run = await whosaid(['analyze', '--jobs', '1', '--timeout', '1500', '--format', 'jsonl', '--allow-private-addresses', pages[0], `${base}/hang`, ...pages.slice(1)]);
  assert.equal(run.code, 1, run.stderr);
  const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { input: string; error?: string; text?: string });
  assert.deepEqual(
    records.map((record) => [record.input, record.error ?? 'ok']),
    [
      [pages[0], 'ok'],
      [`${base}/hang`, `${base}/hang: timed out after 1500 ms`],
      [pages[1], 'ok'],
      [pages[2], 'ok'],
    ],
  );
});

test('a reader that closes the pipe early ends the batch quietly', async () => {
  const child = spawn(process.execPath, [CLI_MAIN, 'analyze', '--format', 'jsonl', '--jobs', '1', join(dir, 'batch'), join(dir, 'one.html'), join(dir, 'batch')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.doesNotMatch(stderr, /EPIPE|Error:/);
  assert.ok(code === 0 || code === 1, `exit status ${code}; stderr: ${stderr}`);
});
