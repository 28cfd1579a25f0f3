/**
 * Times the full analysis (extraction, language layer, attribution,
 * entities, time) per AEB page in one thread, after a warm-up pass:
 *
 *   node dist/scripts/profile-analysis.js [--passes N] [--depth extract|full] [--limit N]
 *   node dist/scripts/profile-analysis.js --stages [--passes N]   (mean CPU time per stage)
 *
 * `--wcxb N` reads the first N WCXB dev pages instead of the AEB pages.
 *
 * Prints the median, p90 and mean milliseconds per page and pages per
 * second. Run it under `node --cpu-prof` to see where the time goes, and
 * read the profile with `node dist/scripts/profile-analysis.js --read <file.cpuprofile>`,
 * which sums self time per function (and, with `--inclusive f,g`, the
 * time inside the named functions).
 */
import { readFileSync } from 'node:fs';
import { analyzeString, type AnalysisDepth } from '../src/analyze.js';
import { annotate } from '../src/nlp/index.js';
import { attribute, attributionsToJson } from '../src/attribution/index.js';
import { entitiesToJson } from '../src/attribution/entities/index.js';
import { analyzeTime } from '../src/time/index.js';
import { decodeHtmlBytes, loadAebPages, loadWcxbPages } from '../bench/data.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

interface SamplePage {
  id: string;
  url: string | null;
  html: string;
}

/** The AEB pages, or with `--wcxb N` the first N WCXB dev pages (longer and more varied); `--limit N` keeps the first N. */
function samplePages(): SamplePage[] {
  const limit = Number(option('--limit', 'Infinity'));
  const wcxb = Number(option('--wcxb', '0'));
  if (wcxb > 0) return loadWcxbPages(Math.min(wcxb, limit)).map((p) => ({ id: p.id, url: p.url, html: decodeHtmlBytes(p.id, p.bytes) }));
  return loadAebPages().slice(0, limit);
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

function timePages(): void {
  const passes = Number(option('--passes', '3'));
  const depth = option('--depth', 'full') as AnalysisDepth;
  const pages = samplePages();
  // Warm-up: models load and the JIT settles before anything is timed.
  for (const page of pages) analyzeString(page.html, { format: 'html', url: page.url, input: page.id, depth });
  const times: number[] = [];
  // CPU time of the process too: on a shared machine it is less disturbed by other processes than the wall clock.
  const cpuTimes: number[] = [];
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const page of pages) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      analyzeString(page.html, { format: 'html', url: page.url, input: page.id, depth });
      const cpu = process.cpuUsage(cpu0);
      times.push(performance.now() - t0);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
  }
  const total = performance.now() - started;
  const summary = (values: readonly number[]): string => {
    const sorted = [...values].sort((a, b) => a - b);
    const mean = values.reduce((s, t) => s + t, 0) / values.length;
    return `median ${percentile(sorted, 0.5).toFixed(2)} ms, p90 ${percentile(sorted, 0.9).toFixed(2)} ms, mean ${mean.toFixed(2)} ms`;
  };
  console.log(
    `depth ${depth}, ${pages.length} pages × ${passes} passes: wall ${summary(times)}, ${((times.length / total) * 1000).toFixed(1)} pages/s; ` +
      `cpu ${summary(cpuTimes)}`,
  );
}

/** Self time per function (and per file) from a .cpuprofile, largest first. */
function readProfile(path: string): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const perFunction = new Map<string, number>();
  const perFile = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^.*\/dist\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + micros);
    perFile.set(file || '(native)', (perFile.get(file || '(native)') ?? 0) + micros);
    total += micros;
  }
  const top = Number(option('--top', '40'));
  const show = (title: string, map: Map<string, number>, limit = top): void => {
    console.log(`\n${title}`);
    for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
      console.log(`${(micros / 1000).toFixed(0).padStart(8)} ms ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
    }
  };
  show('self time per function', perFunction);
  // Inclusive time of named functions: every sample with the function anywhere on its stack.
  const names = option('--inclusive', '').split(',').filter((n) => n !== '');
  if (names.length > 0) {
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const inclusive = new Map<string, number>(names.map((n) => [n, 0]));
    for (let i = 0; i < profile.samples.length; i++) {
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const name = byId.get(id)!.callFrame.functionName;
        if (inclusive.has(name)) seen.add(name);
      }
      for (const name of seen) inclusive.set(name, inclusive.get(name)! + (profile.timeDeltas[i] ?? 0));
    }
    show('inclusive time', inclusive, names.length);
  }
  show('self time per file', perFile);
}

/**
 * CPU time per stage, summed over the pages: the stages of the full analysis
 * run one by one on the extracted document, as src/analyze.ts runs them.
 */
function timeStages(): void {
  const passes = Number(option('--passes', '3'));
  const pages = samplePages();
  const stages = ['extract', 'language', 'attribution', 'entities and speakers', 'time'] as const;
  const spent = new Map<string, number>(stages.map((s) => [s, 0]));
  for (let pass = 0; pass <= passes; pass++) {
    for (const page of pages) {
      let cpu = process.cpuUsage();
      const lap = (stage: (typeof stages)[number]): void => {
        const used = process.cpuUsage(cpu);
        // The first pass warms up (models load, the JIT settles) and is not counted.
        if (pass > 0) spent.set(stage, spent.get(stage)! + (used.user + used.system) / 1000);
        cpu = process.cpuUsage();
      };
      const { document, result } = analyzeString(page.html, { format: 'html', url: page.url, input: page.id, depth: 'extract' });
      lap('extract');
      annotate(document);
      lap('language');
      attribute(document);
      lap('attribution');
      attributionsToJson(document);
      entitiesToJson(document.layer('entities'));
      lap('entities and speakers');
      analyzeTime(document, result.published);
      lap('time');
    }
  }
  const count = pages.length * passes;
  const total = [...spent.values()].reduce((a, b) => a + b, 0);
  for (const [stage, ms] of spent) console.log(`${stage.padEnd(22)} ${(ms / count).toFixed(2).padStart(7)} ms/page ${((ms / total) * 100).toFixed(1).padStart(5)}%`);
  console.log(`${'all'.padEnd(22)} ${(total / count).toFixed(2).padStart(7)} ms/page (cpu, mean over ${pages.length} pages × ${passes} passes)`);
}

const profilePath = option('--read', '');
if (profilePath !== '') readProfile(profilePath);
else if (process.argv.includes('--stages')) timeStages();
else timePages();
