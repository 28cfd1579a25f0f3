/**
 * Time-zone abbreviations that news pages print after a time, with their UTC offsets in minutes.
 * Ambiguous abbreviations take the reading most common on English-language news sites
 * (IST = India, BST = British Summer Time).
 */
export const ZONE_OFFSETS: ReadonlyMap<string, number> = new Map([
  ['z', 0], ['gmt', 0], ['utc', 0], ['ut', 0], ['wet', 0],
  ['bst', 60], ['west', 60], ['cet', 60], ['met', 60], ['wat', 60],
  ['cest', 120], ['mesz', 120], ['mez', 60], ['eet', 120], ['cat', 120], ['sast', 120],
  ['eest', 180], ['msk', 180], ['eat', 180], ['ast', -240],
  ['ist', 330], ['pkt', 300], ['ict', 420], ['wib', 420],
  ['hkt', 480], ['sgt', 480], ['awst', 480], ['pht', 480], ['cst', -360],
  ['jst', 540], ['kst', 540], ['acst', 570], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
  ['edt', -240], ['est', -300], ['cdt', -300], ['mdt', -360], ['mst', -420], ['pdt', -420], ['pst', -480],
  ['akdt', -480], ['akst', -540], ['hst', -600], ['adt', -180], ['ndt', -150], ['nst', -210],
  ['et', -300], ['ct', -360], ['pt', -480],
]);

/** Alternation of zone abbreviations, longest first. */
export const ZONE_PATTERN: string = [...ZONE_OFFSETS.keys()].sort((a, b) => b.length - a.length).join('|');

/** Parses "+03:00", "+0300", "+3", "-05" into minutes; null when out of range. */
export function parseNumericOffset(sign: string, hours: string, minutes: string | undefined): number | null {
  const h = Number(hours);
  const m = minutes ? Number(minutes) : 0;
  if (h > 14 || m > 59) return null;
  const total = h * 60 + m;
  return sign === '-' || sign === '−' ? -total : total;
}
