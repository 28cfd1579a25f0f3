import { dayNumber, dayOfDate, isoOfDay, isValidDay, valueInterval, yearOfDay } from './calendar.js';
import { monthDayParser } from './expressions/month-day.js';
import { knownEventDay } from './events.js';
import { findOfficeMentions } from './knowledge/find-offices.js';
import type { PublicationEstimateResult, TimeEvidence } from './result.js';
import { findTimeExpressions } from './timex.js';
import type { TimeExpression } from './types.js';

/**
 * When was a text written, judged from the text alone.
 *
 * The reading goes top to bottom:
 *  1. Dated expressions spoken of as past (explicit days, months, years,
 *     events) bound the writing date from below: a text that mentions
 *     March 2016 as past was written after it. Revision notes do not count,
 *     and a bare year mentioned once far after everything else is set aside
 *     as a projection or a name.
 *  2. A relative year that names the same thing as an explicit one pins the
 *     writing year: "last year's US presidential elections" beside "the 2016
 *     US presidential elections" means the text was written in 2017.
 *  3. Dates spoken of as future with a firm cue ("will be held in 2018")
 *     bound it from above.
 *  4. Without a pin or a future date the text does not bound its writing
 *     from above (news names earlier years all the time): the range runs
 *     to now.
 *  5. Office holders named with their present title ("Secretary of State
 *     John Kerry") bound it from both sides by their terms in office.
 *  6. Days written without a year ("March 11") tighten the lower bound where
 *     only one reading of them falls inside the range.
 * The best guess is a typical lag after the latest date mentioned. A text
 * with no dated expression and no office holder is unknown: relative words
 * alone fix nothing.
 */

export interface EstimateOptions {
  /** Expressions already found (the `timex` layer); found afresh when absent. */
  expressions?: readonly TimeExpression[];
  /** Dates after this are not taken as past evidence; defaults to now. */
  now?: Date;
}

/**
 * How long after the latest past date a text is typically written, by that
 * date's granularity: the best guess, not a bound. News mentions its own days
 * closely but often names only earlier years.
 */
const TYPICAL_LAG_DAYS = { day: 7, month: 30, year: 365 } as const;
const MAX_EVIDENCE = 12;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_BEFORE = /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*$/;

interface Dated {
  expression: TimeExpression;
  first: number;
  last: number;
}

/** Longest text read, as for time expressions: a huge page costs bounded time. */
const MAX_TEXT = 300_000;

