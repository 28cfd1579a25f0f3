import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Prng } from '../scripts/fuzz/prng.js';
import { minimise } from '../scripts/fuzz/minimise.js';
import { loadSeedCorpus } from '../scripts/fuzz/corpus.js';
import { generateInput, inputFromFile } from '../scripts/fuzz/generate.js';
import { boundFor } from '../scripts/fuzz/bound.js';
import { runCliBatch } from '../scripts/fuzz/cli-runner.js';

test('the PRNG gives the same stream for the same seed and index, and another for another', () => {
  const draw = (seed: string, stream: number): number[] => {
    const prng = new Prng(seed, stream);
    return Array.from({ length: 5 }, () => prng.next());
  };
  assert.deepEqual(draw('1', 3), draw('1', 3));
  assert.notDeepEqual(draw('1', 3), draw('1', 4));
  assert.notDeepEqual(draw('1', 3), draw('2', 3));
});

test('an input is the same whether generated in a run or alone', () => {
  const corpus = loadSeedCorpus({ fixturesOnly: true });
  for (const index of [0, 3, 7, 42]) {
    const a = generateInput(index, { seed: 'x', scale: 0.01, corpus });
    const b = generateInput(index, { seed: 'x', scale: 0.01, corpus });
    assert.equal(a.fileName, b.fileName);
    assert.equal(a.detail, b.detail);
    assert.ok(a.bytes.equals(b.bytes), `input ${index} differs between two generations`);
  }
});

test('the bound is 5 s and 512 MB under 2 MB, and scales linearly above', () => {
  assert.deepEqual(boundFor(1000), { bytes: 1000, ms: 5000, heapMb: 512, heapLimitMb: 512 });
  const six = boundFor(6 * 1024 * 1024);
  assert.equal(six.ms, 15_000);
  assert.equal(six.heapMb, 1536);
  // Workers come in a few heap classes; the exact bound is checked by measuring.
  assert.equal(boundFor(3 * 1024 * 1024).heapLimitMb, 2048);
  assert.equal(boundFor(20 * 1024 * 1024).heapLimitMb, 5120);
});

test('the minimiser keeps only what the failure needs', async () => {
  const original = Buffer.from(`${'a'.repeat(3000)}<q>XYZ</q>${'b'.repeat(5000)}`);
  const result = await minimise(original, async (candidate) => candidate.includes('XYZ'), 60_000);
  assert.equal(result.bytes.toString(), 'XYZ');
  assert.equal(result.outOfTime, false);
});

/** A stand-in for the CLI that prints what it is told to, to check that the checker catches each way of going wrong. */
function fakeCli(folder: string, script: string): string {
  const path = join(folder, 'fake-cli.mjs');
  writeFileSync(path, script);
  return path;
}

test('the CLI check catches missing, extra, non-JSON lines, stack traces and a wrong exit status', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'whosaid-fuzz-test-'));
  try {
    const pages = folder + '/pages';
    const a = inputFromFile('a.html', Buffer.from('<p>a</p>'));
    const b = inputFromFile('b.html', Buffer.from('<p>b</p>'));
    const batch = [
      { input: a, path: join(pages, 'a.html'), library: null },
      { input: b, path: join(pages, 'b.html'), library: null },
    ];
    const bad = fakeCli(
      folder,
      `const [, , , dir] = process.argv;
       process.stdout.write(JSON.stringify({ input: dir + '/a.html', text: 'a' }) + '\\n');
       process.stdout.write(JSON.stringify({ input: dir + '/a.html', text: 'again' }) + '\\n');
       process.stdout.write('not json\\n');
       process.stderr.write('TypeError: boom\\n    at f (/x/y.js:1:2)\\n');
       process.exit(0);`,
    );
    const result = await runCliBatch(pages, batch, { cliMain: bad, jobs: 1 });
    const kinds = (index: number): string[] => (result.perInput.get(index) ?? []).map((p) => `${p.kind}: ${p.message}`);
    assert.ok(kinds(0).some((p) => /2 lines for/.test(p)), kinds(0).join('; '));
    assert.ok(kinds(1).some((p) => /no output line/.test(p)), kinds(1).join('; '));
    const batchProblems = result.batch.map((p) => `${p.kind}: ${p.message}`);
    assert.ok(batchProblems.some((p) => /^output: a stdout line is not JSON/.test(p)), batchProblems.join('; '));
    assert.ok(batchProblems.some((p) => /^crash: stack trace on stderr/.test(p)), batchProblems.join('; '));

    const wrongStatus = fakeCli(
      folder,
      `const [, , , dir] = process.argv;
       for (const name of ['a.html', 'b.html']) process.stdout.write(JSON.stringify({ input: dir + '/' + name, error: dir + '/' + name + ': analysis failed (RangeError: x)' }) + '\\n');
       process.exit(3);`,
    );
    const second = await runCliBatch(pages, batch, { cliMain: wrongStatus, jobs: 1 });
    assert.deepEqual(second.batch.map((p) => p.kind), ['crash']);
    assert.equal(second.perInput.get(0)?.[0]?.kind, 'crash');
    assert.match(second.perInput.get(0)?.[0]?.message ?? '', /analysis failed/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
