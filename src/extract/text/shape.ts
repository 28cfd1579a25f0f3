/**
 * Shape features of one line of a text capture: how long it is, whether it
 * reads as a sentence, whether its words are capitalised like a headline.
 * Every role decision in the text reader is made from these, never from what
 * a particular site prints.
 */
export interface LineShape {
  words: string[];
  wordCount: number;
  /** Ends with . ! ? … (or the CJK stops), possibly followed by closing quotes or brackets. */
  endsSentence: boolean;
  /** Ends with a full stop (not ? or !), the mark headlines almost never carry. */
  endsWithFullStop: boolean;
  /**
   * Share of the words after the first, four letters or longer, that start with
   * a capital; null when the line has fewer than two such words or its script has no case.
   */
  capitalisedShare: number | null;
  /** Starts with an upper-case letter, a digit or an opening quote followed by one. */
  startsCapitalised: boolean;
  /** Letters in a caseless script (CJK, Thai, Arabic…) make up most of the line. */
  caseless: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-]*/gu;
const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*$/u;
const FULL_STOP_END = /[.。]["'”’»)\]]*$/u;
const UPPER_START = /^["'“‘«(\[]?[\p{Lu}\p{N}]/u;
const CASED_LETTER = /[\p{Lu}\p{Ll}]/gu;
const ANY_LETTER = /\p{L}/gu;

export function lineShape(text: string): LineShape {
  const words = text.match(WORD) ?? [];
  const letters = text.match(ANY_LETTER)?.length ?? 0;
  const cased = text.match(CASED_LETTER)?.length ?? 0;
  const caseless = letters > 0 && cased / letters < 0.5;
  return {
    words,
    wordCount: caseless ? Math.max(words.length, Math.round(letters / 2)) : words.length,
    endsSentence: SENTENCE_END.test(text),
    endsWithFullStop: FULL_STOP_END.test(text) && !/\.\.\.$|…$/.test(text),
    capitalisedShare: caseless ? null : capitalisedShare(words),
    startsCapitalised: UPPER_START.test(text),
    caseless,
  };
}

function capitalisedShare(words: readonly string[]): number | null {
  let long = 0;
  let capitalised = 0;
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i];
    if (!/^\p{L}{4}/u.test(word)) continue;
    long += 1;
    if (/^\p{Lu}/u.test(word)) capitalised += 1;
  }
  return long >= 2 ? capitalised / long : null;
}

/** Most longer words capitalised: the Title Case of headlines and link lists, not the case of running prose. */
export function isTitleCase(shape: LineShape): boolean {
  return shape.capitalisedShare !== null && shape.capitalisedShare >= 0.6;
}

/**
 * Running prose: a sentence of some length that is not capitalised like a
 * headline, or a line so long that only prose is that long.
 */
export function isProse(shape: LineShape, text: string): boolean {
  if (isTitleCase(shape) && shape.wordCount < 40) return false;
  // A line cut short with an ellipsis is a teaser for another page.
  if (/(\.\.\.|…)["'”’)\]]*$/u.test(text)) return false;
  if (shape.endsSentence && shape.wordCount >= 8) return true;
  // A long line without any punctuation is a tag cloud or a run of menu words, not prose.
  if (shape.wordCount >= 25 && /[.,;:!?。，、]/u.test(text)) return true;
  return shape.caseless && shape.endsSentence && text.length >= 40;
}

/**
 * Shaped like a headline: a few words to a long line, starting with a
 * capital, not closed by a full stop. Sentence-case headlines qualify too;
 * callers add position and neighbours to tell them from prose.
 */
export function isHeadlineShaped(shape: LineShape, text: string): boolean {
  return (
    shape.wordCount >= 3 &&
    shape.wordCount <= 30 &&
    text.length <= 250 &&
    !shape.endsWithFullStop &&
    (shape.startsCapitalised || shape.caseless)
  );
}

/** Items of a comma-separated line of short terms (a tag or keyword line), or null when the line is not one. */
export function commaListItems(text: string): string[] | null {
  if (/[.!?]["'”’)]*$/u.test(text)) return null;
  const items = text
    .split(/\s*[,;|·•]\s*/u)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length < 3) return null;
  let words = 0;
  for (const item of items) {
    const count = item.split(/\s+/).length;
    // A term is a few words; a longer item is a clause of a sentence that happens to have commas.
    if (count > 4 || /[.!?:]\s/.test(item)) return null;
    words += count;
  }
  return words / items.length <= 2.5 ? items : null;
}

/** Longest text searched for glued words. */
const MAX_GLUED_LENGTH = 300;

/**
 * Splits words glued together when a page's links were captured without
 * separators: "standardsDiscussion" → "standards" | "Discussion",
 * "URLShare" → "URL" | "Share", "ShareTweet" → "Share" | "Tweet".
 * Brand-like words whose parts are short ("YouTube", "LinkedIn", "iPhone")
 * are left whole. Returns the pieces, trimmed, in order.
 */
export function splitGluedPhrases(text: string): string[] {
  // Glued links make a short line; a long one is prose or junk, and is not worth the search.
  if (text.length > MAX_GLUED_LENGTH) return [text.trim()];
  const cuts: number[] = [];
  const boundary = /\p{Ll}(?=\p{Lu}\p{Ll})|\p{Lu}(?=\p{Lu}\p{Ll}{2,})/gu;
  for (const match of text.matchAll(boundary)) {
    const cut = (match.index ?? 0) + 1;
    if (isGlueCut(text, cut)) cuts.push(cut);
  }
  const pieces: string[] = [];
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces.map((piece) => piece.trim()).filter((piece) => piece !== '');
}

function isGlueCut(text: string, cut: number): boolean {
  const wordStart = text.slice(0, cut).search(/\S+$/u);
  const left = text.slice(wordStart, cut);
  const right = /^\S+/u.exec(text.slice(cut))?.[0] ?? '';
  const rightWord = /^\p{Lu}\p{Ll}*/u.exec(right)?.[0] ?? '';
  if (/^\p{Lu}{2,}$/u.test(left)) return rightWord.length >= 3; // an acronym glued to a word: URLShare
  if (!/\p{Ll}$/u.test(left)) return false;
  // A lower-case word running into a capital ("standardsDiscussion") is glue: brand names start capitalised.
  if (/^\p{Ll}{2,}$/u.test(left)) return rightWord.length >= 3;
  // Two capitalised words glued ("ShareTweet"): only when both are full words, so "YouTube" stays whole.
  const leftWord = /\p{Lu}\p{Ll}+$/u.exec(left)?.[0] ?? '';
  return leftWord.length >= 4 && rightWord.length >= 4 && /^\p{Lu}\p{Ll}+$/u.test(leftWord);
}
