/**
 * `npm run fuzz -- --inputs N --seed S`: the reliability harness (docs/reliability.md).
 *
 *   --inputs N            inputs to generate (default 1000)
 *   --seed S              the run's seed (default 1); the same seed makes the same inputs
 *   --from I              first input index, to resume a long run (default 0)
 *   --only I[,J…]         just these inputs (reproducing a failure)
 *   --scale X             size of the pathological inputs, 1 = full (default 1)
 *   --batch B             inputs per CLI process (default 100)
 *   --jobs J              library worker threads and CLI --jobs (default 2)
 *   --minimise-seconds T  time to minimise each failing input (default 60; 0: save as is)
 *   --out DIR             where failing inputs go (default bench/out/fuzz)
 *   --replay FILE…        run saved files instead of generated inputs (--entry picks the library function)
 *   --fixtures-only       mutate test/fixtures/html even when the shared data is there
 *   --no-library, --no-cli  one path only
 *   --report              rewrite the Reliability section of docs/benchmarks.md
 *
 * Exits 1 when anything failed, 130 when interrupted (Ctrl-C once stops after
 * reporting what ran; twice quits at once).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { writeOwnSection } from '../../bench/report.js';
import { inputFromFile, type LibraryEntry } from './generate.js';
import { runFuzz } from './harness.js';
import { markdownReport, textReport } from './report.js';

const ENTRIES: LibraryEntry[] = ['analyzePage', 'analyzeHtml', 'analyzeText', 'analyzeRawText'];

function integer(value: string | undefined, name: string, fallback: number, minimum = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < minimum) throw new Error(`${name} must be an integer of at least ${minimum}`);
  return Number(value);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      inputs: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      only: { type: 'string' },
      scale: { type: 'string' },
      batch: { type: 'string' },
      jobs: { type: 'string' },
      'minimise-seconds': { type: 'string' },
      out: { type: 'string' },
      replay: { type: 'boolean' },
      entry: { type: 'string' },
      'fixtures-only': { type: 'boolean' },
      'no-library': { type: 'boolean' },
      'no-cli': { type: 'boolean' },
      report: { type: 'boolean' },
    },
  });
  const seed = values.seed ?? '1';
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be a number in (0, 1]');
  const entry = (values.entry ?? 'analyzePage') as LibraryEntry;
  if (!ENTRIES.includes(entry)) throw new Error(`--entry must be one of ${ENTRIES.join(', ')}`);
  const only = values.only?.split(',').map((part) => integer(part.trim(), '--only', 0));
  const replay = values.replay ? positionals.map((path) => inputFromFile(basename(path).replace(/^original-/, ''), readFileSync(path), entry)) : undefined;
  if (values.replay && replay?.length === 0) throw new Error('--replay takes one or more files');

  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ninterrupted: stopping after reporting what ran (Ctrl-C again to quit at once)\n');
    controller.abort();
  });

  const started = new Date();
  const summary = await runFuzz({
    seed,
    inputs: integer(values.inputs, '--inputs', 1000, 1),
    from: integer(values.from, '--from', 0),
    only,
    scale,
    batchSize: integer(values.batch, '--batch', 100, 1),
    jobs: integer(values.jobs, '--jobs', 2, 1),
    minimiseSeconds: integer(values['minimise-seconds'], '--minimise-seconds', 60),
    outDir: values.out,
    fixturesOnly: values['fixtures-only'] ?? false,
    library: !values['no-library'],
    cli: !values['no-cli'],
    replay,
    signal: controller.signal,
    onProgress: (line) => process.stderr.write(`${line}\n`),
    reproduceCommand: (index) => `npm run fuzz -- --seed ${seed} --only ${index}${scale !== 1 ? ` --scale ${scale}` : ''}${values['fixtures-only'] ? ' --fixtures-only' : ''}`,
  });
  console.log(textReport(summary));
  if (values.report) {
    const command = `npm run fuzz -- ${process.argv.slice(2).join(' ')}`;
    console.log(`\nwrote the reliability section of ${writeOwnSection('reliability', 'Reliability', markdownReport(summary, command, started))}`);
  }
  if (summary.interrupted) return 130;
  return summary.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
