/**
 * How the suite behaves without the benchmark data: data tests skip with their
 * reason on a user's clone, and fail where the data is required (CI), so a CI
 * run can never pass without them. Each case runs a real data test file in a
 * child test runner with the data pointed at an empty folder.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';

const gateTest = fileURLToPath(new URL('./attribution-gate.test.js', import.meta.url));
let empty: string;

before(async () => {
  empty = await mkdtemp(join(tmpdir(), 'whosaid-no-data-'));
});

after(async () => {
  await rm(empty, { recursive: true, force: true });
});

function runTestFile(file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const inherited = { ...process.env };
    delete inherited.WHOSAID_REQUIRE_SHARED_DATA;
    // A child test runner must not report into this one.
    delete inherited.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ['--test', '--test-reporter=tap', file], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('without the benchmark data a data test is skipped with its reason, and the run passes', async () => {
  const run = await runTestFile(gateTest, { WHOSAID_SHARED_DATA: empty });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /# SKIP needs the benchmark data in \.\.\/shared\/data/);
  assert.match(run.output, /# skipped 1/);
  assert.match(run.output, /# fail 0/);
});

test('where the data is required (WHOSAID_REQUIRE_SHARED_DATA=1), its absence fails the test instead', async () => {
  const run = await runTestFile(gateTest, { WHOSAID_SHARED_DATA: empty, WHOSAID_REQUIRE_SHARED_DATA: '1' });
  assert.notEqual(run.code, 0, run.output);
  assert.match(run.output, /# fail 1/);
  assert.match(run.output, /shared benchmark data not found: WHOSAID_SHARED_DATA is /);
  assert.doesNotMatch(run.output, /# SKIP/);
});

test('whosaid eval attribution without the data says so in one line, without a stack trace', async () => {
  const run = await runCli(['eval', 'attribution', '--data', join(empty, 'polnear')]);
  assert.equal(run.code, 1);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /^whosaid eval: no PolNeAR split "dev" in .*polnear; point --data at the PolNeAR folder/);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});
