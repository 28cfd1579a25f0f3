/**
 * `npm run bench:speed`: whosaid against Readability (on linkedom and on
 * jsdom) and Defuddle on the same AEB pages, decoded once up front. Every tool
 * runs in its own child process (bench/speed-worker.ts) so the peak RSS is its
 * own; then whosaid's batch CLI over the pages as .html.gz files in a temp
 * directory. Prints its table and rewrites its section of docs/benchmarks.md
 * (--no-docs to skip).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadAebPages } from './data.js';
import { isMainModule, markdownTable, repoRoot, runHeader, targetRow, textTable, writeSection, type Cell } from './report.js';
import { SPEED_TOOLS, type SpeedMeasurement, type SpeedReport, type SpeedTool } from './speed-worker.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The issue's targets. */
export const SPEED_TARGETS = { timesReadabilityLinkedom: 5, medianMs: 5 } as const;

const TOOL_LABELS: Record<SpeedTool, string> = {
  baseline: 'baseline (pages loaded, no tool)',
  'whosaid-extract': 'whosaid extractHtml',
  'whosaid-analyze-extract': "whosaid analyzeString, depth 'extract'",
  'whosaid-analyze': "whosaid analyzeString, depth 'full' (with who said what)",
  'readability-linkedom': '@mozilla/readability on linkedom',
  'readability-jsdom': '@mozilla/readability on jsdom',
  defuddle: 'defuddle (Node entry, linkedom)',
};

/** A child gets this long before it is killed and its row says so. */
const CHILD_TIMEOUT_MS = 240_000;

interface ChildOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  seconds: number;
}

