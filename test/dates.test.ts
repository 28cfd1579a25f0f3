import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDateMentions, parseDateString } from '../src/extract/metadata/dates/parse-date.js';

const reference = new Date('2021-04-13T10:00:00Z');
const parse = (raw: string, dayFirst?: boolean) => parseDateString(raw, { reference, dayFirst });

test('a time glued to a month-name date keeps the day (not 1 April) and the GMT zone', () => {
  assert.deepEqual(parse('11:46 GMT12 April 2021'), { iso: '2021-04-12T11:46:00Z', precision: 'datetime' });
});

test('ISO 8601 keeps the offset the string gives', () => {
  assert.deepEqual(parse('2021-04-12T11:46:00+03:00'), { iso: '2021-04-12T11:46:00+03:00', precision: 'datetime' });
  assert.deepEqual(parse('2021-04-12T11:46:00.123-0400'), { iso: '2021-04-12T11:46:00-04:00', precision: 'datetime' });
  assert.deepEqual(parse('2021-04-12T11:46:00Z'), { iso: '2021-04-12T11:46:00Z', precision: 'datetime' });
  assert.deepEqual(parse('2021-04-12'), { iso: '2021-04-12', precision: 'date' });
});

test('a time without zone is written as UTC and marked datetime-no-zone', () => {
  assert.deepEqual(parse('12.04.2021 - 11:46'), { iso: '2021-04-12T11:46:00Z', precision: 'datetime-no-zone' });
  assert.deepEqual(parse('2021-04-12 11:46:00'), { iso: '2021-04-12T11:46:00Z', precision: 'datetime-no-zone' });
});

test('US formats with am/pm and zone abbreviations', () => {
  assert.deepEqual(parse('April 12, 2021 11:46 AM EDT'), { iso: '2021-04-12T11:46:00-04:00', precision: 'datetime' });
  assert.deepEqual(parse('April 12, 2021 at 11:46 p.m. ET'), { iso: '2021-04-12T23:46:00-04:00', precision: 'datetime' });
  // ET in winter is standard time.
  assert.equal(parse('January 12, 2021 11:46 AM ET')?.iso, '2021-01-12T11:46:00-05:00');
});

test('RFC 2822 dates with a weekday', () => {
  assert.deepEqual(parse('Mon, 12 Apr 2021 11:46:00 GMT'), { iso: '2021-04-12T11:46:00Z', precision: 'datetime' });
  assert.equal(parse('Mon, 12 Apr 2021 11:46:00 +0200')?.iso, '2021-04-12T11:46:00+02:00');
});

test('month names in French, German, Spanish, Italian, Portuguese and Dutch', () => {
  const cases: [string, string][] = [
    ['12 avril 2021', '2021-04-12'],
    ['1er mars 2021', '2021-03-01'],
    ['12. April 2021', '2021-04-12'],
    ['3. März 2021', '2021-03-03'],
    ['12 de abril de 2021', '2021-04-12'],
    ['12 aprile 2021', '2021-04-12'],
    ['12 de março de 2021', '2021-03-12'],
    ['12 maart 2021', '2021-03-12'],
    ['Monday, April 12th, 2021', '2021-04-12'],
    ['12-Apr-2021', '2021-04-12'],
  ];
  for (const [raw, iso] of cases) assert.equal(parse(raw)?.iso, iso, raw);
});

test('numeric dates: dotted is day first, slashed follows dayFirst unless a number exceeds 12', () => {
  assert.equal(parse('03.04.2021')?.iso, '2021-04-03');
  assert.equal(parse('04/03/2021')?.iso, '2021-04-03');
  assert.equal(parse('04/03/2021', true)?.iso, '2021-03-04');
  assert.equal(parse('13/03/2021')?.iso, '2021-03-13');
  assert.equal(parse('2021/04/12')?.iso, '2021-04-12');
  assert.equal(parse('2021年4月12日')?.iso, '2021-04-12');
});

test('relative dates resolve against the reference time', () => {
  assert.deepEqual(parse('2 hours ago'), { iso: '2021-04-13T08:00:00Z', precision: 'datetime' });
  assert.deepEqual(parse('yesterday'), { iso: '2021-04-12', precision: 'date' });
  assert.deepEqual(parse('il y a 3 jours'), { iso: '2021-04-10', precision: 'date' });
  assert.deepEqual(parse('vor 2 Stunden'), { iso: '2021-04-13T08:00:00Z', precision: 'datetime' });
  assert.equal(parse('yesterday at 11:46')?.iso, '2021-04-12T11:46:00Z');
});

test('relative dates mean nothing without a reference time', () => {
  assert.equal(parseDateString('2 hours ago'), null);
  assert.equal(parseDateString('yesterday'), null);
});

test('"today" inside running text is not a date', () => {
  const text = 'Today the council met to discuss the budget, and members said they would vote next week on it.';
  assert.deepEqual(findDateMentions(text, { reference }), []);
});

test('implausible dates are refused', () => {
  for (const raw of ['0000-01-01', '9999-12-31', '1970-01-01T00:00:00Z', '1989-12-31', '31 April 2021', '2021-02-30', '2021-13-01']) {
    assert.equal(parse(raw), null, raw);
  }
});

test('dates more than a day after the reference time are refused', () => {
  assert.equal(parse('2021-04-15'), null);
  assert.equal(parse('2031-01-01T00:00:00Z'), null);
  assert.notEqual(parse('2021-04-14T05:00:00Z'), null, 'within a day is allowed (time zones)');
});

test('strings without a date give null and never throw', () => {
  for (const raw of ['', 'no date here', 'Version 1.2.3', '12345', 'April', '2021', ':::', '\u0000\uffff']) {
    assert.equal(parse(raw), null, JSON.stringify(raw));
  }
  assert.equal(parseDateString(undefined as unknown as string), null);
});

test('Unix timestamps standing alone are read as UTC instants', () => {
  assert.deepEqual(parse('1618227960'), { iso: '2021-04-12T11:46:00Z', precision: 'datetime' });
});

test('findDateMentions lists each date once, in order, with where it was written', () => {
  const text = 'Published 12 April 2021, 11:46 GMT. Updated: 2021-04-13T09:00:00Z';
  const mentions = findDateMentions(text, { reference });
  assert.deepEqual(mentions.map((m) => m.date.iso), ['2021-04-12T11:46:00Z', '2021-04-13T09:00:00Z']);
  assert.equal(text.slice(mentions[0].index, mentions[0].index + mentions[0].length), mentions[0].raw);
  assert.ok(mentions[0].raw.startsWith('12 April 2021'));
});

test('a long text of digits and month names is scanned without error and bounded', () => {
  const text = '12 April 2021 '.repeat(50_000) + 'x'.repeat(100_000);
  const mentions = findDateMentions(text, { reference });
  assert.ok(mentions.length > 0 && mentions.length <= 500);
});
