/**
 * A cheap check that a text is English, so the stage can decline to guess
 * attributions in a language its model was never trained on. It counts
 * common English function words among the first few thousand words: English
 * prose has far more than one in eight, other languages (even with English
 * names and loanwords) far fewer. Words shared with other languages ("a",
 * "i") are left out of the list.
 */
const FUNCTION_WORDS = new Set(
  'the of and to in that is was he she it for on with as his her they at by from said says this be have has had not are were but an or their who which will would its we you'.split(' '),
);

export interface LanguageVerdict {
  english: boolean;
  /** Words examined. */
  words: number;
  /** Share of them that are common English function words. */
  functionWordShare: number;
}

export function judgeEnglish(text: string, maxWords = 3000): LanguageVerdict {
  const re = /\p{L}+/gu;
  let words = 0;
  let hits = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && words < maxWords) {
    words++;
    if (FUNCTION_WORDS.has(m[0].toLowerCase())) hits++;
  }
  const share = words === 0 ? 0 : hits / words;
  // Very short texts carry too little evidence either way; treat them as English unless clearly not.
  const english = words === 0 ? true : words < 8 ? share > 0 || /^[\p{Script=Latin}\P{L}]*$/u.test(text.slice(0, 2000)) : share >= 0.12;
  return { english, words, functionWordShare: share };
}
