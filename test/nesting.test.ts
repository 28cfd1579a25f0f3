import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeRawText } from '../src/analyze.js';
import type { AttributionJson } from '../src/attribution/index.js';
import type { Span } from '../src/model/span.js';
import { NEEDS_SHARED_DATA } from './support/shared-data.js';
import { checkFixtureAnchors, loadNestingFixtures, type NestingFixture } from '../bench/nesting.js';

// The PolNeAR fixtures read their texts from ../shared/data; the capture's text ships with the repository.
let everyFixture: ReturnType<typeof loadNestingFixtures> | null = null;
const allFixtures = (): ReturnType<typeof loadNestingFixtures> => (everyFixture ??= loadNestingFixtures());
const captureFixture = (): ReturnType<typeof loadNestingFixtures>[number] | undefined => loadNestingFixtures('capture')[0];

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

test('the nesting set holds the capture and at least ten PolNeAR dev articles, each with a chain', NEEDS_SHARED_DATA, () => {
  const fixtures = allFixtures();
  assert.equal(fixtures.filter((f) => f.group === 'capture').length, 1);
  assert.ok(fixtures.filter((f) => f.group === 'polnear').length >= 10);
  for (const { file, fixture } of fixtures) assert.ok(fixture.chains.length > 0, `${file} records no chain`);
});

test('every fixture offset still reads its anchor snippet', NEEDS_SHARED_DATA, () => {
  const fixtures = allFixtures();
  // loadNestingFixtures already checked them; check again here so a failure names the test it belongs to.
  for (const { file, text, fixture } of fixtures) assert.doesNotThrow(() => checkFixtureAnchors(text, fixture, file));
});

test('a moved offset is caught by the anchor check', () => {
  const capture = captureFixture();
  assert.ok(capture);
  const chain = capture.fixture.chains[0];
  assert.ok(chain);
  const shifted: NestingFixture = {
    ...capture.fixture,
    chains: [{ ...chain, inner: { ...chain.inner, cue: { ...chain.inner.cue, start: chain.inner.cue.start + 1, end: chain.inner.cue.end + 1 } } }],
  };
  assert.throws(() => checkFixtureAnchors(capture.text, shifted, 'shifted'), /inner cue/);
  const badContent: NestingFixture = {
    ...capture.fixture,
    chains: [{ ...chain, inner: { ...chain.inner, content: { ...chain.inner.content, end: chain.inner.content.end - 3 } } }],
  };
  assert.throws(() => checkFixtureAnchors(capture.text, badContent, 'bad content'), /inner content/);
});

test("the capture's Peskov, Blow and report-authors statements are linked to the columnist's attributions", () => {
  const capture = captureFixture();
  assert.ok(capture);
  const attributions = analyzeRawText(capture.text).result.attributions ?? [];
  const byId = new Map(attributions.map((a) => [a.id, a]));
  const expectedSpeakers = ['Peskov', 'Blow', 'them'];
  assert.equal(capture.fixture.chains.length, expectedSpeakers.length);
  for (const [i, chain] of capture.fixture.chains.entries()) {
    const speakerWords = chain.inner.speaker?.text ?? '';
    assert.ok(speakerWords.endsWith(expectedSpeakers[i] ?? '?'), `chain ${i} records "${speakerWords}"`);
    const inner = attributions.find((a) => overlaps(a.cue, chain.inner.cue) && overlaps(a.content, chain.inner.content) && a.parent !== null);
    assert.ok(inner, `no nested attribution for ${speakerWords}`);
    assert.ok(inner.source !== null && overlaps(inner.source, chain.inner.speaker ?? inner.source), `${speakerWords}: source ${inner.source?.text}`);
    const parent = byId.get(inner.parent ?? '');
    assert.ok(parent, `${speakerWords}: parent ${inner.parent} is not in the result`);
    assert.ok(
      chain.outerCues.some((cue) => overlaps(parent.cue, cue)),
      `${speakerWords}: parent cue "${parent.cue.text}"@${parent.cue.start}`,
    );
    // The columnist is the nearest speaker up the chain ("quoting" itself names no source of its own).
    let ancestor: AttributionJson | undefined = parent;
    for (let hops = 0; ancestor !== undefined && ancestor.speaker === null && hops < 5; hops++) ancestor = byId.get(ancestor.parent ?? '');
    assert.match(ancestor?.speaker?.name ?? '', /Ilyashenko/, `${speakerWords}: reported through ${ancestor?.speaker?.name ?? 'nobody'}`);
  }
});