function runChild(args: readonly string[], timeoutMs: number, onStdoutLine?: (line: string) => void): Promise<ChildOutcome> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!onStdoutLine) {
        stdout += chunk;
        return;
      }
      // Streamed line by line so a large JSONL output is counted, not held.
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        onStdoutLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // Only the tail matters for a failure message; keep memory bounded.
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (onStdoutLine && pending !== '') onStdoutLine(pending);
      resolvePromise({ code, stdout, stderr, timedOut, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** The line of a child's stderr that best says why it failed: the last one naming an error, else the last one. */
function failureLine(stderr: string): string {
  const lines = stderr.trim().split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const named = lines.filter((line) => /error/i.test(line) && !/^at /.test(line));
  return (named.pop() ?? lines.pop() ?? '').slice(0, 200);
}

async function measureToolOnce(tool: SpeedTool): Promise<SpeedReport> {
  const outcome = await runChild(['--expose-gc', join(here, 'speed-worker.js'), tool], CHILD_TIMEOUT_MS);
  if (outcome.timedOut) return { tool, available: false, reason: `did not finish within ${CHILD_TIMEOUT_MS / 1000} s` };
  const lastLine = outcome.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(lastLine) as SpeedReport;
  } catch {
    const why = failureLine(outcome.stderr);
    return { tool, available: false, reason: `exited with status ${outcome.code}${why ? `: ${why}` : ''}` };
  }
}

/** One retry after a crash: a crash can come from the moment, not the tool (a rebuild of dist/ under the run, memory pressure). */
async function measureTool(tool: SpeedTool): Promise<SpeedReport> {
  const first = await measureToolOnce(tool);
  if (first.available || first.reason.startsWith('did not finish')) return first;
  process.stderr.write(`speed: ${tool} failed (${first.reason}); retrying once\n`);
  const second = await measureToolOnce(tool);
  return second.available ? second : { ...second, reason: `${second.reason} (failed twice)` };
}

export interface BatchCliReport {
  available: boolean;
  /** Why not, when unavailable. */
  reason?: string;
  files: number;
  results: number;
  failures: number;
  seconds: number;
  pagesPerSecond: number;
  command: string;
}

/** Each AEB page is written this many times so that the CLI's start-up does not dominate the figure. */
const BATCH_COPIES = 3;

/** One batch run of the CLI at the given depth (the CLI's default is 'full'). */
async function measureBatchCli(depth: 'full' | 'extract'): Promise<BatchCliReport> {
  const cli = join(repoRoot(), 'dist', 'src', 'cli', 'main.js');
  const jobs = availableParallelism();
  const command = `node dist/src/cli/main.js analyze <dir> --format jsonl --jobs ${jobs} --depth ${depth}`;
  const base = { files: 0, results: 0, failures: 0, seconds: 0, pagesPerSecond: 0, command };
  if (!existsSync(cli)) return { ...base, available: false, reason: 'not available: dist/src/cli/main.js does not exist' };
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-bench-'));
  try {
    const pages = loadAebPages();
    let files = 0;
    for (const page of pages) {
      const gz = gzipSync(page.bytes);
      for (let copy = 0; copy < BATCH_COPIES; copy++) {
        writeFileSync(join(dir, `${page.id}-${copy}.html.gz`), gz);
        files++;
      }
    }
    let results = 0;
    let failures = 0;
    const outcome = await runChild([cli, 'analyze', dir, '--format', 'jsonl', '--jobs', String(jobs), '--depth', depth], CHILD_TIMEOUT_MS, (line) => {
      if (line.trim() === '') return;
      try {
        const parsed = JSON.parse(line) as { error?: unknown; text?: unknown };
        if (typeof parsed.text === 'string') results++;
        else failures++;
      } catch {
        failures++;
      }
    });
    const report = { ...base, files, results, failures, seconds: outcome.seconds, pagesPerSecond: results / outcome.seconds };
    if (outcome.timedOut) return { ...report, available: false, reason: `not available: did not finish within ${CHILD_TIMEOUT_MS / 1000} s` };
    if (results === 0) {
      const why = failureLine(outcome.stderr);
      return { ...report, available: false, reason: `not available: exit status ${outcome.code}, no results${why ? ` (${why})` : ''}` };
    }
    return { ...report, available: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SpeedBench {
  markdown: string;
  text: string;
  tools: SpeedReport[];
  batch: BatchCliReport[];
}

const ms = (value: number): string => value.toFixed(2);

export async function benchSpeed(command: string): Promise<SpeedBench> {
  const started = new Date();
  const tools: SpeedReport[] = [];
  for (const tool of SPEED_TOOLS) {
    process.stderr.write(`speed: ${tool}...\n`);
    tools.push(await measureTool(tool));
  }
  const batch: BatchCliReport[] = [];
  for (const depth of ['extract', 'full'] as const) {
    process.stderr.write(`speed: batch CLI, depth ${depth}...\n`);
    batch.push(await measureBatchCli(depth));
  }

  const measured = (tool: SpeedTool): SpeedMeasurement | null => {
    const report = tools.find((t) => t.tool === tool);
    return report && report.available ? report : null;
  };
  const headers = ['Tool', 'Version', 'Pages/s', 'Median ms', 'p99 ms', 'Peak RSS MiB', 'Timed pages', 'Empty or failed'];
  const rows = tools.map((report): Cell[] =>
    report.available
      ? [TOOL_LABELS[report.tool], report.version, report.pagesPerSecond.toFixed(1), ms(report.medianMs), ms(report.p99Ms), report.maxRssMiB.toFixed(0), `${report.samples} (${report.passes} pass${report.passes > 1 ? 'es' : ''})`, report.failures]
      : [TOOL_LABELS[report.tool], '', 'n/a', '', '', '', '', `not measured: ${report.reason}`],
  );

  const readability = measured('readability-linkedom');
  const targetRows: Cell[][] = [];
  const targetLabels = {
    'whosaid-extract': 'extractHtml',
    'whosaid-analyze-extract': "analyzeString depth 'extract'",
    'whosaid-analyze': "analyzeString depth 'full'",
  } as const;
  for (const tool of ['whosaid-extract', 'whosaid-analyze-extract', 'whosaid-analyze'] as const) {
    const ours = measured(tool);
    const label = targetLabels[tool];
    const ratio = ours && readability ? ours.pagesPerSecond / readability.pagesPerSecond : null;
    targetRows.push(
      targetRow(
        `${label}: ≥ ${SPEED_TARGETS.timesReadabilityLinkedom}× Readability-on-linkedom pages/s`,
        ratio === null ? 'not measured' : `${ratio.toFixed(2)}×`,
        ratio === null ? null : ratio >= SPEED_TARGETS.timesReadabilityLinkedom,
      ),
      targetRow(`${label}: median ≤ ${SPEED_TARGETS.medianMs} ms per AEB page`, ours ? `${ms(ours.medianMs)} ms` : 'not measured', ours ? ours.medianMs <= SPEED_TARGETS.medianMs : null),
    );
  }

  const batchHeaders = ['Command', 'Files', 'Results', 'Failed', 'Seconds', 'Pages/s'];
  const batchRows = batch.map((run): Cell[] =>
    run.available
      ? [`\`${run.command}\``, run.files, run.results, run.failures, run.seconds.toFixed(1), run.pagesPerSecond.toFixed(1)]
      : [`\`${run.command}\``, run.files, '', '', '', run.reason ?? 'not available'],
  );

  const markdown = [
    runHeader(command, started),
    '',
    'The AEB pages (181), decoded once up front with whosaid\'s decoder and handed to every tool as the same string. ' +
      'Each tool runs in its own process: a warm-up (at least 10 pages, then up to a full pass or 1.5 s), then timed passes ' +
      'over all pages (at least one; more until 4 s have passed, at most 10), single-threaded. Pages/s is timed pages over ' +
      'the wall time of the timed passes; median and p99 are over per-page times; peak RSS is the process\'s own ' +
      'high-water mark (VmHWM; `process.resourceUsage().maxRSS` on Linux carries over the parent\'s peak into a child), ' +
      'and includes the loaded pages (the baseline row). Readability and Defuddle times ' +
      'include building their DOM; whosaid\'s include parsing. The issue\'s targets are about reading the article; depth ' +
      '\'full\' also runs the language layer and the attribution stages and is shown for what it costs. "Empty or failed" counts pages of the first timed pass where the tool threw or returned nothing.',
    '',
    markdownTable(['Target', 'Measured', 'Status'], targetRows),
    '',
    markdownTable(headers, rows, [2, 3, 4, 5, 6, 7]),
    '',
    `Batch CLI throughput: each AEB page written ${BATCH_COPIES} times as \`.html.gz\` into a temporary directory, then one run ` +
      'of each command below (start-up, reading, gunzip, decoding, analysis and JSONL output), one worker per core.',
    '',
    markdownTable(batchHeaders, batchRows, [1, 2, 3, 4, 5]),
  ].join('\n');

  const text = [
    'Speed on the AEB pages:',
    textTable(headers, rows),
    '',
    ...targetRows.map((row) => `Target ${row[0]}: ${row[1]} (${row[2]})`),
    '',
    'Batch CLI:',
    textTable(batchHeaders, batchRows.map((row) => row.map((cell) => String(cell).replace(/`/g, '')))),
  ].join('\n');
  return { markdown, text, tools, batch };
}

export async function runSpeedBench(options: { docs: boolean; command: string }): Promise<SpeedBench> {
  const bench = await benchSpeed(options.command);
  console.log(bench.text);
  if (options.docs) writeSection('speed', bench.markdown);
  return bench;
}

if (isMainModule(import.meta.url)) {
  await runSpeedBench({ docs: !process.argv.includes('--no-docs'), command: 'npm run bench:speed' });
}
