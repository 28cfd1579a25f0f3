/**
 * The library path: inputs analysed by worker threads, one at a time each.
 * A worker gets the heap limit of the input's bound (resourceLimits); one
 * that runs past twice the input's time bound is terminated (a hang), one
 * that runs out of heap or dies is a finding too. A fresh worker is started in
 * its place, and loads its models before it takes the next input.
 */
import { Worker } from 'node:worker_threads';
import type { FuzzInput } from './generate.js';
import type { LibraryItem, LibraryReply, LibraryTask, LibraryWorkerMessage } from './library-worker.js';
import { threadCpuMs } from './thread-cpu.js';

/**
 * How an input ended on the library path. `ms` is wall time; `cpuMs` the
 * analysing thread's CPU time (null without /proc), which the bound is
 * checked against (see thread-cpu.ts).
 */
export type LibraryOutcome =
  | { kind: 'done'; items: LibraryItem[]; ms: number; cpuMs: number | null; peakHeapMb: number }
  | { kind: 'crash'; error: string; stack?: string; ms: number; cpuMs: number | null; peakHeapMb: number | null }
  | { kind: 'hang'; ms: number; cpuMs: number | null }
  | { kind: 'out-of-memory'; ms: number; limitMb: number };

/** A worker is killed once an input has used this many times its time bound (CPU time where it can be read). */
export const HANG_FACTOR = 2;
/** …or, whatever its CPU time, this many times its bound in wall time (a thread that waits forever uses no CPU). */
export const WALL_HANG_FACTOR = 10;
const WATCH_INTERVAL_MS = 250;

interface Slot {
  worker: Worker;
  heapLimitMb: number;
  /** Resolves with the worker's thread id once its models are loaded. */
  ready: Promise<number | null>;
  tid: number | null;
  busy: boolean;
  lastUsed: number;
}

/** Idle workers kept beyond the busy ones. */
const IDLE_EXTRA = 2;

export class LibraryRunner {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  private clock = 0;
  private closed = false;
  /** Workers started, the first ones included (each loads the models). */
  workersStarted = 0;

  constructor(private readonly size: number) {}

  /**
   * Runs one input; never rejects. `heapLimitMb` is the worker's heap limit:
   * the input's class by default, or exactly its bound to confirm a heap finding.
   */
  async run(input: FuzzInput, path: string, heapLimitMb = input.bound.heapLimitMb): Promise<LibraryOutcome> {
    let slot: Slot;
    try {
      slot = await this.acquire(heapLimitMb);
    } catch (error) {
      return { kind: 'crash', error: `a worker could not start: ${error instanceof Error ? error.message : String(error)}`, ms: 0, cpuMs: null, peakHeapMb: null };
    }
    try {
      return await this.runOn(slot, input, path);
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    for (const wake of this.waiting.splice(0)) wake();
  }

  /**
   * A worker of the given heap limit for one input, at most `size` busy at once.
   * Idle workers of other limits are kept (up to IDLE_EXTRA beyond `size`), so
   * that inputs of alternating size classes do not reload the models each time.
   */
  private async acquire(heapLimitMb: number): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('the library runner is closed');
      if (this.slots.filter((slot) => slot.busy).length < this.size) {
        const match = this.slots.find((slot) => !slot.busy && slot.heapLimitMb === heapLimitMb);
        if (match) {
          match.busy = true;
          match.lastUsed = ++this.clock;
          await this.whenReady(match);
          return match;
        }
        if (this.slots.length >= this.size + IDLE_EXTRA) {
          const idle = this.slots.filter((slot) => !slot.busy).sort((a, b) => a.lastUsed - b.lastUsed)[0];
          if (idle) this.drop(idle);
        }
        const slot = this.spawn(heapLimitMb);
        slot.busy = true;
        slot.lastUsed = ++this.clock;
        await this.whenReady(slot);
        return slot;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private async whenReady(slot: Slot): Promise<void> {
    try {
      await slot.ready;
    } catch (error) {
      slot.busy = false;
      this.drop(slot);
      this.waiting.shift()?.();
      throw error;
    }
  }

  private spawn(heapLimitMb: number): Slot {
    const worker = new Worker(new URL('./library-worker.js', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
    this.workersStarted++;
    const ready = new Promise<number | null>((resolve, reject) => {
      const onMessage = (message: LibraryWorkerMessage): void => {
        if (message.type === 'ready') {
          worker.off('message', onMessage);
          worker.off('error', reject);
          slot.tid = message.tid;
          resolve(message.tid);
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    // A worker that fails to start is a harness problem: surface it on the input that waits for it.
    ready.catch(() => undefined);
    const slot: Slot = { worker, heapLimitMb, ready, tid: null, busy: false, lastUsed: 0 };
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  private runOn(slot: Slot, input: FuzzInput, path: string): Promise<LibraryOutcome> {
    const id = this.nextId++;
    const task: LibraryTask = { id, path, name: input.fileName, bytes: input.bytes, entry: input.entry };
    const started = performance.now();
    const worker = slot.worker;
    return new Promise<LibraryOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: LibraryOutcome, replace: boolean): void => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (replace) this.drop(slot);
        resolve(outcome);
      };
      const onMessage = (message: LibraryWorkerMessage): void => {
        if (message.type !== 'reply' || message.reply.id !== id) return;
        const reply: LibraryReply = message.reply;
        if (reply.status === 'done') finish({ kind: 'done', items: reply.items, ms: reply.ms, cpuMs: reply.cpuMs, peakHeapMb: reply.peakHeapMb }, false);
        // An exception the worker caught leaves it sound: it keeps its models for the next input.
        else finish({ kind: 'crash', error: reply.error, stack: reply.stack, ms: reply.ms, cpuMs: reply.cpuMs, peakHeapMb: reply.peakHeapMb }, false);
      };
      const onError = (error: Error & { code?: string }): void => {
        const ms = performance.now() - started;
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish({ kind: 'out-of-memory', ms, limitMb: slot.heapLimitMb }, true);
        else finish({ kind: 'crash', error: `uncaught in the worker: ${error.name}: ${error.message}`, stack: error.stack, ms, cpuMs: null, peakHeapMb: null }, true);
      };
      const onExit = (code: number): void => finish({ kind: 'crash', error: `the worker exited (code ${code})`, ms: performance.now() - started, cpuMs: null, peakHeapMb: null }, true);
      const cpuAtStart = slot.tid === null ? null : threadCpuMs(slot.tid);
      const watchdog = setInterval(() => {
        const ms = performance.now() - started;
        const cpuNow = slot.tid === null ? null : threadCpuMs(slot.tid);
        const cpuMs = cpuNow === null || cpuAtStart === null ? null : cpuNow - cpuAtStart;
        const limit = input.bound.ms * HANG_FACTOR;
        if ((cpuMs ?? ms) > limit || ms > input.bound.ms * WALL_HANG_FACTOR) finish({ kind: 'hang', ms, cpuMs }, true);
      }, WATCH_INTERVAL_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // Copied, not transferred: the input's bytes are still needed for the CLI path and the minimiser.
      worker.postMessage(task);
    });
  }
}
