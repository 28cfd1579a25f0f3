/**
 * Scores nested attribution chains on the hand-checked set in test/fixtures/nesting:
 * PolNeAR dev articles (read from ../shared/data, never copied) and the example
 * capture. PolNeAR marks only the outermost attribution of a sentence, so the
 * inner reports ("He quoted Peskov as saying that …", "X wrote that Y had
 * claimed …") and the outer report each goes through were checked by hand.
 *
 *   node dist/bench/nesting.js [--verbose]
 *
 * An expected inner report is found when an attribution of the pipeline's
 * result has a cue overlapping its cue and a content overlapping its content.
 * Its parent link is right when the found attribution's `parent` has a cue
 * overlapping one of the outer cues recorded for it. Precision counts the
 * result's attributions that have a parent and a cue inside the checked part
 * of a text (the whole capture; the paragraphs of a PolNeAR article that hold
 * its chains), leaving out cues the fixture marks as unsure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeRawText } from '../src/analyze.js';
import type { AttributionJson } from '../src/attribution/index.js';
import type { Span, TextSpan } from '../src/model/span.js';

/** A long span recorded by its first and last words only, so the fixture holds no more than short anchors of the article. */
export interface AnchoredSpan extends Span {
  head: string;
  tail: string;
}

export interface NestedChain {
  /** What the chain is, in the fixture's own words. */
  note: string;
  /** The cues of the report(s) the inner one is reported through; a parent with any of these cues is right. */
  outerCues: TextSpan[];
  inner: { cue: TextSpan; speaker: TextSpan | null; content: AnchoredSpan };
}

export interface NestingFixture {
  text: { corpus: 'polnear'; split: string; name: string } | { file: string };
  /** "text": every nested report of the whole text is listed; "paragraphs": only those of the paragraphs that hold a chain. */
  checked: 'text' | 'paragraphs';
  chains: NestedChain[];
  /** Cues of reports a careful reader could take either as nested or not: a nested attribution there counts neither way. */
  unsure: TextSpan[];
}

export interface LoadedFixture {
  file: string;
  label: string;
  /** "capture" for the example capture, "polnear" for the PolNeAR articles: their figures are reported apart. */
  group: 'capture' | 'polnear';
  text: string;
  fixture: NestingFixture;
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const nestingFixtureDirectory = join(repositoryRoot, 'test', 'fixtures', 'nesting');
const sharedData = resolve(repositoryRoot, '..', 'shared', 'data');

function textOf(fixture: NestingFixture): { label: string; text: string } {
  if ('file' in fixture.text) {
    return { label: fixture.text.file, text: readFileSync(join(repositoryRoot, fixture.text.file), 'utf8') };
  }
  const path = join(sharedData, fixture.text.corpus, fixture.text.split, 'text', `${fixture.text.name}.txt`);
  if (!existsSync(path)) throw new Error(`nesting bench: ${path} is missing; the PolNeAR data must be at ../shared/data`);
  return { label: fixture.text.name, text: readFileSync(path, 'utf8') };
}

/** Every offset of a fixture still reads its anchor; throws naming the first that does not. */
export function checkFixtureAnchors(text: string, fixture: NestingFixture, where: string): void {
  const checkText = (span: TextSpan, what: string): void => {
    const found = text.slice(span.start, span.end);
    if (found !== span.text) throw new Error(`${where}: ${what} ${span.start}-${span.end} reads "${found}", expected "${span.text}"`);
  };
  for (const [i, chain] of fixture.chains.entries()) {
    chain.outerCues.forEach((cue) => checkText(cue, `chain ${i} outer cue`));
    checkText(chain.inner.cue, `chain ${i} inner cue`);
    if (chain.inner.speaker !== null) checkText(chain.inner.speaker, `chain ${i} inner speaker`);
    const { start, end, head, tail } = chain.inner.content;
    if (!(start < end && text.startsWith(head, start) && text.slice(0, end).endsWith(tail))) {
      throw new Error(`${where}: chain ${i} inner content ${start}-${end} does not run from "${head}" to "${tail}"`);
    }
  }
  fixture.unsure.forEach((cue) => checkText(cue, 'unsure cue'));
}

export function loadNestingFixtures(group?: LoadedFixture['group']): LoadedFixture[] {
  const files = readdirSync(nestingFixtureDirectory).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`nesting bench: no fixtures in ${nestingFixtureDirectory}`);
  const loaded: LoadedFixture[] = [];
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(join(nestingFixtureDirectory, file), 'utf8')) as NestingFixture;
    const fixtureGroup = 'file' in fixture.text ? 'capture' : 'polnear';
    // Only the texts of the group asked for are read: the capture ships with the repository, PolNeAR does not.
    if (group !== undefined && fixtureGroup !== group) continue;
    const { label, text } = textOf(fixture);
    checkFixtureAnchors(text, fixture, file);
    loaded.push({ file, label, group: fixtureGroup, text, fixture });
  }
  return loaded;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function contentOverlaps(attribution: AttributionJson, span: Span): boolean {
  const parts = attribution.content.parts ?? [attribution.content];
  return parts.some((part) => overlaps(part, span));
}

