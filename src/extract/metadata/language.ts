/**
 * Guesses the language of a text from its script and its most frequent function words.
 * Returns a BCP 47 primary tag, or null when the text is too short or two languages score
 * too closely to call. Meant for short captures where no `lang` attribute is available.
 */

const STOPWORDS: Record<string, string> = {
  en: 'the of and to in is that for it was on with as by at from his her they have has had be this are not but an which were said will would their who been',
  fr: 'le la les des et est un une du dans que qui pour pas sur au avec il elle ce sont par plus ont été aux mais ses son leur cette nous vous',
  de: 'der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es sie er wird bei aus nach wurde sind wie noch über einer',
  es: 'el la los las de y que en un una por con para es del se al lo como más pero sus su fue ha son está este esta también muy según entre',
  it: 'il la di che e è un una per non sono con del della gli le da al nel alla anche si ha come più questo stato dei delle ma sul',
  pt: 'o a os as de e que em um uma para com não do da dos das por se no na ao foi mais como mas seu sua são está também pelo pela',
  nl: 'de het een en van in is dat op te zijn met voor niet aan er die ook als bij door wordt werd naar maar heeft hij zij worden deze dit',
  ru: 'и в не на что с по он как а это к из у за о от то все она так его но для ее же бы был была были только при',
  uk: 'і в не на що з по він як а це до із у за про від та все вона так його але для її ж би був була були тільки при',
  pl: 'i w nie na się że z do to jest o jak po a co przez od za ale jego czy są tak był być dla oraz może',
  sv: 'och i att det som en på är av för med till den har de inte om ett han men var jag sig från så kan',
  da: 'og i at det som en på er af for med til den har de ikke om et han men var jeg sig fra så kan',
  tr: 've bir bu da de için ile olarak daha çok gibi en ama ne o kadar sonra olan ise her şey değil',
  ro: 'și în de la a cu un o pe că din este care nu se mai pentru sunt au fost sau ca',
};

const SCRIPT_LANGUAGES: { pattern: RegExp; language: string }[] = [
  { pattern: /[\u3040-\u30ff]/gu, language: 'ja' }, // kana before Han: Japanese mixes both
  { pattern: /[\uac00-\ud7af]/gu, language: 'ko' },
  { pattern: /[\u4e00-\u9fff]/gu, language: 'zh' },
  { pattern: /[\u0600-\u06ff]/gu, language: 'ar' },
  { pattern: /[\u0590-\u05ff]/gu, language: 'he' },
  { pattern: /[\u0370-\u03ff]/gu, language: 'el' },
  { pattern: /[\u0e00-\u0e7f]/gu, language: 'th' },
  { pattern: /[\u0900-\u097f]/gu, language: 'hi' },
];

const WORD_SETS: Map<string, Set<string>> = new Map(
  Object.entries(STOPWORDS).map(([language, words]) => [language, new Set(words.split(' '))]),
);

/** Text beyond this is not read: the opening of an article settles its language. */
const MAX_CHARS = 20_000;
const MIN_STOPWORD_HITS = 4;

export function guessLanguage(text: string): string | null {
  if (typeof text !== 'string') return null;
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 10) return null;
  for (const { pattern, language } of SCRIPT_LANGUAGES) {
    const count = sample.match(pattern)?.length ?? 0;
    // Japanese needs only some kana among Han characters; other scripts must dominate.
    if (language === 'ja' ? count >= 5 && count / letters > 0.05 : count / letters > 0.3) return language;
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = new Map<string, number>();
  for (const word of words) {
    for (const [language, set] of WORD_SETS) {
      if (set.has(word)) scores.set(language, (scores.get(language) ?? 0) + 1);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_STOPWORD_HITS) return null;
  // Close neighbours (da/sv, es/pt, ru/uk) share many function words: demand a clear margin.
  if (second && best[1] < second[1] * 1.25) return null;
  return best[0];
}
