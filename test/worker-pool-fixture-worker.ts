import { workerData } from 'node:worker_threads';
import { serveTasks } from '../src/ingest/worker-protocol.js';

/** How the fixture warms up before its first task (like loading models): for `warmUpMs` of busy work, or forever. */
export interface FixtureSettings {
  warmUp?: { kind: 'busy'; ms: number } | { kind: 'hang' };
}

/** A worker for the pool tests: each task says how this worker should behave. */
export type FixtureTask =
  | { kind: 'echo'; value: string }
  | { kind: 'throw'; message: string }
  | { kind: 'spin' }
  | { kind: 'allocate' }
  | { kind: 'exit' };

const settings = (workerData ?? {}) as FixtureSettings;

function warmUp(): void {
  const plan = settings.warmUp;
  if (!plan) return;
  // Busy, as model loading is: the thread cannot answer anything meanwhile.
  const until = plan.kind === 'busy' ? Date.now() + plan.ms : Infinity;
  while (Date.now() < until);
}

serveTasks<FixtureTask, string>((task) => {
  switch (task.kind) {
    case 'echo':
      return `echo:${task.value}`;
    case 'throw':
      throw new Error(task.message);
    case 'spin':
      // A page whose analysis never ends: only termination stops it.
      for (;;);
    case 'allocate': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(100_000).fill(hoard.length));
    }
    case 'exit':
      process.exit(3);
  }
}, { warmUp });
