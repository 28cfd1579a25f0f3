import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz } from '../scripts/fuzz/harness.js';
import { GENERATORS } from '../scripts/fuzz/pathological.js';

/**
 * A fixed-seed run of the reliability harness (docs/reliability.md): 300
 * inputs, mutated benchmark pages (test/fixtures/html when the shared data is
 * missing) and every pathological shape at small scale, each through the
 * library and through the CLI. Any crash, hang, page over its bound or
 * missing, extra or non-JSON output line fails the test; the failing inputs
 * are saved (unminimised, to keep the suite quick) and listed in the message.
 * The time limit only stops a hang from stalling the suite.
 */
const SMOKE = { inputs: 300, seed: 'smoke-1', scale: 0.02 };

test('fuzz smoke run: 300 fixed-seed inputs through the library and the CLI, no failures', { timeout: 900_000 }, async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'whosaid-fuzz-smoke-'));
  try {
    // One CLI process for all 300: each process loads the models once per worker.
    const summary = await runFuzz({ ...SMOKE, batchSize: SMOKE.inputs, jobs: 2, minimiseSeconds: 0, outDir });
    const failures = summary.failures.map((f) => `${f.kind} on the ${f.path} path, input ${f.index} (${f.generator}: ${f.detail}): ${f.message.split('\n')[0]}`);
    assert.deepEqual(failures, [], `inputs saved in ${outDir}`);
    assert.equal(summary.inputs, SMOKE.inputs);
    assert.equal(summary.libraryRuns, SMOKE.inputs);
    assert.equal(summary.cliInputs, SMOKE.inputs);
    assert.equal(summary.cliBatches, 1);
    // A page file gives one line, a WARC file one per record, so there are at least as many lines as page files.
    assert.ok(summary.cliLines >= SMOKE.inputs - (summary.byGenerator['damaged-warc']?.inputs ?? 0), `${summary.cliLines} lines`);
    for (const generator of GENERATORS) assert.ok((summary.byGenerator[generator.name]?.inputs ?? 0) > 0, `no input from ${generator.name}`);
    assert.ok((summary.byGenerator.mutated?.inputs ?? 0) >= 200);
    rmSync(outDir, { recursive: true, force: true });
  } catch (error) {
    if (!(error instanceof assert.AssertionError)) rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
});
