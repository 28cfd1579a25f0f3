import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeString } from '../src/analyze.js';
import { WhosaidDocument } from '../src/model/document.js';
import { analyzeTime, estimatePublication, findTimeExpressions, judgeMisdating, withTimeAnalysis } from '../src/time/index.js';
import type { PublicationEstimate, PublicationEstimateResult, TimeExpression } from '../src/time/index.js';

const CAPTURE = new URL('../../examples/sputnik-2017-capture.txt', import.meta.url);
const REFERENCE = new Date('2017-01-10T12:00:00Z');

function known(estimate: PublicationEstimateResult): PublicationEstimate {
  assert.ok(!('unknown' in estimate), `expected an estimate, got unknown: ${'unknown' in estimate ? estimate.reason : ''}`);
  return estimate as PublicationEstimate;
}

function valueOf(text: string, phrase: string, reference: Date | null = REFERENCE): TimeExpression {
  const found = findTimeExpressions(text, { reference }).find((e) => e.text === phrase);
  assert.ok(found, `"${phrase}" not found in ${JSON.stringify(findTimeExpressions(text, { reference }).map((e) => e.text))}`);
  return found;
}

test('the 2017 capture stated as 12 April 2021: estimated early 2017 and misdated', () => {
  const { document, result } = analyzeString(readFileSync(CAPTURE, 'utf8'), { format: 'text', input: 'capture' });
  assert.match(result.published.stated ?? '', /^2021-04-12/);
  const analysis = analyzeTime(document, result.published);
  const estimate = known(analysis.estimated);
  assert.equal(estimate.earliest.slice(0, 4), '2017');
  assert.equal(estimate.latest.slice(0, 4), '2017');
  assert.ok(estimate.best >= '2017-01-01' && estimate.best <= '2017-03-31', `best ${estimate.best} is not early 2017`);
  assert.ok(estimate.evidence.some((e) => e.text === "last year's"), 'the pinning expression is cited as evidence');
  for (const e of estimate.evidence) assert.equal(document.text.slice(e.start, e.end), e.text, 'evidence offsets read their text');
  assert.equal(analysis.misdated.misdated, true);
  assert.match(analysis.misdated.reason, /2021-04-12/);
  assert.ok((analysis.misdated.differenceDays ?? 0) > 1000);
  const published = withTimeAnalysis(result.published, analysis);
  assert.equal(published.misdated, true);
  assert.equal(published.stated, result.published.stated, 'the stated date is kept as stated');
  // The timex layer resolves "last year's" against the estimate, not the wrong stated date.
  assert.equal(document.layer('timex').find((e) => e.text === "last year's")?.value, '2016');
});

test('relative expressions are resolved against the reference time', () => {
  const text = 'Last year he won. Yesterday he spoke on Sunday. Next week and last month, two years ago, January 6 and December 30.';
  assert.equal(valueOf(text, 'Last year').value, '2016');
  assert.equal(valueOf(text, 'Yesterday').value, '2017-01-09');
  assert.equal(valueOf(text, 'on Sunday').value, '2017-01-08');
  assert.equal(valueOf(text, 'Next week').value, '2017-01-16/2017-01-22');
  assert.equal(valueOf(text, 'last month').value, '2016-12');
  assert.equal(valueOf(text, 'two years ago').value, '2015');
  assert.equal(valueOf(text, 'January 6').value, '2017-01-06');
  assert.equal(valueOf(text, 'December 30').value, '2016-12-30', 'a late-December day read in January is last year’s');
  const lastYear = valueOf(text, 'Last year');
  assert.equal(lastYear.kind, 'relative');
  assert.equal(lastYear.anchor, 'reference');
  assert.deepEqual(lastYear.relative, { unit: 'year', offset: -1 });
  // Without a reference nothing relative gets a value.
  assert.equal(valueOf(text, 'Last year', null).value, undefined);
});

test('absolute expressions: full dates, glued dates, months, years and decades', () => {
  const text = '11:46 GMT12 April 2021. On 6 January 2017 and January 6, 2017, in March 2016, in 2015, during the 1990s and the ’80s.';
  assert.equal(valueOf(text, '12 April 2021').value, '2021-04-12');
  assert.equal(valueOf(text, '6 January 2017').value, '2017-01-06');
  assert.equal(valueOf(text, 'January 6, 2017').value, '2017-01-06');
  assert.equal(valueOf(text, 'March 2016').granularity, 'month');
  assert.equal(valueOf(text, 'in 2015').value, '2015');
  assert.equal(valueOf(text, '1990s').value, '1990/1999');
  assert.equal(valueOf(text, 'the ’80s').value, '1980/1989');
  for (const e of findTimeExpressions(text)) assert.equal(text.slice(e.start, e.end), e.text);
});

