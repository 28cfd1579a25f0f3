/**
 * The CI quality gate: whosaid's extraction over the article-extraction
 * benchmark and the WCXB dev split must not fall under the floors in
 * bench/floors.json. Needs ../shared/data (or $WHOSAID_SHARED_DATA): skipped
 * without it, and failed without it where WHOSAID_REQUIRE_SHARED_DATA=1 (CI).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadAebPages, loadAebPeers, loadWcxbPages, sharedDataDir, type AebPage } from '../bench/data.js';
import { runAeb, runAebPeer, runWcxb, whosaidAebBody, whosaidWcxbAnswer } from '../bench/evaluate.js';
import { repoRoot } from '../bench/report.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';

interface Floors {
  aeb: { f1: number };
  wcxb: { f1: number; articleF1: number };
}

function readFloors(): Floors {
  const path = join(repoRoot(), 'bench', 'floors.json');
  const floors = JSON.parse(readFileSync(path, 'utf8')) as Floors;
  for (const value of [floors.aeb?.f1, floors.wcxb?.f1, floors.wcxb?.articleF1]) {
    assert.ok(typeof value === 'number' && value >= 0 && value <= 1, `bench/floors.json: every floor must be a number in [0, 1], got ${value}`);
  }
  return floors;
}

function requireSharedData(): string {
  let dir: string;
  try {
    dir = sharedDataDir();
  } catch (error) {
    assert.fail(
      `The quality gate needs the benchmark data in ../shared/data beside the repository (or $WHOSAID_SHARED_DATA): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  for (const part of ['extraction-benchmark/ground-truth.json', 'wcxb-dev/metadata.json']) {
    assert.ok(existsSync(join(dir, part)), `The quality gate needs ${join(dir, part)}, which is missing`);
  }
  return dir;
}

const fmt = (value: number): string => value.toFixed(4);

// Loaded inside the tests rather than in a hook: a failing hook is reported
// as "cancelled", and missing data must read as a failure.
let aebPages: AebPage[] | null = null;
function aeb(): AebPage[] {
  requireSharedData();
  aebPages ??= loadAebPages();
  return aebPages;
}

describe('quality gate: article-extraction benchmark (181 pages)', NEEDS_SHARED_DATA, () => {
  it('has all 181 pages with their gold bodies', () => {
    const pages = aeb();
    assert.equal(pages.length, 181);
    assert.ok(pages.every((page) => page.gold.trim() !== '' && page.html.length > 0));
  });

  it('scores stored peer outputs at their published F1 (the scorer is the benchmark\'s)', () => {
    const published: Record<string, number> = { rs_trafilatura: 0.97, trafilatura: 0.958, readability_js: 0.947, newspaper: 0.949 };
    const pages = aeb();
    const peers = loadAebPeers().filter((peer) => peer.tool in published);
    assert.equal(peers.length, Object.keys(published).length, 'expected stored outputs for ' + Object.keys(published).join(', '));
    for (const peer of peers) {
      const f1 = runAebPeer(pages, peer).summary.f1;
      assert.equal(f1.toFixed(3), (published[peer.tool] ?? 0).toFixed(3), `${peer.tool}: F1 ${fmt(f1)}`);
    }
  });

  it('whosaid reaches the AEB F1 floor', () => {
    const floors = readFloors();
    const run = runAeb(aeb(), whosaidAebBody);
    const { precision, recall, f1 } = run.summary;
    const worst = [...run.pages].sort((a, b) => a.f1 - b.f1).slice(0, 5).map((p) => `${p.f1.toFixed(3)} ${p.url}`);
    assert.ok(
      f1 >= floors.aeb.f1,
      `AEB F1 ${fmt(f1)} (P ${fmt(precision)}, R ${fmt(recall)}) is under the floor ${floors.aeb.f1}; worst pages:\n  ${worst.join('\n  ')}`,
    );
    assert.equal(run.errors, 0, `extraction threw on ${run.errors} page(s): ${run.pages.filter((p) => p.error).map((p) => `${p.url}: ${p.error}`).slice(0, 3).join('; ')}`);
  });
});

describe('quality gate: WCXB dev split (1,497 pages)', NEEDS_SHARED_DATA, () => {
  it('whosaid reaches the WCXB word-F1 floors, overall and on articles', () => {
    requireSharedData();
    const floors = readFloors();
    const pages = loadWcxbPages();
    assert.equal(pages.length, 1497);
    const run = runWcxb(pages, whosaidWcxbAnswer);
    const article = run.byType.find((group) => group.type === 'article');
    assert.ok(article, 'no article pages found in WCXB dev');
    assert.ok(run.overall.f1 >= floors.wcxb.f1, `WCXB dev F1 ${fmt(run.overall.f1)} is under the floor ${floors.wcxb.f1}`);
    assert.ok(article.f1 >= floors.wcxb.articleF1, `WCXB dev article F1 ${fmt(article.f1)} is under the floor ${floors.wcxb.articleF1}`);
    assert.equal(run.errors, 0, `analysis threw on ${run.errors} page(s): ${run.pages.filter((p) => p.error).map((p) => `${p.id}: ${p.error}`).slice(0, 3).join('; ')}`);
  });
});
