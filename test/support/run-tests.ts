/**
 * The test command: runs every compiled test file with node's test runner and
 * says loudly, before and after, when the benchmark data is missing, so a
 * green run without it is never mistaken for a full one.
 *
 *   node dist/test/support/run-tests.js [extra node --test flags]
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIRE_SHARED_DATA_VARIABLE, SHARED_DATA, sharedDataRequired } from './shared-data.js';

const testRoot = dirname(dirname(fileURLToPath(import.meta.url)));

function testFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

function notice(): string {
  const lines = sharedDataRequired()
    ? [
        'The benchmark data is MISSING and required here',
        `(${REQUIRE_SHARED_DATA_VARIABLE} is set): every test that needs it will FAIL.`,
        'Put it in ../shared/data beside the repository, or set WHOSAID_SHARED_DATA.',
      ]
    : [
        'The benchmark data is MISSING: ../shared/data beside the repository',
        '(or $WHOSAID_SHARED_DATA). Tests that need it are SKIPPED, so this run',
        'does not check extraction, attribution or date accuracy.',
      ];
  const width = Math.max(...lines.map((line) => line.length));
  const bar = `#${'#'.repeat(width + 4)}#`;
  return [bar, ...lines.map((line) => `#  ${line.padEnd(width)}  #`), bar, ''].join('\n');
}

const missing = SHARED_DATA === null;
if (missing) process.stderr.write(notice());

const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...testFiles(testRoot)], { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (missing) process.stderr.write(notice());
  process.exitCode = code ?? (signal ? 1 : 0);
});