test('event references carry their year', () => {
  const text = 'Russia meddled in the 2016 US presidential elections. Athletes recalled the 2012 Olympics and the 2016 election.';
  const election = valueOf(text, 'the 2016 US presidential elections');
  assert.equal(election.kind, 'event');
  assert.equal(election.value, '2016');
  assert.equal(election.event, 'us presidential elections');
  assert.equal(valueOf(text, 'the 2012 Olympics').kind, 'event');
  assert.equal(valueOf(text, 'the 2016 election').value, '2016');
});

test('numbers that are not years are left alone', () => {
  const texts = ['It cost $2016 and 2,016 people came.', 'There were 2016 people and 1999 votes.', 'Flight 2015-16 was 3.2015 km.'];
  assert.deepEqual(findTimeExpressions(texts[0]!), []);
  assert.deepEqual(findTimeExpressions(texts[1]!), []);
  assert.ok(!findTimeExpressions(texts[2]!).some((e) => e.text.includes('3.2015')));
  assert.deepEqual(findTimeExpressions('you may 5 times'), [], 'lower-case "may" is not a month');
});

test('text with no time at all is unknown, never a guess, and is not called misdated', () => {
  const none = estimatePublication('The minister spoke to reporters about the budget and the weather.');
  assert.ok('unknown' in none);
  const relativeOnly = estimatePublication('Last year the minister said on Sunday that he would resign.');
  assert.ok('unknown' in relativeOnly);
  assert.match((relativeOnly as { reason: string }).reason, /relative/);
  const verdict = judgeMisdating('2021-04-12', none);
  assert.equal(verdict.misdated, false);
  assert.equal(verdict.differenceDays, null);
});

test('future tense bounds the writing date from above; past dates from below', () => {
  const estimate = known(estimatePublication('The last vote was held in March 2017. Elections will be held in 2018.'));
  assert.equal(estimate.earliest, '2017-03-01');
  assert.equal(estimate.latest, '2018-12-31');
  assert.equal(judgeMisdating('2017-06-01', estimate).misdated, false);
  assert.equal(judgeMisdating('2015-01-01', estimate).misdated, true);
  assert.equal(judgeMisdating('2020-06-01', estimate).misdated, true);
  const planned = findTimeExpressions('Emissions must fall by 2030, the plan says.');
  assert.equal(planned[0]?.future, true);
});

test('the misdating threshold is configurable', () => {
  const estimate = known(estimatePublication('Last year’s Olympics were a success, the 2016 Olympics drew crowds.'));
  assert.equal(estimate.earliest, '2017-01-01');
  assert.equal(judgeMisdating('2018-03-01', estimate).misdated, false, 'sixty days past the range is within 180 days');
  assert.equal(judgeMisdating('2018-03-01', estimate, { thresholdDays: 30 }).misdated, true);
});

test('bad dates: year 0, 9999 and the zero timestamp are not evidence; bad stated dates are not dates', () => {
  assert.deepEqual(findTimeExpressions('In the year 0 and in 9999, on 0000-01-01 and 9999-12-31, and at 1970-01-01.'), []);
  const estimate = known(estimatePublication('The law passed in 2015.'));
  assert.equal(judgeMisdating('0000-01-01', estimate).misdated, false);
  assert.match(judgeMisdating('0000-01-01', estimate).reason, /not a date/);
  assert.match(judgeMisdating('2015-02-31', estimate).reason, /not a date/);
  assert.equal(judgeMisdating('9999-12-31', estimate).misdated, true, 'the range runs at most to now; 9999 lies far after it');
  assert.equal(judgeMisdating('1970-01-01', estimate).misdated, true, 'a zero timestamp lies decades before the text');
});

test('a page with a hundred dates, and with thousands, stays bounded', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => `On ${1 + (i % 28)} March ${1990 + (i % 30)} it rained.`).join(' ');
  const found = findTimeExpressions(hundred);
  assert.equal(found.length, 100);
  for (let i = 1; i < found.length; i++) assert.ok(found[i]!.start >= found[i - 1]!.end, 'expressions never overlap');
  const estimate = known(estimatePublication(hundred));
  assert.equal(estimate.earliest, '2019-03-06', 'the latest of the hundred dates');
  const huge = 'On 5 May 2011 and in 2012, last year. '.repeat(50_000);
  const capped = findTimeExpressions(huge, { maxExpressions: 500 });
  assert.equal(capped.length, 500);
  assert.ok(findTimeExpressions(huge).length <= 2_000);
});

