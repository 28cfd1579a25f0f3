import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WhosaidDocument } from '../src/model/document.js';
import { annotate } from '../src/nlp/index.js';
import {
  computeEntities,
  entitiesToJson,
  resolveEntities,
  resolveSpeaker,
  resolveSpeakers,
  type Entity,
  type Speaker,
} from '../src/attribution/entities/index.js';

const capturePath = fileURLToPath(new URL('../../examples/sputnik-2017-capture.txt', import.meta.url));

function resolved(text: string): WhosaidDocument {
  const doc = new WhosaidDocument(text);
  resolveEntities(doc);
  return doc;
}

/** The span of the n-th occurrence (0-based) of `needle`, failing the test when it is absent. */
function spanOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  // Spaces in the needle match any space, so the capture's non-breaking spaces need not be typed.
  const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s'), 'g');
  const matches = [...text.matchAll(pattern)];
  const match = matches[occurrence];
  assert.ok(match !== undefined, `"${needle}" (occurrence ${occurrence}) not in text`);
  return { start: match.index, end: match.index + match[0].length };
}

/** The speaker of `needle` (its n-th occurrence) as a source span. */
function speakerOf(doc: WhosaidDocument, needle: string, occurrence = 0): Speaker | null {
  return resolveSpeaker(doc, spanOf(doc.text, needle, occurrence));
}

function entityNamed(doc: WhosaidDocument, name: string): Entity {
  const entity = doc.layer('entities').find((e) => e.name === name);
  assert.ok(entity, `no entity named "${name}"; have ${doc.layer('entities').map((e) => e.name).join(', ')}`);
  return entity;
}

// ------------------------------------------------------------ the example capture

const capture = readFileSync(capturePath, 'utf8');
const captureDoc = resolved(capture);

test('capture: the four speakers and their roles', () => {
  assert.equal(entityNamed(captureDoc, 'Dmitry Peskov').role, "the Russian President's press secretary");
  assert.equal(entityNamed(captureDoc, 'Charles M. Blow').role, 'New York Times columnist');
  assert.equal(entityNamed(captureDoc, 'John Kirby').role, 'US State Department spokesman');
  const ilyashenko = entityNamed(captureDoc, 'Andrey Ilyashenko');
  assert.equal(ilyashenko.role, 'Sputnik Japan columnist');
  assert.deepEqual(ilyashenko.roles, ['Sputnik Japan columnist', 'political analyst']);
  for (const name of ['Dmitry Peskov', 'Charles M. Blow', 'John Kirby', 'Andrey Ilyashenko']) assert.equal(entityNamed(captureDoc, name).type, 'person');
});

test('capture: publications, organisations, the report and groups are typed', () => {
  assert.equal(entityNamed(captureDoc, 'New York Times').type, 'publication');
  assert.equal(entityNamed(captureDoc, 'Sputnik Japan').type, 'publication');
  assert.equal(entityNamed(captureDoc, 'US State Department').type, 'organisation');
  const report = entityNamed(captureDoc, 'the US intelligence report');
  assert.equal(report.type, 'document');
  assert.ok(report.mentions.length >= 3, 'later "the report" mentions join the first');
  assert.equal(entityNamed(captureDoc, 'Democrats').type, 'group');
  assert.equal(entityNamed(captureDoc, 'opponents of Trump').type, 'group');
});

test('capture: partial names join the full name', () => {
  const peskov = entityNamed(captureDoc, 'Dmitry Peskov');
  assert.ok(peskov.mentions.some((m) => capture.slice(m.start, m.end) === 'Peskov'));
  const blow = entityNamed(captureDoc, 'Charles M. Blow');
  assert.ok(blow.mentions.some((m) => capture.slice(m.start, m.end) === 'Blow'));
  const trump = entityNamed(captureDoc, 'Donald Trump');
  assert.ok(trump.mentions.some((m) => capture.slice(m.start, m.end) === 'Mr. Trump'));
  assert.equal(captureDoc.layer('entities').filter((e) => /Peskov|Blow|Kirby|Ilyashenko/.test(e.name)).length, 4);
});

test('capture: named sources resolve to the person, not the organisation in the role', () => {
  assert.equal(speakerOf(captureDoc, 'Peskov said')?.name, 'Dmitry Peskov');
  assert.equal(speakerOf(captureDoc, 'US State Department spokesman John Kirby')?.name, 'John Kirby');
  assert.equal(speakerOf(captureDoc, 'New York Times columnist Charles M. Blow')?.role, 'New York Times columnist');
  assert.equal(speakerOf(captureDoc, 'Blow', 1)?.name, 'Charles M. Blow');
  assert.equal(speakerOf(captureDoc, 'Sputnik Japan columnist Andrey Ilyashenko')?.name, 'Andrey Ilyashenko');
});

