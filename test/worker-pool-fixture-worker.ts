import { serveTasks } from '../src/ingest/worker-protocol.js';

/** A worker for the pool tests: each task says how this worker should behave. */
export type FixtureTask =
  | { kind: 'echo'; value: string }
  | { kind: 'throw'; message: string }
  | { kind: 'spin' }
  | { kind: 'allocate' }
  | { kind: 'exit' };

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
});
