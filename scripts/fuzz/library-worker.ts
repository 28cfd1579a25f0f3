/**
 * Runs inside a worker thread of the library path: loads the models once
 * (a warm-up page, before it says it is ready, so no input pays for them),
 * then analyses each input at full depth with the library's own functions and
 * reports how it ended, how long it took and the heap it reached.
 */
import { parentPort } from 'node:worker_threads';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { analyzeHtml, analyzePage, analyzeRawText, analyzeText, InputError, readWarc } from '../../src/index.js';
import type { AnalysisResult } from '../../src/model/result.js';
import type { LibraryEntry } from './generate.js';
import { ownThreadCpu } from './thread-cpu.js';

export interface LibraryTask {
  id: number;
  /** Where the input was written (readWarc reads a path). */
  path: string;
  /** The name given to the library as the input's name (the file's name). */
  name: string;
  bytes: Uint8Array;
  entry: LibraryEntry;
}

/** One analysed page: a result, or the InputError the library refused it with. */
export type LibraryItem = { input: string; ok: true } | { input: string; ok: false; problem: string };

export type LibraryReply =
  | { id: number; status: 'done'; items: LibraryItem[]; ms: number; cpuMs: number | null; peakHeapMb: number }
  /** Anything thrown that is not an InputError: a crash of the library. */
  | { id: number; status: 'crash'; error: string; stack: string; ms: number; cpuMs: number | null; peakHeapMb: number };

/** `tid` lets the runner watch the thread's CPU time from outside (null without /proc). */
export type LibraryWorkerMessage = { type: 'ready'; tid: number | null } | { type: 'reply'; reply: LibraryReply };

const WARM_UP = `<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>
<p>“The models load once per worker,” said Ada Example, a spokeswoman, on Monday, May 6, 2024.</p></article></body></html>`;

/** The result must survive the trip to JSON, as every caller sends it on. */
function checkSerialisable(result: AnalysisResult): void {
  const text = JSON.stringify(result);
  if (typeof text !== 'string') throw new Error('the result does not serialise to JSON');
  JSON.parse(text);
}

async function run(task: LibraryTask): Promise<LibraryItem[]> {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const refusal = (error: unknown): LibraryItem => {
    if (error instanceof InputError) return { input: error.input, ok: false, problem: error.problem };
    throw error;
  };
  switch (task.entry) {
    case 'readWarc': {
      const items: LibraryItem[] = [];
      for await (const item of readWarc(task.path)) {
        if (item instanceof InputError) {
          items.push({ input: item.input, ok: false, problem: item.problem });
          continue;
        }
        try {
          checkSerialisable(analyzePage(item, { depth: 'full' }).result);
          items.push({ input: item.input, ok: true });
        } catch (error) {
          items.push(refusal(error));
        }
      }
      return items;
    }
    case 'analyzePage':
      try {
        checkSerialisable(analyzePage({ input: task.name, bytes }, { depth: 'full' }).result);
        return [{ input: task.name, ok: true }];
      } catch (error) {
        return [refusal(error)];
      }
    default: {
      // The string functions take text already decoded; UTF-8 is what most callers have.
      const text = bytes.toString('utf8');
      const options = { input: task.name, depth: 'full' as const };
      try {
        if (task.entry === 'analyzeHtml') checkSerialisable(analyzeHtml(text, options));
        else if (task.entry === 'analyzeText') checkSerialisable(analyzeText(text, options));
        else checkSerialisable(analyzeRawText(text, options).result);
        return [{ input: task.name, ok: true }];
      } catch (error) {
        return [refusal(error)];
      }
    }
  }
}

const port = parentPort;
if (!port) throw new Error('library-worker must run in a worker thread');
analyzeHtml(WARM_UP);
port.postMessage({ type: 'ready', tid: ownThreadCpu()?.tid ?? null } satisfies LibraryWorkerMessage);
port.on('message', (task: LibraryTask) => {
  void (async () => {
    const profiler = new GCProfiler();
    profiler.start();
    const cpuStart = ownThreadCpu()?.cpuMs ?? null;
    const started = performance.now();
    let reply: LibraryReply;
    const cpu = (): number | null => {
      const now = ownThreadCpu()?.cpuMs ?? null;
      return now === null || cpuStart === null ? null : now - cpuStart;
    };
    const peak = (): number => {
      const stats = profiler.stop();
      const before = stats?.statistics.map((entry) => entry.beforeGC.heapStatistics.usedHeapSize) ?? [];
      return Math.max(getHeapStatistics().used_heap_size, ...before) / (1024 * 1024);
    };
    try {
      const items = await run(task);
      const ms = performance.now() - started;
      reply = { id: task.id, status: 'done', items, ms, cpuMs: cpu(), peakHeapMb: peak() };
    } catch (error) {
      const ms = performance.now() - started;
      const err = error instanceof Error ? error : new Error(String(error));
      reply = { id: task.id, status: 'crash', error: `${err.name}: ${err.message}`, stack: err.stack ?? '', ms, cpuMs: cpu(), peakHeapMb: peak() };
    }
    port.postMessage({ type: 'reply', reply } satisfies LibraryWorkerMessage);
  })();
});