test('capture: "he added" is Peskov', () => {
  const he = spanOf(capture, 'he added');
  const speaker = resolveSpeaker(captureDoc, { start: he.start, end: he.start + 2 });
  assert.equal(speaker?.name, 'Dmitry Peskov');
  assert.equal(speaker?.role, "the Russian President's press secretary");
});

test('capture: "He quoted the Russian President\'s press secretary" is the columnist', () => {
  assert.equal(speakerOf(captureDoc, 'He quoted the')?.name, 'Andrey Ilyashenko');
  const he = spanOf(capture, 'He added that social');
  assert.equal(resolveSpeaker(captureDoc, { start: he.start, end: he.start + 2 })?.name, 'Andrey Ilyashenko');
});

test('capture: "he quoted them as saying": he is the columnist, them the report\'s authors', () => {
  const phrase = spanOf(capture, 'he quoted them as saying');
  const he = resolveSpeaker(captureDoc, { start: phrase.start, end: phrase.start + 2 });
  assert.equal(he?.name, 'Andrey Ilyashenko');
  const them = resolveSpeaker(captureDoc, { start: phrase.start + 10, end: phrase.start + 14 });
  assert.ok(them, '"them" resolves');
  const entity = captureDoc.layer('entities').find((e) => e.id === them.entity);
  assert.equal(entity?.type, 'group');
  assert.match(them.name, /authors of the .*report/);
});

test('capture: "For his part, … John Kirby" refers forward', () => {
  const his = spanOf(capture, 'his part');
  assert.equal(resolveSpeaker(captureDoc, { start: his.start, end: his.start + 3 })?.name, 'John Kirby');
});

test('capture: headline and link lines add no invented people', () => {
  const names = captureDoc.layer('entities').map((e) => e.name);
  for (const junk of ['Listen Live', 'Get', 'GMT12', 'Russian', 'American']) assert.ok(!names.includes(junk), `"${junk}" is not an entity`);
});

test('capture with the nlp layers (tokens, tags, names): the same speakers and roles', () => {
  const doc = new WhosaidDocument(capture);
  annotate(doc);
  resolveEntities(doc);
  assert.equal(entityNamed(doc, 'Dmitry Peskov').role, "the Russian President's press secretary");
  assert.equal(entityNamed(doc, 'Charles M. Blow').role, 'New York Times columnist');
  assert.equal(entityNamed(doc, 'John Kirby').role, 'US State Department spokesman');
  assert.equal(entityNamed(doc, 'Andrey Ilyashenko').role, 'Sputnik Japan columnist');
  assert.equal(entityNamed(doc, 'New York Times').type, 'publication');
  const he = spanOf(capture, 'he added');
  assert.equal(resolveSpeaker(doc, { start: he.start, end: he.start + 2 })?.name, 'Dmitry Peskov');
  const phrase = spanOf(capture, 'he quoted them as saying');
  assert.match(resolveSpeaker(doc, { start: phrase.start + 10, end: phrase.start + 14 })?.name ?? '', /authors of the .*report/);
  assert.ok(!doc.layer('entities').some((e) => /Says|Against/.test(e.name)), 'title-case link lines add no entities');
});

test('resolveSpeakers maps attributions, in order, with null for a missing source', () => {
  const doc = new WhosaidDocument(capture);
  const attributions = [{ source: spanOf(capture, 'Peskov said') }, { source: null }, { source: { start: spanOf(capture, 'he added').start, end: spanOf(capture, 'he added').start + 2 } }];
  const speakers = resolveSpeakers(doc, attributions);
  assert.equal(speakers.length, 3);
  assert.equal(speakers[0]?.name, 'Dmitry Peskov');
  assert.equal(speakers[1], null);
  assert.equal(speakers[2]?.name, 'Dmitry Peskov');
  assert.ok(doc.hasLayer('entities'), 'the layer was added on the way');
});

// ------------------------------------------------------------ hand-written cases

test('post-posed appositive role', () => {
  const doc = resolved("Dmitry Peskov, the Russian President's press secretary, said on Monday that the talks would go on.");
  assert.equal(entityNamed(doc, 'Dmitry Peskov').role, "the Russian President's press secretary");
  const kirby = resolved('John Kirby, a spokesman for the State Department, told reporters the talks had stalled.');
  assert.equal(entityNamed(kirby, 'John Kirby').role, 'a spokesman for the State Department');
});

test('a relative clause after a name is not a role', () => {
  const doc = resolved('Maria Lopez, who lives in Ohio, said the plant closed.');
  assert.equal(entityNamed(doc, 'Maria Lopez').role, undefined);
});

