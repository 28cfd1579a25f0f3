/**
 * Quality gate for who said what: the attribution stage over PolNeAR dev must
 * not fall under the exact-span floors in bench/floors.json. Needs
 * ../shared/data/polnear: skipped without it, and failed without it where
 * WHOSAID_REQUIRE_SHARED_DATA=1 (CI).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedDataDir } from '../bench/data.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';
import { repoRoot } from '../bench/report.js';
import { evaluatePolnear } from '../src/attribution/eval/evaluate.js';

interface AttributionFloors {
  sourceExactF1: number;
  cueExactF1: number;
  contentExactF1: number;
}

test('attribution exact-span F1 on PolNeAR dev stays above its floors', NEEDS_SHARED_DATA, () => {
  const floors = (JSON.parse(readFileSync(join(repoRoot(), 'bench', 'floors.json'), 'utf8')) as { attribution?: AttributionFloors }).attribution;
  assert.ok(floors, 'bench/floors.json has no "attribution" floors');
  const root = join(sharedDataDir(), 'polnear');
  assert.ok(existsSync(join(root, 'dev', 'text')), `the attribution gate needs PolNeAR dev in ${root}`);
  const report = evaluatePolnear(root, 'dev');
  assert.equal(report.articles, 84);
  const measured = {
    sourceExactF1: report.scores.source.exact.f1,
    cueExactF1: report.scores.cue.exact.f1,
    contentExactF1: report.scores.content.exact.f1,
  };
  for (const key of Object.keys(measured) as (keyof AttributionFloors)[]) {
    assert.ok(measured[key] >= floors[key], `${key} ${measured[key].toFixed(3)} fell under its floor ${floors[key]}`);
  }
});
