import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from '../bench/data.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';

/**
 * The hand-checked resolution set stores offsets into texts it does not copy.
 * These tests check that every stored span still reads the words it claims, so
 * a changed text or a typo in the set cannot silently skew the benchmark.
 * Those whose texts are PolNeAR articles need ../shared/data (skipped without
 * it, failed without it where WHOSAID_REQUIRE_SHARED_DATA=1).
 */

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'resolution');

interface Stored {
  start: number;
  end: number;
  text: string;
}

interface Fixture {
  text: { corpus: string; split: string; name: string } | { file: string };
  set?: string;
  speakers: { source: Stored; speaker: Stored }[];
  roles: { entity: Stored; role: string }[];
}

const files = readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort();

test('the resolution set holds 10–20 articles plus the example capture, with a held-out part', () => {
  const loaded = files.map((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as Fixture);
  const articles = loaded.filter((f) => 'corpus' in f.text);
  assert.ok(articles.length >= 10 && articles.length <= 20, `${articles.length} articles`);
  assert.ok(loaded.some((f) => 'file' in f.text), 'the example capture is in the set');
  assert.ok(loaded.some((f) => f.set === 'fresh'), 'some articles are held out of tuning');
});

for (const file of files) {
  const fixture = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Fixture;
  const shipped = 'file' in fixture.text;
  test(`resolution fixture ${file}: every span reads its words`, shipped ? {} : NEEDS_SHARED_DATA, () => {
    const path = 'file' in fixture.text
      ? join(root, fixture.text.file)
      : join(sharedDataDir(), fixture.text.corpus, fixture.text.split, 'text', `${fixture.text.name}.txt`);
    assert.ok(existsSync(path), `${path} is missing: the resolution set needs ../shared/data`);
    const text = readFileSync(path, 'utf8');
    assert.ok(fixture.speakers.length > 0);
    const spans = [...fixture.speakers.flatMap((item) => [item.source, item.speaker]), ...fixture.roles.map((item) => item.entity)];
    for (const span of spans) assert.equal(text.slice(span.start, span.end), span.text, `${file}: ${span.start}-${span.end}`);
    for (const item of fixture.roles) assert.ok(item.role.trim().length > 0);
  });
}