test('title before a name: the title is the role, the rest the name', () => {
  const doc = resolved('Russian President Vladimir Putin said on Friday that sanctions had failed. Putin added that talks would continue.');
  const putin = entityNamed(doc, 'Vladimir Putin');
  assert.equal(putin.role, 'Russian President');
  assert.equal(putin.mentions.length, 2);
});

test('pronouns follow gender: she is the woman, he the man', () => {
  const text = 'Senator Mary Jones met Tom Baker, the mayor, in March. Jones said the budget was too small. She added that she would vote against it. Baker said he disagreed.';
  const doc = resolved(text);
  assert.equal(speakerOf(doc, 'She added')?.name, 'Mary Jones');
  const he = spanOf(text, 'he disagreed');
  assert.equal(resolveSpeaker(doc, { start: he.start, end: he.start + 2 })?.name, 'Tom Baker');
  assert.equal(entityNamed(doc, 'Tom Baker').role, 'the mayor');
});

test('gender learned from earlier pronoun use decides a later pronoun', () => {
  const text = 'Alex Morgan and Sam Reyes met on Monday. Morgan said he would run. Later Reyes spoke to her staff. He said the race was close.';
  const doc = resolved(text);
  const he = spanOf(text, 'He said');
  assert.equal(resolveSpeaker(doc, { start: he.start, end: he.start + 2 })?.name, 'Alex Morgan');
});

test('two people with one surname stay apart; the surname goes to the latest', () => {
  const text = 'Bill Clinton spoke first. Hillary Clinton spoke next. Clinton said the plan would work.';
  const doc = resolved(text);
  const people = doc.layer('entities').filter((e) => e.type === 'person');
  assert.deepEqual(people.map((e) => e.name).sort(), ['Bill Clinton', 'Hillary Clinton']);
  assert.equal(speakerOf(doc, 'Clinton said')?.name, 'Hillary Clinton');
});

test('a surname before the full name joins it, and the full name becomes canonical', () => {
  const doc = resolved('Trump spoke on Monday. Later, Donald Trump said he would win.');
  assert.equal(doc.layer('entities').filter((e) => e.type === 'person').length, 1);
  assert.equal(speakerOf(doc, 'Trump')?.name, 'Donald Trump');
});

test('a pronoun outside quotes skips people named inside the quotation before it', () => {
  const text = 'Analyst Ann Lee spoke on Monday. "Voters will punish Robert Hale for this," Lee said. She added that polls were close.\n\n"The race is over for Robert Hale and his allies," Lee said. She added that turnout would be low.';
  const doc = resolved(text);
  const she = spanOf(text, 'She added', 1);
  assert.equal(resolveSpeaker(doc, { start: she.start, end: she.start + 3 })?.name, 'Ann Lee');
});

test('"they" resolves to a group; "it" to an organisation', () => {
  const text = 'Democratic lawmakers met on Tuesday. They said the bill would fail. Acme Corporation rejected the claim. It said the plant was safe.';
  const doc = resolved(text);
  const they = speakerOf(doc, 'They');
  const theyEntity = doc.layer('entities').find((e) => e.id === they?.entity);
  assert.equal(theyEntity?.type, 'group');
  assert.equal(theyEntity?.name, 'Democratic lawmakers');
  const it = spanOf(text, 'It said');
  assert.equal(resolveSpeaker(doc, { start: it.start, end: it.start + 2 })?.name, 'Acme Corporation');
});

test('descriptions: "the spokesman" finds the person with that role; "the report" the report', () => {
  const text = 'State Department spokesman John Kirby spoke on Monday. The intelligence report was published on Friday. The spokesman said the report was incomplete.';
  const doc = resolved(text);
  assert.equal(speakerOf(doc, 'The spokesman')?.name, 'John Kirby');
  const report = entityNamed(doc, 'The intelligence report');
  assert.equal(report.type, 'document');
  assert.equal(report.mentions.length, 2);
});

test('acronyms join their expansion', () => {
  const doc = resolved('The European Union imposed new sanctions. Later, the EU said more would follow.');
  const union = entityNamed(doc, 'European Union');
  assert.equal(union.type, 'organisation');
  assert.ok(union.mentions.some((m) => doc.text.slice(m.start, m.end) === 'EU'));
});

test('publication from its name and from "columnist for"', () => {
  const doc = resolved('Jane Roe, a columnist for the Daily Planet, wrote that the vote was rigged. The Washington Post disagreed.');
  assert.equal(entityNamed(doc, 'Daily Planet').type, 'publication');
  assert.equal(entityNamed(doc, 'Washington Post').type, 'publication');
});

test('the names layer from nlp is used when present', () => {
  const text = 'zed corp said profits fell.';
  const doc = new WhosaidDocument(text);
  doc.addLayer('names', [{ start: 0, end: 8, type: 'organisation' }]);
  resolveEntities(doc);
  const entities = doc.layer('entities');
  assert.equal(entities.length, 1);
  assert.equal(entities[0].type, 'organisation');
  assert.equal(entities[0].name, 'zed corp');
});

