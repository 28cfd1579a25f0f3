import { parentPort } from 'node:worker_threads';

/** Messages between a WorkerPool and its worker threads. */
export interface TaskMessage<T> {
  type: 'task';
  id: number;
  task: T;
}

export type WorkerMessage<R> =
  | { type: 'ready' }
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; ok: true; value: R }
  | { type: 'done'; id: number; ok: false; error: string };

export interface ServeOptions {
  /**
   * Runs once before the first task is taken (loading models): the pool
   * bounds it with its own warm-up limit, so no page's time limit pays for it.
   */
  warmUp?: () => void | Promise<void>;
}

/**
 * Runs inside a worker thread: answers each task posted by the pool with the
 * handler's value. It reports "ready" once warmed up, then "started" as it
 * takes each task, so that the pool's per-task clock counts neither the
 * worker's start-up nor its warm-up. Tasks posted meanwhile wait in the port.
 */
export function serveTasks<T, R>(handler: (task: T) => R | Promise<R>, options: ServeOptions = {}): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  const listen = (): void => {
    port.postMessage({ type: 'ready' } satisfies WorkerMessage<R>);
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
  };
  // A warm-up that throws is left unhandled: the worker dies with its error, which the pool reports.
  void Promise.resolve(options.warmUp?.()).then(listen);
}
