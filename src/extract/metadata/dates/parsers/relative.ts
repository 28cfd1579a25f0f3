import type { DateFormatParser, DateMatch, DateParts } from '../types.js';

/*
 * Relative expressions ("2 hours ago", "il y a 3 jours", "yesterday"), resolved against the
 * capture time. Without a reference time they mean nothing, so they yield no match: resolving
 * them against the moment of analysis would silently date an old capture to today.
 */

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Unit words (singular, plural, short) by language, mapped to a unit. */
const UNIT_WORDS: Record<string, Unit> = {};
function units(unit: Unit, words: string): void {
  for (const word of words.split(' ')) UNIT_WORDS[word] = unit;
}
units('second', 'second seconds sec secs s seconde secondes sekunde sekunden segundo segundos secondo secondi seconden секунду секунды секунд');
units('minute', 'minute minutes min mins m minuten minuto minutos minuti minuut минуту минуты минут');
units('hour', 'hour hours hr hrs h heure heures stunde stunden std hora horas ora ore uur час часа часов');
units('day', 'day days jour jours tag tagen tage día días dia dias giorno giorni dag dagen день дня дней');
units('week', 'week weeks semaine semaines woche wochen semana semanas settimana settimane weken неделю недели недель');
units('month', 'month months mois monat monaten monate mes meses mese mesi mês maand maanden месяц месяца месяцев');
units('year', 'year years an ans année années jahr jahren jahre año años anno anni ano anos jaar jaren год года лет');

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, un: 1, une: 1, uno: 1, una: 1, um: 1, uma: 1, ein: 1, eine: 1, einer: 1, einem: 1, einen: 1, een: 1,
  two: 2, deux: 2, zwei: 2, dos: 2, due: 2, dois: 2, duas: 2, twee: 2,
};

const UNIT = Object.keys(UNIT_WORDS).sort((a, b) => b.length - a.length).join('|');
const COUNT = String.raw`(\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;

/** Number before the unit, marker after: en "ago", it "fa", nl "geleden", ru "назад". */
const COUNT_UNIT_AGO = new RegExp(String.raw`(?<![\p{L}\d])${COUNT}\s*(${UNIT})\.?\s+(?:ago|fa|geleden|назад)(?![\p{L}])`, 'giu');
/** Marker before: fr "il y a", de "vor", es "hace", pt "há"/"ha". */
const AGO_COUNT_UNIT = new RegExp(String.raw`(?<![\p{L}])(?:il\s+y\s+a|vor|hace|há|ha)\s+${COUNT}\s*(${UNIT})\.?(?![\p{L}])`, 'giu');
/*
 * Cheap necessary conditions for the two patterns above: the marker as a word end, or the marker
 * followed by the first character of a count. Most text has neither, and the full patterns,
 * which open with a lookbehind, are slow to scan for.
 */
const AGO_MARKER = /(?:ago|fa|geleden|назад)(?![\p{L}])/iu;
const COUNT_START = `[\\d${[...new Set(Object.keys(NUMBER_WORDS).map((word) => word[0]))].join('')}]`;
const MARKER_THEN_COUNT = new RegExp(String.raw`(?:il\s+y\s+a|vor|hace|há|ha)\s+${COUNT_START}`, 'iu');

const DAY_WORDS: Record<string, number> = {
  today: 0, "aujourd'hui": 0, 'aujourd’hui': 0, heute: 0, hoy: 0, oggi: 0, hoje: 0, vandaag: 0, сегодня: 0,
  yesterday: -1, hier: -1, gestern: -1, ayer: -1, ieri: -1, ontem: -1, gisteren: -1, вчера: -1,
};
const DAY_WORD = new RegExp(String.raw`(?<![\p{L}])(${Object.keys(DAY_WORDS).join('|')})(?![\p{L}])`, 'giu');

const JUST_NOW = /(?<![\p{L}])(?:just now|à l'instant|à l’instant|gerade eben|ahora mismo|adesso|agora mesmo|zojuist|только что)(?![\p{L}])/giu;

const SHORT_TEXT = 40;

function partsOf(date: Date, withTime: boolean): DateParts {
  const parts: DateParts = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  if (withTime) Object.assign(parts, { hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(), offsetMinutes: 0 });
  return parts;
}

function shift(reference: Date, count: number, unit: Unit): Date {
  const date = new Date(reference.getTime());
  const seconds: Partial<Record<Unit, number>> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 };
  const step = seconds[unit];
  if (step !== undefined) date.setTime(date.getTime() - count * step * 1000);
  else if (unit === 'month') date.setUTCMonth(date.getUTCMonth() - count);
  else date.setUTCFullYear(date.getUTCFullYear() - count);
  return date;
}

function countOf(text: string): number {
  return NUMBER_WORDS[text.toLowerCase()] ?? Number(text);
}

export const relativeParser: DateFormatParser = {
  name: 'relative',
  findAll(text, context) {
    const reference = context.reference;
    if (!reference) return [];
    const matches: DateMatch[] = [];
    const add = (index: number, length: number, count: number, unitWord: string): void => {
      const unit = UNIT_WORDS[unitWord.toLowerCase()];
      if (!unit || !Number.isFinite(count)) return;
      // Seconds to hours name an instant; days and longer only name a day.
      const precise = unit === 'second' || unit === 'minute' || unit === 'hour';
      matches.push({ index, length, parts: partsOf(shift(reference, count, unit), precise), complete: precise, dateOnly: !precise });
    };
    if (AGO_MARKER.test(text)) {
      for (const m of text.matchAll(COUNT_UNIT_AGO)) add(m.index, m[0].length, countOf(m[1]), m[2]);
    }
    if (MARKER_THEN_COUNT.test(text)) {
      for (const m of text.matchAll(AGO_COUNT_UNIT)) add(m.index, m[0].length, countOf(m[1]), m[2]);
    }
    // "today", "hier" and "just now" are ordinary words in running text; only a short
    // string such as a timestamp element's text is read as a date by them.
    if (text.trim().length > SHORT_TEXT) return matches;
    for (const m of text.matchAll(DAY_WORD)) {
      const offset = DAY_WORDS[m[1].toLowerCase()] ?? 0;
      matches.push({ index: m.index, length: m[0].length, parts: partsOf(shift(reference, -offset, 'day'), false), dateOnly: true });
    }
    for (const m of text.matchAll(JUST_NOW)) {
      matches.push({ index: m.index, length: m[0].length, parts: partsOf(reference, true), complete: true });
    }
    return matches;
  },
};