test('a place that speaks is an organisation; a place modifying a source is not', () => {
  const text = 'Moscow denied the claims. US presidential elections show no sign of calm, the report said.';
  const doc = new WhosaidDocument(text);
  const speakers = resolveSpeakers(doc, [{ source: spanOf(text, 'Moscow') }, { source: spanOf(text, 'US presidential elections') }]);
  assert.equal(speakers[0]?.name, 'Moscow');
  assert.equal(doc.layer('entities').find((e) => e.name === 'Moscow')?.type, 'organisation');
  assert.equal(speakers[1], null);
});

test('JSON form: id, name, type, role when known, mentions as offsets', () => {
  const json = entitiesToJson(captureDoc.layer('entities'));
  const kirby = json.find((e) => e.name === 'John Kirby');
  assert.ok(kirby);
  assert.deepEqual(Object.keys(kirby).sort(), ['id', 'mentions', 'name', 'role', 'type']);
  for (const mention of kirby.mentions) assert.deepEqual(Object.keys(mention).sort(), ['end', 'start']);
  const report = json.find((e) => e.type === 'document');
  assert.ok(report && !('role' in report));
  for (const entity of json) for (const m of entity.mentions) assert.ok(m.start >= 0 && m.end <= capture.length && m.start < m.end);
});

// ------------------------------------------------------------ bad input and bounds

test('empty text: an empty layer, no speakers', () => {
  const doc = resolved('');
  assert.deepEqual(doc.layer('entities'), []);
  assert.deepEqual(resolveSpeakers(doc, [{ source: { start: 0, end: 0 } }]), [null]);
});

test('a text with no names: no name entities, and an unresolvable pronoun stays null', () => {
  const text = 'he said it was raining. they agreed that the weather was bad.';
  const doc = resolved(text);
  assert.equal(doc.layer('entities').filter((e) => e.mentions.some((m) => m.start > 0 && /^[A-Z]/.test(text.slice(m.start, m.end)))).length, 0);
  assert.equal(resolveSpeaker(doc, { start: 0, end: 2 }), null);
});

test('all-caps text invents no names', () => {
  const doc = resolved('BREAKING NEWS: OFFICIALS SAY THE STORM WILL HIT TONIGHT. RESIDENTS TOLD TO STAY HOME.');
  assert.equal(doc.layer('entities').filter((e) => e.type === 'person').length, 0);
});

test('thousands of names and pronouns: every pronoun finds the latest speaker, the layer stays well formed', () => {
  const first = ['John', 'Mary', 'Peter', 'Susan', 'David', 'Linda'];
  const parts: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const given = first[i % first.length];
    const letters = [...i.toString(26).padStart(3, '0')].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');
    const surname = `Qu${letters}son`;
    parts.push(`${given} ${surname} spoke. ${surname} said the plan worked. ${i % 2 === 0 ? 'He' : 'They'} added more.`);
  }
  const text = parts.join('\n');
  const entities = computeEntities(new WhosaidDocument(text));
  const people = entities.filter((e) => e.type === 'person');
  assert.equal(people.length, 4000);
  // Even lines say "He added": that pronoun joins the line's own speaker; odd lines say "They", which no person takes.
  const withPronoun = people.filter((p) => p.mentions.length === 3);
  assert.equal(withPronoun.length, 2000);
  for (const person of withPronoun) {
    const [name, surname, pronoun] = person.mentions;
    assert.equal(text.slice(pronoun.start, pronoun.end), 'He');
    assert.ok(name.start < surname.start && surname.start < pronoun.start && pronoun.start - name.start < 80);
  }
  assert.ok(people.every((p) => p.mentions.length === 2 || p.mentions.length === 3));
});

test('a 1 MB wall of text and quotes completes with offsets inside the text', () => {
  const block = '"We will not back down," said Governor Alan Smith of Ohio. He added that the report by the Budget Office was wrong. ';
  const text = block.repeat(Math.ceil(1_000_000 / block.length));
  const entities = computeEntities(new WhosaidDocument(text));
  const smith = entities.find((e) => e.name === 'Alan Smith');
  assert.ok(smith);
  assert.ok(smith.mentions.length > 1000);
  for (const entity of entities) for (const m of entity.mentions) assert.ok(m.end <= text.length);
  // Unbalanced quote marks do not swallow the rest of the text.
  const unbalanced = computeEntities(new WhosaidDocument('"'.repeat(50_000) + ' Mary Jones said hello.'));
  assert.ok(unbalanced.some((e) => e.name === 'Mary Jones'));
});
