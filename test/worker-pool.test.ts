import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../src/ingest/worker-pool.js';
import type { FixtureSettings, FixtureTask } from './worker-pool-fixture-worker.js';

const fixture = new URL('./worker-pool-fixture-worker.js', import.meta.url);

test('tasks run on workers and their values come back; a thrown error fails only that task', async () => {
  const pool = new WorkerPool<FixtureTask, string>({ workerUrl: fixture, size: 2, timeoutMs: 0 });
  try {
    const outcomes = await Promise.all([
      pool.run({ kind: 'echo', value: 'a' }),
      pool.run({ kind: 'throw', message: 'boom' }),
      pool.run({ kind: 'echo', value: 'b' }),
    ]);
    assert.deepEqual(outcomes, [
      { ok: true, value: 'echo:a' },
      { ok: false, error: 'boom' },
      { ok: true, value: 'echo:b' },
    ]);
  } finally {
    await pool.close();
  }
});

test('a task that never ends is killed at the time limit and its worker replaced', async () => {
  const pool = new WorkerPool<FixtureTask, string>({ workerUrl: fixture, size: 1, timeoutMs: 300 });
  try {
    const spinning = pool.run({ kind: 'spin' });
    const after = pool.run({ kind: 'echo', value: 'still here' });
    assert.deepEqual(await spinning, { ok: false, error: 'timed out after 300 ms' });
    assert.deepEqual(await after, { ok: true, value: 'echo:still here' });
  } finally {
    await pool.close();
  }
});

test('a worker that runs out of memory fails its task and the next task gets a fresh worker', async () => {
  const pool = new WorkerPool<FixtureTask, string>({
    workerUrl: fixture,
    size: 1,
    timeoutMs: 0,
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
  });
  try {
    const hog = await pool.run({ kind: 'allocate' });
    assert.equal(hog.ok, false);
    if (!hog.ok) assert.match(hog.error, /ran out of memory \(limit 32 MB\)/);
    assert.deepEqual(await pool.run({ kind: 'echo', value: 'x' }), { ok: true, value: 'echo:x' });
  } finally {
    await pool.close();
  }
});

test('a worker that exits mid-task fails that task only', async () => {
  const pool = new WorkerPool<FixtureTask, string>({ workerUrl: fixture, size: 1, timeoutMs: 0 });
  try {
    const dead = await pool.run({ kind: 'exit' });
    assert.deepEqual(dead, { ok: false, error: 'worker stopped unexpectedly (exit code 3)' });
    assert.deepEqual(await pool.run({ kind: 'echo', value: 'y' }), { ok: true, value: 'echo:y' });
  } finally {
    await pool.close();
  }
});

test('closing the pool fails queued tasks instead of leaving them pending', async () => {
  const pool = new WorkerPool<FixtureTask, string>({ workerUrl: fixture, size: 1, timeoutMs: 0 });
  const running = pool.run({ kind: 'spin' });
  const queued = pool.run({ kind: 'echo', value: 'never' });
  await pool.close();
  assert.equal((await running).ok, false);
  assert.deepEqual(await queued, { ok: false, error: 'the worker pool was closed' });
});

test('a worker\'s warm-up is outside the task limit: after a timeout, the replacement warms up and the next tasks succeed', async () => {
  // Each fresh worker warms up for longer than the task limit, as a worker loading models does.
  const workerData: FixtureSettings = { warmUp: { kind: 'busy', ms: 900 } };
  const pool = new WorkerPool<FixtureTask, string>({ workerUrl: fixture, size: 1, timeoutMs: 300, workerData });
  try {
    const outcomes = await Promise.all([
      pool.run({ kind: 'echo', value: 'first' }),
      pool.run({ kind: 'spin' }),
      pool.run({ kind: 'echo', value: 'after' }),
      pool.run({ kind: 'echo', value: 'later' }),
    ]);
    assert.deepEqual(outcomes, [
      { ok: true, value: 'echo:first' },
      { ok: false, error: 'timed out after 300 ms' },
      { ok: true, value: 'echo:after' },
      { ok: true, value: 'echo:later' },
    ]);
  } finally {
    await pool.close();
  }
});

test('a worker that never finishes warming up fails its task at the warm-up limit', async () => {
  const workerData: FixtureSettings = { warmUp: { kind: 'hang' } };
  const pool = new WorkerPool<FixtureTask, string>({ workerUrl: fixture, size: 1, timeoutMs: 0, warmUpTimeoutMs: 400, workerData });
  try {
    assert.deepEqual(await pool.run({ kind: 'echo', value: 'never' }), {
      ok: false,
      error: 'worker did not get ready within 400 ms (starting and loading models)',
    });
  } finally {
    await pool.close();
  }
});