/** The paragraphs (runs between line breaks) that hold each chain's inner cue. */
function checkedRegions(text: string, fixture: NestingFixture): Span[] {
  if (fixture.checked === 'text') return [{ start: 0, end: text.length }];
  return fixture.chains.map(({ inner }) => {
    const start = text.lastIndexOf('\n', inner.cue.start) + 1;
    const next = text.indexOf('\n', inner.cue.end);
    return { start, end: next < 0 ? text.length : next };
  });
}

export interface ChainOutcome {
  chain: NestedChain;
  /** The result's attribution taken for the inner report, or null when none overlaps its cue and content. */
  found: AttributionJson | null;
  /** The found attribution's parent, when it has one. */
  parent: AttributionJson | null;
  parentRight: boolean;
  sourceRight: boolean;
}

export interface TextOutcome {
  chains: ChainOutcome[];
  /** Attributions with a parent in the checked part of the text, outside the unsure cues. */
  nestedPredicted: AttributionJson[];
  /** Those of nestedPredicted that are none of the expected inner reports. */
  spurious: AttributionJson[];
  /** Every attribution of the result, for explaining misses. */
  attributions: AttributionJson[];
}

/** Runs the product pipeline on the raw text, so that offsets index the fixture's text exactly, and scores one fixture. */
export function scoreNesting(text: string, fixture: NestingFixture): TextOutcome {
  const attributions = analyzeRawText(text).result.attributions ?? [];
  const byId = new Map(attributions.map((a) => [a.id, a]));
  const matches = (a: AttributionJson, chain: NestedChain): boolean => overlaps(a.cue, chain.inner.cue) && contentOverlaps(a, chain.inner.content);
  const parentOf = (a: AttributionJson): AttributionJson | null => (a.parent === null ? null : byId.get(a.parent) ?? null);
  const chains = fixture.chains.map((chain): ChainOutcome => {
    const candidates = attributions.filter((a) => matches(a, chain));
    const isRightParent = (a: AttributionJson): boolean => {
      const parent = parentOf(a);
      return parent !== null && chain.outerCues.some((cue) => overlaps(parent.cue, cue));
    };
    // Prefer the candidate linked right, then one with any parent, so a duplicate does not hide a right link.
    const found = candidates.find(isRightParent) ?? candidates.find((a) => a.parent !== null) ?? candidates[0] ?? null;
    const speaker = chain.inner.speaker;
    return {
      chain,
      found,
      parent: found ? parentOf(found) : null,
      parentRight: found !== null && isRightParent(found),
      sourceRight: found !== null && speaker !== null && found.source !== null && overlaps(found.source, speaker),
    };
  });
  const regions = checkedRegions(text, fixture);
  const nestedPredicted = attributions.filter(
    (a) => a.parent !== null && regions.some((r) => overlaps(a.cue, r)) && !fixture.unsure.some((u) => overlaps(a.cue, u)),
  );
  const spurious = nestedPredicted.filter((a) => !fixture.chains.some((chain) => matches(a, chain)));
  return { chains, nestedPredicted, spurious, attributions };
}

interface Tally {
  expected: number;
  found: number;
  parentRight: number;
  sourceRight: number;
  withSpeaker: number;
  predicted: number;
  spurious: number;
}

const emptyTally = (): Tally => ({ expected: 0, found: 0, parentRight: 0, sourceRight: 0, withSpeaker: 0, predicted: 0, spurious: 0 });

