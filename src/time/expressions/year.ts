import type { ExpressionMatch, ExpressionParser } from '../types.js';
import { YEAR, matchAll, monthOf } from './patterns.js';

/** Words after a number that show it counts or measures something rather than naming a year. */
const NOT_A_YEAR_AFTER = /^\s*(?:people|persons|men|women|children|troops|soldiers|jobs|votes|voters|dollars|euros|pounds|yen|miles|km|kilometres|kilometers|metres|meters|feet|tonnes|tons|units|cases|deaths|calories|points|pages|words|hp|mw|kw|ft|lbs?|kg|mg|ml|m|cm|mm)\b/i;

/**
 * A capitalised word right before a bare number makes it part of a name ("Cyberpunk 2077",
 * "Battlefield 2042", "Windows 2000"), unless the word is a preposition or month in a title.
 */
const CAPITALISED_WORD_BEFORE = /(?:^|[^\p{L}])(\p{Lu}[\p{L}\p{N}]*)\s+$/u;
/** A bare year right before a capitalised name is a model year or a title ("2027 Chevrolet Bolt"). */
const CAPITALISED_NAME_AFTER = /^\s?\p{Lu}\p{Ll}+\s+\p{Lu}/u;
const TITLE_WORDS = new Set(['in', 'of', 'for', 'since', 'by', 'from', 'until', 'to', 'the', 'and', 'or', 'at', 'on', 'during', 'through', 'before', 'after', 'as', 'fiscal', 'fy', 'summer', 'winter', 'spring', 'autumn', 'fall', 'early', 'late', 'mid', 'class', 'circa', 'c', 'ca', 'est', 'anno']);

/** A year on its own: "2016", "in 2015", "since 1998", "2015-16". */
export const yearParser: ExpressionParser = {
  name: 'year',
  find(text) {
    const out: ExpressionMatch[] = [];
    for (const m of matchAll(text, String.raw`(?:(?<![\p{L}])(?:in|since|during|until|by|from|of|en|im|nel|em)\s+)?${YEAR}`)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      if (NOT_A_YEAR_AFTER.test(after)) continue;
      if (m[0] === m[1] && (isNamePart(text, m.index) || CAPITALISED_NAME_AFTER.test(after))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: 'absolute', granularity: 'year', anchor: 'explicit', year: Number(m[1]) });
    }
    return out;
  },
};

function isNamePart(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 30), index);
  const word = CAPITALISED_WORD_BEFORE.exec(before)?.[1];
  return word !== undefined && !TITLE_WORDS.has(word.toLowerCase()) && monthOf(word) === null;
}
