/**
 * WARC reading speed: builds a .warc.gz and a .warc from the AEB and WCXB
 * dev pages (repeated to --pages records, each a response record with a
 * gzip-encoded HTTP body half of the time, as crawls store them), then times
 * readWarc over each file. Reading only: no analysis.
 *
 *   npm run build && node dist/bench/warc-read.js [--pages 5000] [--rounds 3] [--keep]
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { InputError } from '../src/ingest/input.js';
import { emptyWarcStats, readWarc } from '../src/ingest/warc/reader.js';
import { writeWarcFile, type WarcRecordToWrite } from '../src/ingest/warc/write.js';
import { sharedDataDir } from './data.js';

function pageFiles(): string[] {
  const root = sharedDataDir();
  const folders = [join(root, 'extraction-benchmark', 'html'), join(root, 'wcxb-dev', 'html')];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.html.gz'))
      .sort()
      .map((name) => join(folder, name)),
  );
}

function* records(files: string[], count: number): Generator<WarcRecordToWrite> {
  yield { type: 'warcinfo', headers: { 'Content-Type': 'application/warc-fields' }, block: 'software: whosaid bench\r\n' };
  for (let index = 0; index < count; index++) {
    const body = gunzipSync(readFileSync(files[index % files.length]));
    const encoded = index % 2 === 1;
    const payload = encoded ? gzipSync(body) : body;
    const head = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n${encoded ? 'Content-Encoding: gzip\r\n' : ''}Content-Length: ${payload.length}\r\n\r\n`;
    yield { type: 'request', headers: { 'WARC-Target-URI': `https://bench.example/${index}` }, block: `GET /${index} HTTP/1.1\r\nHost: bench.example\r\n\r\n` };
    yield {
      type: 'response',
      date: new Date(Date.UTC(2024, 0, 1) + index * 1000),
      headers: { 'WARC-Target-URI': `https://bench.example/${index}`, 'Content-Type': 'application/http; msgtype=response' },
      block: Buffer.concat([Buffer.from(head, 'latin1'), payload]),
    };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pages: { type: 'string' }, rounds: { type: 'string' }, keep: { type: 'boolean' } } });
  const pageCount = Number(values.pages ?? 5000);
  const rounds = Number(values.rounds ?? 3);
  const files = pageFiles();
  const work = mkdtempSync(join(tmpdir(), 'whosaid-warc-bench-'));
  try {
    for (const gzip of [true, false]) {
      const path = join(work, gzip ? 'bench.warc.gz' : 'bench.warc');
      await writeWarcFile(path, records(files, pageCount), { gzip });
      const size = statSync(path).size;
      const times: number[] = [];
      let stats = emptyWarcStats();
      let peakRss = 0;
      for (let round = 0; round < rounds; round++) {
        stats = emptyWarcStats();
        let bodyBytes = 0;
        const started = performance.now();
        for await (const item of readWarc(path, { stats })) {
          if (item instanceof InputError) throw item;
          bodyBytes += item.bytes.length;
          if (stats.pages % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
        }
        times.push((performance.now() - started) / 1000);
        void bodyBytes;
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      process.stdout.write(
        `${gzip ? '.warc.gz' : '.warc   '}  ${(size / 2 ** 20).toFixed(1)} MB on disk, ${stats.records} records (${stats.pages} pages): ` +
          `median of ${rounds} ${median.toFixed(2)} s, ${(stats.records / median).toFixed(0)} records/s, ${(stats.pages / median).toFixed(0)} pages/s, ` +
          `${(size / 2 ** 20 / median).toFixed(1)} MB/s of file; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB\n`,
      );
    }
    if (values.keep) process.stdout.write(`files kept in ${work}\n`);
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
}

await main();