export function estimatePublication(fullText: string, options: EstimateOptions = {}): PublicationEstimateResult {
  const text = fullText.length > MAX_TEXT ? fullText.slice(0, MAX_TEXT) : fullText;
  const expressions = options.expressions ?? findTimeExpressions(text);
  const nowDay = dayOfDate(options.now ?? new Date());
  const dated: Dated[] = [];
  for (const expression of expressions) {
    if (expression.anchor !== 'explicit' || expression.value === undefined) continue;
    const interval = valueInterval(expression.value);
    if (interval === null) continue;
    dated.push({ expression, first: interval[0], last: interval[1] });
  }
  const offices = findOfficeMentions(text, expressions, nowDay);
  if (dated.length === 0 && offices.length === 0) {
    const relative = expressions.some((e) => e.kind === 'relative' || e.anchor === 'reference');
    return {
      unknown: true,
      reason: relative
        ? 'the text speaks of time only relatively ("last year", "on Sunday"); nothing fixes the year'
        : 'the text mentions no date, year, dated event or office holder',
    };
  }

  // 1. Lower bound from past evidence, outliers aside.
  const past = dated.filter((d) => !d.expression.future && !d.expression.revision && d.first <= nowDay && d.expression.granularity !== 'decade');
  const kept = setAsideFarYears(past);
  const evidence: TimeEvidence[] = [];
  let earliest = Number.NEGATIVE_INFINITY;
  let latestPast: Dated | null = null;
  for (const d of kept) {
    if (latestPast === null || d.first > latestPast.first || (d.first === latestPast.first && d.last < latestPast.last)) latestPast = d;
  }
  if (latestPast !== null) {
    earliest = latestPast.first;
    evidence.push(why(latestPast.expression, `the latest date the text speaks of as past: written on or after ${isoOfDay(latestPast.first)}`));
  }

  // 2. Pins from relative years that name the same thing as an explicit year.
  const pin = findPin(text, expressions);
  let pinnedYear: number | null = null;
  if (pin !== null) {
    pinnedYear = pin.year;
    // The pin is the strongest evidence: it leads, so a verdict's reason quotes it.
    evidence.unshift(
      why(pin.relative, `names the same thing as "${pin.explicit.text}", so the text was written in ${pin.year}`),
      why(pin.explicit, `the dated event "${pin.relative.text}" refers to`),
    );
    earliest = Math.max(earliest, dayNumber(pin.year, 1, 1));
  }

  // 3. Upper bound from future evidence that does not contradict the lower bound.
  let latest = Number.POSITIVE_INFINITY;
  for (const d of dated) {
    if (!d.expression.firmFuture || d.last < earliest) continue;
    if (d.last < latest) {
      latest = d.last;
      evidence.push(why(d.expression, `spoken of as still to come: written before ${isoOfDay(d.last + 1)}`));
    }
  }

  // 4. The range's end: the pinned year, else what future evidence allows, else now.
  if (pinnedYear !== null) latest = Math.min(latest, dayNumber(pinnedYear, 12, 31));
  latest = Math.min(latest, Math.max(nowDay, Number.isFinite(earliest) ? earliest : nowDay));

  // 5. Office holders named with their present title bound the range from both sides; the
  // narrowest first, each keeping the terms that agree with what is known so far.
  let officeBounded = false;
  const byWidth = [...offices].sort((a, b) => width(a.terms) - width(b.terms));
  for (const office of byWidth) {
    const agreeing = office.terms.filter(([from, to]) => to >= earliest && from <= latest);
    if (agreeing.length === 0) continue;
    const from = Math.min(...agreeing.map((t) => t[0]));
    const to = Math.max(...agreeing.map((t) => t[1]));
    if (from <= earliest && to >= latest) continue;
    earliest = Math.max(earliest, from);
    latest = Math.min(latest, to);
    officeBounded = true;
    evidence.push({
      start: office.start,
      end: office.end,
      text: office.text,
      why: `named with a present title, held ${isoOfDay(from)} – ${to >= nowDay ? 'now' : isoOfDay(to)}: written in that time`,
    });
  }

  if (!Number.isFinite(earliest)) {
    return { unknown: true, reason: 'the text mentions only decades or dates still to come; nothing bounds the writing date from below' };
  }
  if (latest < earliest) latest = earliest;

  // 6. Days without a year ("March 11", "Tuesday, March 1") tighten the lower bound when only one
  // reading of them falls inside the range: each year the range spans is tried.
  const firstYear = yearOfDay(earliest);
  const lastYear = yearOfDay(latest);
  if (lastYear - firstYear <= 2) {
    for (const expression of expressions) {
      if (expression.kind !== 'absolute' || expression.anchor !== 'reference' || expression.future || expression.revision) continue;
      const monthDay = monthDayParser.find(expression.text)[0]?.monthDay;
      if (!monthDay) continue;
      const weekday = WEEKDAY_BEFORE.exec(text.slice(Math.max(0, expression.start - 14), expression.start))?.[1];
      const readings: number[] = [];
      for (let y = firstYear; y <= lastYear; y++) {
        if (!isValidDay(y, monthDay.month, monthDay.day)) continue;
        const day = dayNumber(y, monthDay.month, monthDay.day);
        if (day < earliest || day > latest) continue;
        if (weekday !== undefined && WEEKDAYS.indexOf(weekday.toLowerCase()) !== (new Date(day * 86_400_000).getUTCDay() + 6) % 7) continue;
        readings.push(day);
      }
      if (readings.length !== 1 || readings[0]! <= earliest) continue;
      earliest = readings[0]!;
      evidence.push(why(expression, `the only reading of this day inside the range: written on or after ${isoOfDay(earliest)}`));
    }
  }

  // The best guess: shortly after the latest thing mentioned, inside the range.
  let best = earliest;
  const lastEvent = latestEventDay(dated);
  if (lastEvent !== null && lastEvent >= earliest - 366) best = Math.max(best, Math.min(lastEvent + 30, latest));
  if (pinnedYear === null && latestPast !== null) {
    const lag = TYPICAL_LAG_DAYS[latestPast.expression.granularity === 'day' ? 'day' : latestPast.expression.granularity === 'month' ? 'month' : 'year'];
    best = Math.max(best, Math.min(latestPast.first + lag, latest));
  }
  if (latestPast === null && pinnedYear === null && officeBounded) best = Math.floor((earliest + latest) / 2);
  best = Math.min(Math.max(best, earliest), latest);

  return {
    earliest: isoOfDay(earliest),
    latest: isoOfDay(latest),
    best: isoOfDay(best),
    confidence: confidenceOf(latestPast, pinnedYear !== null, officeBounded, kept.length, latest - earliest),
    evidence: evidence.slice(0, MAX_EVIDENCE),
  };
}

function why(expression: TimeExpression, reason: string): TimeEvidence {
  return { start: expression.start, end: expression.end, text: expression.text, why: reason };
}

