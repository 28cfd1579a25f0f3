/**
 * Scores speaker resolution on the hand-checked set in test/fixtures/resolution:
 * PolNeAR dev articles (read from ../shared/data, never copied) and the example
 * capture, each with chosen source spans, the entity each refers to (as a span
 * of one of its mentions) and the roles the text gives to people.
 *
 *   node dist/bench/resolution.js [--no-nlp] [--verbose]
 *
 * A source counts as resolved correctly when the entity `resolveSpeaker` returns
 * has a mention overlapping the expected span; a role counts when the entity
 * holding the expected span lists that role (case and spacing aside).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WhosaidDocument } from '../src/model/document.js';
import type { Span, TextSpan } from '../src/model/span.js';
import { annotate } from '../src/nlp/index.js';
import { resolveEntities, resolveSpeaker, type Entity } from '../src/attribution/entities/index.js';
import { PRONOUNS } from '../src/attribution/entities/lexicon.js';

interface ResolutionFixture {
  text: { corpus: 'polnear'; split: string; name: string } | { file: string };
  /**
   * "fresh": annotated after the rules were written and not used to tune them, so its figures say more about
   * unseen text; absent: the set the rules were developed against.
   */
  set?: 'fresh';
  speakers: { source: TextSpan; speaker: TextSpan }[];
  roles: { entity: TextSpan; role: string }[];
}

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtureDirectory = join(repositoryRoot, 'test', 'fixtures', 'resolution');
const sharedData = resolve(repositoryRoot, '..', 'shared', 'data');

function textOf(fixture: ResolutionFixture): { label: string; text: string } {
  if ('file' in fixture.text) {
    return { label: fixture.text.file, text: readFileSync(join(repositoryRoot, fixture.text.file), 'utf8') };
  }
  const path = join(sharedData, fixture.text.corpus, fixture.text.split, 'text', `${fixture.text.name}.txt`);
  if (!existsSync(path)) throw new Error(`resolution bench: ${path} is missing; the PolNeAR data must be at ../shared/data`);
  return { label: fixture.text.name, text: readFileSync(path, 'utf8') };
}

function checkSpan(text: string, span: TextSpan, where: string): void {
  if (text.slice(span.start, span.end) !== span.text) {
    throw new Error(`resolution bench: ${where}: offsets ${span.start}-${span.end} read "${text.slice(span.start, span.end)}", expected "${span.text}"`);
  }
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function normaliseRole(role: string): string {
  return role.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(/[,;]$/, '').trim().toLowerCase();
}

function isPronoun(text: string): boolean {
  return PRONOUNS.has(text.trim().toLowerCase());
}

interface Tally {
  correct: number;
  total: number;
}

const tally = (): Tally => ({ correct: 0, total: 0 });
const rate = (t: Tally): string => (t.total === 0 ? 'n/a' : `${(t.correct / t.total).toFixed(3)} (${t.correct}/${t.total})`);

function main(): void {
  const useNlp = !process.argv.includes('--no-nlp');
  const verbose = process.argv.includes('--verbose');
  const files = readdirSync(fixtureDirectory).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`resolution bench: no fixtures in ${fixtureDirectory}`);
  const sets = new Map<string, { pronouns: Tally; others: Tally; roles: Tally }>();
  const rows: string[] = [];
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(join(fixtureDirectory, file), 'utf8')) as ResolutionFixture;
    const { label, text } = textOf(fixture);
    const setName = fixture.set ?? 'development';
    if (!sets.has(setName)) sets.set(setName, { pronouns: tally(), others: tally(), roles: tally() });
    const { pronouns, others, roles } = sets.get(setName)!;
    const doc = new WhosaidDocument(text);
    if (useNlp) annotate(doc);
    resolveEntities(doc);
    const entities = doc.layer('entities');
    const entityById = new Map(entities.map((e) => [e.id, e]));
    const articleSpeakers = tally();
    for (const item of fixture.speakers) {
      checkSpan(text, item.source, `${file} source`);
      checkSpan(text, item.speaker, `${file} speaker`);
      const speaker = resolveSpeaker(doc, item.source);
      const entity = speaker !== null ? entityById.get(speaker.entity) : undefined;
      const correct = entity !== undefined && entity.mentions.some((m) => overlaps(m, item.speaker));
      const bucket = isPronoun(item.source.text) ? pronouns : others;
      bucket.total++;
      articleSpeakers.total++;
      if (correct) {
        bucket.correct++;
        articleSpeakers.correct++;
      } else if (verbose) {
        rows.push(`  miss  ${label}: "${item.source.text}"@${item.source.start} → ${speaker?.name ?? 'nothing'}, expected ${item.speaker.text}`);
      }
    }
    const articleRoles = tally();
    for (const item of fixture.roles) {
      checkSpan(text, item.entity, `${file} role entity`);
      const holder: Entity | undefined = entities.find((e) => e.mentions.some((m) => overlaps(m, item.entity)) && e.type === 'person') ??
        entities.find((e) => e.mentions.some((m) => overlaps(m, item.entity)));
      const correct = holder !== undefined && holder.roles.some((r) => normaliseRole(r) === normaliseRole(item.role));
      roles.total++;
      articleRoles.total++;
      if (correct) {
        roles.correct++;
        articleRoles.correct++;
      } else if (verbose) {
        rows.push(`  miss  ${label}: role of ${item.entity.text} → ${JSON.stringify(holder?.roles ?? null)}, expected "${item.role}"`);
      }
    }
    rows.push(`${`[${setName}] ${label}`.padEnd(72)} speakers ${rate(articleSpeakers).padEnd(16)} roles ${rate(articleRoles)}`);
  }
  console.log(`Speaker resolution on ${files.length} hand-checked texts (${useNlp ? 'with' : 'without'} the nlp layers)`);
  for (const row of rows) console.log(row);
  const sum = (pick: (set: { pronouns: Tally; others: Tally; roles: Tally }) => Tally): Tally => {
    const total = tally();
    for (const set of sets.values()) {
      total.correct += pick(set).correct;
      total.total += pick(set).total;
    }
    return total;
  };
  const everything = { pronouns: sum((x) => x.pronouns), others: sum((x) => x.others), roles: sum((x) => x.roles) };
  for (const [name, set] of [...sets.entries(), ['all', everything] as const]) {
    const speakers: Tally = { correct: set.pronouns.correct + set.others.correct, total: set.pronouns.total + set.others.total };
    console.log('');
    console.log(`${name}:`);
    console.log(`  pronoun sources resolved     ${rate(set.pronouns)}`);
    console.log(`  name/description sources     ${rate(set.others)}`);
    console.log(`  all sources (speaker acc.)   ${rate(speakers)}`);
    console.log(`  roles                        ${rate(set.roles)}`);
  }
}

main();