test('non-English text: month names and relative words in other languages', () => {
  const text = "L'année dernière, le 6 janvier 2017, gestern und im März 2016; el 6 de enero de 2017; вчера, 12 апреля 2021.";
  const reference = new Date('2017-02-01T00:00:00Z');
  assert.equal(valueOf(text, "L'année dernière", reference).value, '2016');
  assert.equal(valueOf(text, '6 janvier 2017', reference).value, '2017-01-06');
  assert.equal(valueOf(text, 'gestern', reference).value, '2017-01-31');
  assert.equal(valueOf(text, 'März 2016', reference).value, '2016-03');
  assert.equal(valueOf(text, '6 de enero de 2017', reference).value, '2017-01-06');
  assert.equal(valueOf(text, '12 апреля 2021', reference).value, '2021-04-12');
  assert.equal(valueOf(text, 'вчера', reference).value, '2017-01-31');
});

test('analyzeTime adds the timex layer once and works without a stated date', () => {
  const doc = new WhosaidDocument('The summit took place on 3 May 2015. It will meet again next year.');
  const analysis = analyzeTime(doc, null);
  assert.ok(doc.hasLayer('timex'));
  assert.equal(analysis.timex.length, 2);
  assert.equal(analysis.misdated.misdated, false);
  assert.match(analysis.misdated.reason, /no publication date/);
  assert.equal(known(analysis.estimated).earliest, '2015-05-03');
  // "next year" resolved against the estimate's best guess.
  assert.equal(doc.layer('timex').find((e) => e.text === 'next year')?.value, '2016');
  assert.doesNotThrow(() => analyzeTime(doc, null), 'a second call reuses the layer');
});

test('office holders named with a present title bound the writing date; former ones do not', () => {
  const kerry = known(estimatePublication('Secretary of State John Kerry said the talks would go on.'));
  assert.equal(kerry.earliest, '2013-02-01');
  assert.equal(kerry.latest, '2017-01-20');
  assert.equal(kerry.evidence[0]?.text, 'Secretary of State John Kerry');
  assert.ok('unknown' in estimatePublication('Former Secretary of State John Kerry said the talks would go on.'));
  assert.ok('unknown' in estimatePublication('A President Trump would change that, she said.'), 'a hypothetical office is no evidence');
  const biden = known(estimatePublication('Vice President Joe Biden spoke in Ohio.'));
  assert.equal(biden.earliest, '2009-01-20', 'the vice-presidency, not the presidency');
  // A sentence that gives its own year tells of that year, not of when the text was written.
  const historical = known(estimatePublication('In 2010, President Obama signed the law.'));
  assert.equal(historical.earliest, '2010-01-01');
  assert.ok(!historical.evidence.some((e) => e.text.includes('President Obama')));
  assert.equal(judgeMisdating('2021-06-01', kerry).misdated, true);
  assert.equal(judgeMisdating('2016-06-01', kerry).misdated, false);
});

test('revision notes, range ends, model years and targets are not taken as the writing date', () => {
  const revised = known(estimatePublication('Published on March 2, 2022. This page was last updated on January 5, 2025.'));
  assert.equal(revised.earliest, '2022-03-02');
  assert.equal(findTimeExpressions('updated on January 5, 2025')[0]?.revision, true);
  assert.equal(findTimeExpressions('from 2025–2030, it says').find((e) => e.text === '2030')?.future, true);
  assert.deepEqual(findTimeExpressions('We drove the 2027 Chevrolet Bolt.'), []);
  assert.equal(findTimeExpressions('It should be running by mid 2027.')[0]?.future, true);
  assert.equal(findTimeExpressions('how you’ll file your returns in early 2026')[0]?.future, true);
});

test('a huge text with many office titles and dates is read within bounds', () => {
  const huge = 'President Obama spoke on 5 May 2011. Secretary of State John Kerry agreed. '.repeat(20_000);
  const estimate = known(estimatePublication(huge));
  assert.equal(estimate.earliest, '2013-02-01');
  assert.equal(estimate.latest, '2017-01-20');
  assert.ok(estimate.evidence.length <= 12);
});

test('a nominee is dated from the settled race, a front-runner before it', () => {
  const nominee = known(estimatePublication('Presumptive Republican presidential nominee Donald Trump spoke. The 2016 primaries were over.'));
  assert.equal(nominee.earliest, '2016-05-03');
  assert.equal(nominee.latest, '2024-11-05', 'both nominations agree with the other evidence, so the range spans them');
  const frontRunner = known(estimatePublication('Democratic front-runner Hillary Clinton spoke. The 2015 budget deal had passed.'));
  assert.equal(frontRunner.earliest, '2015-04-12');
  assert.equal(frontRunner.latest, '2016-06-06');
});
