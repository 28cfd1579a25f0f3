/**
 * The package's own npm configuration: every dependency that runs an install
 * script is approved in `allowScripts`, so `npm install` builds it without
 * warning that its script is "not yet covered", and npm versions that skip
 * unapproved scripts still build it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../bench/report.js';

interface LockFile {
  packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }>;
}

test('every dependency with an install script is approved in package.json allowScripts', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
  const lock = JSON.parse(readFileSync(join(repoRoot(), 'package-lock.json'), 'utf8')) as LockFile;
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  assert.ok(withScripts.includes('better-sqlite3'), 'better-sqlite3 compiles a native module when no prebuilt binary matches');
  for (const name of withScripts) assert.equal(manifest.allowScripts?.[name], true, `${name} runs an install script that package.json does not approve`);
});
