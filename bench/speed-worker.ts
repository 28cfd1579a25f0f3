/**
 * One tool's speed run, in a process of its own so its peak RSS is its own:
 * `node --expose-gc dist/bench/speed-worker.js <tool>`. Loads and decodes the
 * AEB pages up front, warms up, then times every page; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeString } from '../src/analyze.js';
import { extractHtml } from '../src/extract/html/extract-html.js';
import { WHOSAID_VERSION } from '../src/version.js';
import { loadAebPages, type AebPage } from './data.js';
import { isMainModule, repoRoot } from './report.js';

export const SPEED_TOOLS = [
  'baseline',
  'whosaid-extract',
  'whosaid-analyze-extract',
  'whosaid-analyze',
  'readability-linkedom',
  'readability-jsdom',
  'defuddle',
] as const;
export type SpeedTool = (typeof SPEED_TOOLS)[number];

export interface SpeedMeasurement {
  tool: SpeedTool;
  available: true;
  version: string;
  pages: number;
  /** Pages timed (whole passes over the page set). */
  samples: number;
  passes: number;
  pagesPerSecond: number;
  medianMs: number;
  p99Ms: number;
  meanMs: number;
  maxRssMiB: number;
  /** Pages on which the tool threw or returned nothing. */
  failures: number;
}

export interface SpeedUnavailable {
  tool: SpeedTool;
  available: false;
  reason: string;
}

export type SpeedReport = SpeedMeasurement | SpeedUnavailable;

type Runner = (page: AebPage) => unknown;

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(join(repoRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return json.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Builds the tool's per-page function; imports happen here so a missing package makes the tool unavailable, not the run fail. */
async function makeRunner(tool: SpeedTool): Promise<{ run: Runner; version: string }> {
  switch (tool) {
    case 'baseline':
      // Loads the pages and does nothing: the RSS floor every other row includes.
      return { run: (page) => page.html.length, version: process.version };
    case 'whosaid-extract':
      return { run: (page) => extractHtml(page.html, { url: page.url }).text, version: WHOSAID_VERSION };
    case 'whosaid-analyze-extract':
      return { run: (page) => analyzeString(page.html, { url: page.url, format: 'html', depth: 'extract' }).result.text, version: WHOSAID_VERSION };
    case 'whosaid-analyze':
      return { run: (page) => analyzeString(page.html, { url: page.url, format: 'html', depth: 'full' }).result.text, version: WHOSAID_VERSION };
    case 'readability-linkedom': {
      const { Readability } = await import('@mozilla/readability');
      const { parseHTML } = await import('linkedom');
      type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];
      return {
        run: (page) => {
          const { document } = parseHTML(page.html);
          return new Readability(document as unknown as ReadabilityDocument).parse()?.textContent ?? '';
        },
        version: `${packageVersion('@mozilla/readability')} + linkedom ${packageVersion('linkedom')}`,
      };
    }
    case 'readability-jsdom': {
      const { Readability } = await import('@mozilla/readability');
      const { JSDOM, VirtualConsole } = await import('jsdom');
      type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];
      return {
        run: (page) => {
          // A silent virtual console: page scripts and CSS errors are not what is measured.
          const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
          try {
            return new Readability(dom.window.document as unknown as ReadabilityDocument).parse()?.textContent ?? '';
          } finally {
            dom.window.close();
          }
        },
        version: `${packageVersion('@mozilla/readability')} + jsdom ${packageVersion('jsdom')}`,
      };
    }
    case 'defuddle':
      // Defuddle's Node entry is asynchronous; its runner returns a promise that the timing loop awaits.
      return await makeDefuddleRunner();
  }
}

/** The slice of Defuddle's Node API the benchmark uses. */
interface DefuddleNodeModule {
  Defuddle(document: unknown, url?: string): Promise<{ content: string }>;
}

async function makeDefuddleRunner(): Promise<{ run: Runner; version: string }> {
  // Imported by a computed name: Defuddle is an optional devDependency, and a
  // checkout without it must still compile and report the tool as unavailable.
  const specifier = 'defuddle/node';
  const { Defuddle } = (await import(specifier)) as DefuddleNodeModule;
  const { parseHTML } = await import('linkedom');
  return {
    run: async (page) => {
      const { document } = parseHTML(page.html);
      return (await Defuddle(document, page.url)).content;
    },
    version: `${packageVersion('defuddle')} + linkedom ${packageVersion('linkedom')}`,
  };
}

/**
 * This process's peak resident set. On Linux, getrusage's maxRSS (what
 * `process.resourceUsage().maxRSS` returns) is inherited across fork and exec,
 * so a worker started by a large parent would report the parent's peak; the
 * address space's own high-water mark (VmHWM) starts afresh at exec. Other
 * systems fall back to maxRSS.
 */
export function peakRssMiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match?.[1]) return Number(match[1]) / 1024;
  } catch {
    // No procfs: use getrusage below.
  }
  // maxRSS is in kibibytes.
  return process.resourceUsage().maxRSS / 1024;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

function isEmpty(output: unknown): boolean {
  return output === null || output === undefined || output === '';
}

/** Warm-up: at least 10 pages, then until a full pass or 1.5 s, whichever comes first. */
const WARMUP_MS = 1500;
/** Timed passes: at least one full pass, more until 4 s have been spent, at most 10. */
const MEASURE_MS = 4000;
const MAX_PASSES = 10;

export async function measure(tool: SpeedTool): Promise<SpeedReport> {
  let runner: { run: Runner; version: string };
  try {
    runner = await makeRunner(tool);
  } catch (error) {
    return { tool, available: false, reason: `could not load: ${error instanceof Error ? error.message : String(error)}` };
  }
  const pages = loadAebPages();
  const gc = (globalThis as { gc?: () => void }).gc;

  const warmStart = performance.now();
  for (let i = 0; i < pages.length; i++) {
    if (i >= 10 && performance.now() - warmStart > WARMUP_MS) break;
    try {
      await runner.run(pages[i] as AebPage);
    } catch {
      // A page the tool cannot read still warms it; failures are counted in the timed passes.
    }
  }
  gc?.();

  const samples: number[] = [];
  let failures = 0;
  let passes = 0;
  const start = performance.now();
  while (passes < MAX_PASSES && (passes === 0 || performance.now() - start < MEASURE_MS)) {
    for (const page of pages) {
      const t0 = performance.now();
      let output: unknown = null;
      try {
        output = await runner.run(page);
      } catch {
        output = null;
      }
      samples.push(performance.now() - t0);
      if (passes === 0 && isEmpty(output)) failures++;
    }
    passes++;
  }
  const elapsed = performance.now() - start;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    tool,
    available: true,
    version: runner.version,
    pages: pages.length,
    samples: samples.length,
    passes,
    pagesPerSecond: samples.length / (elapsed / 1000),
    medianMs: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length),
    maxRssMiB: peakRssMiB(),
    failures,
  };
}

if (isMainModule(import.meta.url)) {
  const tool = process.argv[2] as SpeedTool | undefined;
  if (!tool || !SPEED_TOOLS.includes(tool)) {
    console.error(`usage: speed-worker.js <${SPEED_TOOLS.join('|')}>`);
    process.exit(2);
  }
  const report = await measure(tool);
  process.stdout.write(JSON.stringify(report) + '\n');
}
