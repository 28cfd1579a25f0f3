import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TaskMessage, WorkerMessage } from './worker-protocol.js';

/**
 * How long a fresh worker may take to start and warm up (load the models)
 * before it takes its first task, in ms. Generous: loading takes a few
 * seconds, longer on a busy machine; this only catches a worker that never
 * gets ready. It is apart from the per-task limit, which counts only a
 * task's own work, so a worker replaced after a timeout does not make the
 * next task pay for its loading.
 */
export const DEFAULT_WARM_UP_TIMEOUT_MS = 120_000;

export interface WorkerPoolOptions {
  /** The worker script; it must call serveTasks. */
  workerUrl: URL;
  /** How many workers run at once. */
  size: number;
  /** Per-task limit in milliseconds, counted from when the worker picks the task up (after its warm-up); 0 for none. */
  timeoutMs: number;
  /** Limit for a fresh worker's start and warm-up, in milliseconds (default DEFAULT_WARM_UP_TIMEOUT_MS); 0 for none. */
  warmUpTimeoutMs?: number;
  /** Heap limits per worker; a worker that exceeds them is replaced and its task fails. */
  resourceLimits?: ResourceLimits;
  workerData?: unknown;
}

/** A task's outcome: the worker's value, or why there is none (the task threw, timed out, or killed its worker). */
export type TaskOutcome<R> = { ok: true; value: R } | { ok: false; error: string };

interface Pending<T, R> {
  id: number;
  task: T;
  resolve: (outcome: TaskOutcome<R>) => void;
}

interface Slot<T, R> {
  worker: Worker;
  current: Pending<T, R> | null;
  /** The warm-up limit until the worker is ready, then the current task's limit. */
  timer: NodeJS.Timeout | null;
}

/**
 * A fixed-size pool of worker threads that run tasks one at a time each.
 * A worker that runs past the time limit, runs out of memory or dies is
 * terminated and replaced; only its task fails, and the queue goes on.
 */
export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: Pending<T, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError('pool size must be a positive integer');
  }

  /** Queues a task; resolves (never rejects) when it is done or has failed. */
  run(task: T): Promise<TaskOutcome<R>> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the worker pool is closed' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.dispatch();
    });
  }

  /** Stops every worker. Tasks still queued fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve({ ok: false, error: 'the worker pool was closed' });
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.current?.resolve({ ok: false, error: 'the worker pool was closed' });
      slot.current = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((candidate) => candidate.current === null);
      if (!slot && this.slots.length < this.options.size) {
        slot = this.spawn();
      }
      if (!slot) return;
      const pending = this.queue.shift() as Pending<T, R>;
      slot.current = pending;
      slot.worker.postMessage({ type: 'task', id: pending.id, task: pending.task } satisfies TaskMessage<T>);
    }
  }

  /** Starts a worker in a new slot; tasks given to it wait in its port until it is warmed up. */
  private spawn(): Slot<T, R> {
    const worker = new Worker(this.options.workerUrl, {
      workerData: this.options.workerData,
      resourceLimits: this.options.resourceLimits,
    });
    const slot: Slot<T, R> = { worker, current: null, timer: null };
    this.slots.push(slot);
    this.watch(slot);
    const warmUpMs = this.options.warmUpTimeoutMs ?? DEFAULT_WARM_UP_TIMEOUT_MS;
    if (warmUpMs > 0) {
      slot.timer = setTimeout(() => this.fail(slot, worker, `worker did not get ready within ${warmUpMs} ms (starting and loading models)`), warmUpMs);
    }
    return slot;
  }

  private watch(slot: Slot<T, R>): void {
    const worker = slot.worker;
    worker.on('message', (message: WorkerMessage<R>) => {
      if (message.type === 'ready') {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        return;
      }
      const pending = slot.current;
      if (slot.worker !== worker || !pending || message.id !== pending.id) return;
      if (message.type === 'started') {
        if (this.options.timeoutMs > 0) {
          slot.timer = setTimeout(() => this.fail(slot, worker, `timed out after ${this.options.timeoutMs} ms`), this.options.timeoutMs);
        }
        return;
      }
      this.finish(slot, message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const limit = this.options.resourceLimits?.maxOldGenerationSizeMb;
      const problem =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory${limit ? ` (limit ${limit} MB)` : ''}`
          : `analysis crashed (${error.message})`;
      this.fail(slot, worker, problem);
    });
    worker.on('exit', (code) => {
      this.fail(slot, worker, `worker stopped unexpectedly (exit code ${code})`);
    });
  }

  private finish(slot: Slot<T, R>, outcome: TaskOutcome<R>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const pending = slot.current;
    slot.current = null;
    pending?.resolve(outcome);
    this.dispatch();
  }

  /**
   * Fails the slot's task (if this worker still holds the slot) and drops the
   * worker; the next dispatch starts a fresh one only if there is work, so a
   * worker that cannot even start fails tasks one by one instead of looping.
   */
  private fail(slot: Slot<T, R>, worker: Worker, problem: string): void {
    const index = this.slots.indexOf(slot);
    if (slot.worker !== worker || this.closed || index < 0) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    this.slots.splice(index, 1);
    void worker.terminate();
    const pending = slot.current;
    slot.current = null;
    pending?.resolve({ ok: false, error: problem });
    this.dispatch();
  }
}
