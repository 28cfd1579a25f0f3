/**
 * Guards speed work on the analysis stages: the full analysis of a fixed
 * sample must not change by a single byte.
 *
 *   node dist/scripts/compare-analysis.js write <out.jsonl> [--wcxb N]
 *     analyses the sample (every AEB page, the first N WCXB dev pages (300
 *     unless told), the example capture, and every PolNeAR dev text read raw)
 *     and writes one JSON line per page: `{ "page": name, "result": AnalysisResult }`.
 *   node dist/scripts/compare-analysis.js compare <a.jsonl> <b.jsonl>
 *     reports every page whose line differs, with the first differing path;
 *     exits 1 when any differs.
 *
 * Reads the benchmark data from ../shared/data; the output files belong
 * outside the repository.
 */
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePage, analyzeRawText, analyzeString } from '../src/analyze.js';
import type { AnalysisResult } from '../src/model/result.js';
import { loadAebPages, loadWcxbPages, sharedDataDir } from '../bench/data.js';
import { repoRoot } from '../bench/report.js';

interface SampleLine {
  page: string;
  result: AnalysisResult;
}

/** Every page of the sample, analysed one at a time so memory stays flat. */
function* sampleResults(wcxbLimit: number): Generator<SampleLine> {
  for (const page of loadAebPages()) {
    yield { page: `aeb/${page.id}`, result: analyzeString(page.html, { format: 'html', url: page.url, input: page.id }).result };
  }
  for (const page of loadWcxbPages(wcxbLimit)) {
    const input = `${page.id}.html`;
    yield { page: `wcxb/${page.id}`, result: analyzePage({ input, bytes: page.bytes, url: page.url, format: 'html' }).result };
  }
  const capture = join(repoRoot(), 'examples', 'sputnik-2017-capture.txt');
  yield { page: 'example/sputnik-2017-capture', result: analyzeString(readFileSync(capture, 'utf8'), { format: 'text', input: capture }).result };
  const polnear = join(sharedDataDir(), 'polnear', 'dev', 'text');
  for (const file of readdirSync(polnear).filter((f) => f.endsWith('.txt')).sort()) {
    yield { page: `polnear/${file}`, result: analyzeRawText(readFileSync(join(polnear, file), 'utf8'), { input: file }).result };
  }
}

function writeSample(out: string, wcxbLimit: number): void {
  const stream = createWriteStream(out);
  let pages = 0;
  const started = performance.now();
  for (const line of sampleResults(wcxbLimit)) {
    stream.write(JSON.stringify(line) + '\n');
    pages++;
  }
  stream.end();
  console.log(`${pages} pages analysed in ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}`);
}

/** The first path at which two JSON values differ, or null when they are equal. */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return `${path}: keys [${keysA.join(',')}] ≠ [${keysB.join(',')}]`;
  for (const key of keysA) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

function compareSamples(pathA: string, pathB: string): number {
  const linesA = readFileSync(pathA, 'utf8').split('\n').filter((l) => l !== '');
  const linesB = readFileSync(pathB, 'utf8').split('\n').filter((l) => l !== '');
  let differing = 0;
  if (linesA.length !== linesB.length) {
    console.log(`line counts differ: ${linesA.length} ≠ ${linesB.length}`);
    differing++;
  }
  for (let i = 0; i < Math.min(linesA.length, linesB.length); i++) {
    if (linesA[i] === linesB[i]) continue;
    differing++;
    const a = JSON.parse(linesA[i]!) as SampleLine;
    const b = JSON.parse(linesB[i]!) as SampleLine;
    console.log(`${a.page}: ${firstDifference(a, b, '') ?? 'same values, different bytes (key order)'}`);
  }
  console.log(differing === 0 ? `identical: ${linesA.length} pages` : `${differing} of ${linesA.length} pages differ`);
  return differing === 0 ? 0 : 1;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'write' && args[0] !== undefined) {
  const limitAt = args.indexOf('--wcxb');
  writeSample(args[0], limitAt >= 0 ? Number(args[limitAt + 1]) : 300);
} else if (mode === 'compare' && args.length === 2) {
  process.exitCode = compareSamples(args[0]!, args[1]!);
} else {
  console.error('usage: compare-analysis write <out.jsonl> [--wcxb N] | compare <a.jsonl> <b.jsonl>');
  process.exitCode = 2;
}
