/**
 * Month names and abbreviations by language. Abbreviations are listed without their dot;
 * parsers accept an optional dot after them. Keys are lower case without diacritics folding,
 * so both "août" and "aout" are listed where pages write either.
 */
const MONTHS_BY_LANGUAGE: Record<string, string[][]> = {
  en: [
    ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
    ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
  ],
  fr: [
    ['janvier', 'janv'], ['février', 'fevrier', 'févr', 'fevr', 'fév', 'fev'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'],
    ['juillet', 'juil'], ['août', 'aout'], ['septembre'], ['octobre'], ['novembre'], ['décembre', 'decembre', 'déc'],
  ],
  de: [
    ['januar', 'jänner', 'jän', 'jaen'], ['februar', 'feber'], ['märz', 'maerz', 'mär', 'mrz'], ['april'], ['mai'], ['juni'],
    ['juli'], ['august'], ['september'], ['oktober', 'okt'], ['november'], ['dezember', 'dez'],
  ],
  es: [
    ['enero', 'ene'], ['febrero'], ['marzo'], ['abril', 'abr'], ['mayo'], ['junio'],
    ['julio'], ['agosto', 'ago'], ['septiembre', 'setiembre', 'set'], ['octubre'], ['noviembre'], ['diciembre', 'dic'],
  ],
  it: [
    ['gennaio', 'gen'], ['febbraio'], ['marzo'], ['aprile'], ['maggio', 'mag'], ['giugno', 'giu'],
    ['luglio', 'lug'], ['agosto'], ['settembre'], ['ottobre', 'ott'], ['novembre'], ['dicembre'],
  ],
  pt: [
    ['janeiro'], ['fevereiro'], ['março', 'marco'], ['abril'], ['maio'], ['junho'],
    ['julho'], ['agosto'], ['setembro'], ['outubro', 'out'], ['novembro'], ['dezembro', 'dez'],
  ],
  nl: [
    ['januari'], ['februari'], ['maart', 'mrt'], ['april'], ['mei'], ['juni'],
    ['juli'], ['augustus'], ['september'], ['oktober'], ['november'], ['december'],
  ],
  ru: [
    ['января', 'январь', 'янв'], ['февраля', 'февраль', 'фев'], ['марта', 'март', 'мар'], ['апреля', 'апрель', 'апр'], ['мая', 'май'], ['июня', 'июнь', 'июн'],
    ['июля', 'июль', 'июл'], ['августа', 'август', 'авг'], ['сентября', 'сентябрь', 'сен', 'сент'], ['октября', 'октябрь', 'окт'], ['ноября', 'ноябрь', 'ноя'], ['декабря', 'декабрь', 'дек'],
  ],
  pl: [
    ['stycznia', 'styczeń'], ['lutego', 'luty'], ['marca', 'marzec'], ['kwietnia', 'kwiecień'], ['maja', 'maj'], ['czerwca', 'czerwiec'],
    ['lipca', 'lipiec'], ['sierpnia', 'sierpień'], ['września', 'wrzesień'], ['października', 'październik'], ['listopada', 'listopad'], ['grudnia', 'grudzień'],
  ],
};

/** Month number (1–12) for each known name, any language. */
export const MONTH_NUMBER: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (const months of Object.values(MONTHS_BY_LANGUAGE)) {
    months.forEach((names, index) => {
      for (const name of names) if (!map.has(name)) map.set(name, index + 1);
    });
  }
  return map;
})();

/** A regex alternation of all month names, longest first so "sept" wins over "sep". */
export const MONTH_PATTERN: string = [...MONTH_NUMBER.keys()]
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

export function monthNumber(name: string): number | null {
  return MONTH_NUMBER.get(name.toLowerCase().replace(/\.$/, '')) ?? null;
}
