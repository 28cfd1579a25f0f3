/**
 * Abbreviations that keep their final period, lower-cased and without dots.
 *
 * Split by what follows them, because that decides whether a period after one
 * can still end a sentence: a title ("Mr.") always precedes a name, a month
 * ("Jan.") precedes a day, whereas "Inc." or "etc." end sentences often.
 */

/** Titles and honorifics: never the last word of a sentence. */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'messrs', 'mmes', 'dr', 'drs', 'prof', 'profs', 'rev', 'revs', 'fr', 'sr', 'sen', 'sens',
  'rep', 'reps', 'gov', 'govs', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'cmdr', 'adm', 'sgt', 'cpl', 'pvt',
  'hon', 'pres', 'supt', 'atty', 'insp', 'amb', 'brig', 'msgr', 'st', 'mt', 'ft', 'vs', 'v',
]);

/** Months and weekdays: followed by a day or a year, rarely end a sentence. */
export const DATE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
]);

/** Other abbreviations that keep their period but may well end a sentence. */
export const OTHER_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'jr', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'assn', 'dept', 'univ', 'est', 'approx', 'etc', 'al',
  'ave', 'blvd', 'rd', 'hwy', 'pp', 'vol', 'vols', 'ch', 'fig', 'figs', 'op', 'cf', 'ca', 'viz', 'govt',
  // US state abbreviations in AP style
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky', 'la',
  'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nebr', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex',
  'va', 'vt', 'wash', 'wis', 'wyo',
]);

/**
 * Abbreviations recognised in lower case too. All others must be capitalised,
 * because many of them are also ordinary words that end sentences ("ill",
 * "mass", "sun", "wash").
 */
const LOWERCASE_ABBREVIATIONS: ReadonlySet<string> = new Set(['etc', 'al', 'vs', 'v', 'cf', 'viz', 'pp', 'approx', 'vol', 'vols']);

/** Whether a word (given without its final period) is a known abbreviation. */
export function isKnownAbbreviation(word: string): boolean {
  const lower = word.toLowerCase();
  if (!(TITLE_ABBREVIATIONS.has(lower) || DATE_ABBREVIATIONS.has(lower) || OTHER_ABBREVIATIONS.has(lower))) return false;
  if (LOWERCASE_ABBREVIATIONS.has(lower)) return true;
  const first = word.charCodeAt(0);
  return first >= 65 && first <= 90;
}

/** Abbreviation kind of a token that ends in a period, for the sentence splitter. */
export function abbreviationKind(word: string): 'title' | 'date' | 'other' | null {
  const bare = word.endsWith('.') ? word.slice(0, -1) : word;
  if (!isKnownAbbreviation(bare)) return null;
  const lower = bare.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower)) return 'title';
  if (DATE_ABBREVIATIONS.has(lower)) return 'date';
  return 'other';
}