/** A bare year mentioned once, more than this far after every other past date, is set aside. */
const FAR_YEAR_GAP = 5;

/**
 * Sets aside a bare year mentioned once that stands far after every other
 * past date: a projection or a name ("through 2100", "Cyberpunk 2077") rather
 * than something that happened. Events and days are kept: "the 2016 election"
 * in a text full of 1960s history is the present, not an outlier.
 */
function setAsideFarYears(past: Dated[]): Dated[] {
  let kept = past;
  for (let round = 0; round < 3 && kept.length > 1; round++) {
    const top = kept.reduce((a, b) => (b.first > a.first ? b : a));
    if (top.expression.kind !== 'absolute' || top.expression.granularity !== 'year') break;
    const sameYear = kept.filter((d) => yearOfDay(d.first) === yearOfDay(top.first));
    const others = kept.filter((d) => yearOfDay(d.first) !== yearOfDay(top.first));
    if (sameYear.length > 1 || others.length === 0) break;
    const next = Math.max(...others.map((d) => yearOfDay(d.first)));
    if (yearOfDay(top.first) - next <= FAR_YEAR_GAP) break;
    kept = others;
  }
  return kept;
}

interface Pin {
  year: number;
  relative: TimeExpression;
  explicit: TimeExpression;
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'and', 'us', 'u.s.', 'for', 'to', 'at', 's']);
const WORDS_AFTER = 5;

/**
 * A relative year ("last year's elections", "this year's Olympics") whose
 * following words share a content word with an explicit dated event or year
 * phrase: the writing year is that year minus the relative step. Where pins
 * disagree the one made most often wins.
 */
function findPin(text: string, expressions: readonly TimeExpression[]): Pin | null {
  const events = expressions
    .filter((e) => e.kind === 'event' && e.value !== undefined && e.event !== undefined)
    .map((e) => ({ expression: e, words: contentWords(e.event!), head: headWord(e.event!) }));
  const votes = new Map<number, Pin[]>();
  for (const relative of expressions) {
    // Only "last/this/next year('s) …": "six years ago" counts from a moment the text may have moved to.
    if (relative.relative?.unit !== 'year' || Math.abs(relative.relative.offset) > 1) continue;
    const words = contentWords(wordsAfter(text, relative.end));
    if (words.size === 0) continue;
    for (const candidate of events) {
      if (!words.has(candidate.head)) continue;
      const year = Number(candidate.expression.value) - relative.relative.offset;
      if (!Number.isInteger(year)) continue;
      const list = votes.get(year) ?? [];
      list.push({ year, relative, explicit: candidate.expression });
      votes.set(year, list);
      break;
    }
  }
  let best: Pin[] | null = null;
  for (const list of votes.values()) if (best === null || list.length > best.length) best = list;
  return best?.[0] ?? null;
}

function headWord(event: string): string {
  const words = [...contentWords(event)];
  return words[words.length - 1] ?? '';
}

function wordsAfter(text: string, end: number): string {
  return text.slice(end, end + 80).split(/[.;:!?\n]/)[0]!.split(/\s+/).filter((w) => w !== '').slice(0, WORDS_AFTER).join(' ');
}

function contentWords(phrase: string): Set<string> {
  const out = new Set<string>();
  for (const raw of phrase.toLowerCase().split(/[^\p{L}.]+/u)) {
    const word = raw.replace(/\.$/, '').replace(/(?<=\p{L}{3})s$/u, '');
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    out.add(word);
  }
  return out;
}

/** The day of the latest past event with a known calendar place (elections, games), or null. */
function latestEventDay(dated: readonly Dated[]): number | null {
  let latest: number | null = null;
  for (const d of dated) {
    if (d.expression.kind !== 'event' || d.expression.future || d.expression.event === undefined) continue;
    const day = knownEventDay(d.expression.event, Number(d.expression.value));
    if (day !== null && (latest === null || day > latest)) latest = day;
  }
  return latest;
}

function width(terms: readonly [number, number][]): number {
  return Math.max(...terms.map((t) => t[1])) - Math.min(...terms.map((t) => t[0]));
}

function confidenceOf(latestPast: Dated | null, pinned: boolean, officeBounded: boolean, supporting: number, spanDays: number): number {
  let confidence = pinned ? 0.8 : officeBounded ? (spanDays < 730 ? 0.65 : 0.5) : latestPast === null ? 0.2 : latestPast.expression.granularity === 'day' ? 0.7 : latestPast.expression.granularity === 'month' ? 0.6 : 0.4;
  confidence += Math.min(0.15, 0.03 * Math.max(0, supporting - 1));
  if (spanDays > 400) confidence -= 0.1;
  return Math.round(Math.max(0.05, Math.min(0.95, confidence)) * 100) / 100;
}