function add(tally: Tally, outcome: TextOutcome): void {
  for (const chain of outcome.chains) {
    tally.expected++;
    if (chain.found) tally.found++;
    if (chain.parentRight) tally.parentRight++;
    if (chain.chain.inner.speaker !== null) tally.withSpeaker++;
    if (chain.sourceRight) tally.sourceRight++;
  }
  tally.predicted += outcome.nestedPredicted.length;
  tally.spurious += outcome.spurious.length;
}

const ratio = (n: number, d: number): string => (d === 0 ? 'n/a' : `${(n / d).toFixed(3)} (${n}/${d})`);

function summary(name: string, t: Tally): string[] {
  const precise = t.predicted - t.spurious;
  return [
    `${name}:`,
    `  inner recall (cue + content overlap)      ${ratio(t.found, t.expected)}`,
    `  inner precision (nested, checked parts)   ${ratio(precise, t.predicted)}`,
    `  parent-link accuracy (of found)           ${ratio(t.parentRight, t.found)}`,
    `  chains found and linked (of expected)     ${ratio(t.parentRight, t.expected)}`,
    `  inner source overlaps speaker (of found)  ${ratio(t.sourceRight, t.found)}`,
  ];
}

const quoteOf = (s: TextSpan | null, limit = 50): string =>
  s === null ? 'none' : `"${s.text.length > limit ? `${s.text.slice(0, limit)}…` : s.text}"@${s.start}`;

/** What the result made of a missed inner report: its cue taken with another content, or the cue left inside another report's content. */
function explainMiss(chain: NestedChain, attributions: AttributionJson[]): string {
  const sameCue = attributions.find((a) => overlaps(a.cue, chain.inner.cue));
  if (sameCue) return `cue found as ${sameCue.id} with content ${quoteOf(sameCue.content)}`;
  const around = attributions.find((a) => contentOverlaps(a, chain.inner.cue));
  if (around) return `cue left inside the content of ${around.id} (cue ${quoteOf(around.cue)})`;
  return 'nothing found there';
}

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const loaded = loadNestingFixtures();
  const groups = { capture: emptyTally(), polnear: emptyTally() };
  const lines: string[] = [];
  for (const { label, group, text, fixture } of loaded) {
    const outcome = scoreNesting(text, fixture);
    const mine = emptyTally();
    add(mine, outcome);
    add(groups[group], outcome);
    lines.push(
      `${`[${group}] ${label}`.padEnd(66)} found ${`${mine.found}/${mine.expected}`.padEnd(6)} linked ${`${mine.parentRight}/${mine.expected}`.padEnd(6)} spurious ${mine.spurious}/${mine.predicted}`,
    );
    if (!verbose) continue;
    for (const c of outcome.chains) {
      const expected = `${quoteOf(c.chain.inner.cue)} via ${c.chain.outerCues.map((o) => quoteOf(o)).join(' or ')}`;
      if (c.found === null) {
        lines.push(`    miss    ${expected} (${c.chain.note}): ${explainMiss(c.chain, outcome.attributions)}`);
      } else if (!c.parentRight) {
        const outer = outcome.attributions.find((a) => c.chain.outerCues.some((cue) => overlaps(a.cue, cue)));
        const outerSays = outer ? `outer cue is ${outer.id} with content ${quoteOf(outer.content)}` : 'outer cue not found';
        lines.push(`    parent  ${expected}: found ${c.found.id} with parent ${c.parent ? `${c.parent.id} cue ${quoteOf(c.parent.cue)}` : 'none'}; ${outerSays}`);
      }
      if (c.found !== null && c.chain.inner.speaker !== null && !c.sourceRight) {
        lines.push(`    source  ${expected}: source ${quoteOf(c.found.source)}, expected ${quoteOf(c.chain.inner.speaker)}`);
      }
    }
    for (const a of outcome.spurious) {
      lines.push(`    extra   ${a.id} cue ${quoteOf(a.cue)} source ${quoteOf(a.source)} content ${quoteOf(a.content)} parent ${a.parent ?? 'none'}`);
    }
  }
  console.log(`Nested attribution chains on ${loaded.length} hand-checked texts (product pipeline, raw text)`);
  for (const line of lines) console.log(line);
  const all = emptyTally();
  for (const t of [groups.capture, groups.polnear]) {
    for (const key of Object.keys(all) as (keyof Tally)[]) all[key] += t[key];
  }
  for (const [name, t] of [['capture', groups.capture], ['PolNeAR dev articles', groups.polnear], ['all', all]] as const) {
    console.log('');
    for (const line of summary(name, t)) console.log(line);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
