/** Worker thread of the query pool: answers store questions on its own read-only connection. */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../ingest/worker-protocol.js';
import { openStore } from '../store/index.js';
import type { CorpusStore } from '../store/types.js';
import { READ_METHODS, type QueryTask, type QueryWorkerSettings } from './query-pool.js';

const settings = workerData as QueryWorkerSettings;
let opened: Promise<CorpusStore> | null = null;

serveTasks<QueryTask, unknown>(async (task) => {
  // Only the store's questions are callable, whatever a message names.
  if (!(READ_METHODS as readonly string[]).includes(task.method)) throw new Error(`not a store question: ${String(task.method)}`);
  opened ??= openStore(settings.location, { readonly: true }).catch((error: unknown) => {
    // A failed open (a lock, a file being replaced) is tried again by the next question.
    opened = null;
    throw error;
  });
  const store = await opened;
  const method = store[task.method] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(store, task.args);
});
