import { parentPort } from 'node:worker_threads';

/** Messages between a WorkerPool and its worker threads. */
export interface TaskMessage<T> {
  type: 'task';
  id: number;
  task: T;
}

export type WorkerMessage<R> =
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; ok: true; value: R }
  | { type: 'done'; id: number; ok: false; error: string };

/**
 * Runs inside a worker thread: answers each task posted by the pool with the
 * handler's value. It reports "started" first so that the pool's per-task
 * clock does not count the worker's own start-up.
 */
export function serveTasks<T, R>(handler: (task: T) => R | Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (message: TaskMessage<T>) => {
    if (message?.type !== 'task') return;
    const { id } = message;
    port.postMessage({ type: 'started', id } satisfies WorkerMessage<R>);
    void (async () => {
      try {
        const value = await handler(message.task);
        port.postMessage({ type: 'done', id, ok: true, value } satisfies WorkerMessage<R>);
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        port.postMessage({ type: 'done', id, ok: false, error: text } satisfies WorkerMessage<R>);
      }
    })();
  });
}
