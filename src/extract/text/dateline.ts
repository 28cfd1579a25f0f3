import { findDateMentions } from '../metadata/dates/parse-date.js';
import type { DateCandidate, StatedDate } from '../../model/result.js';
import { splitGluedPhrases } from './shape.js';
import { readByline } from './byline.js';

/** What a dateline line holds: its dates, plus the byline and chrome words printed around them. */
export interface Dateline {
  published: StatedDate | null;
  modified: StatedDate | null;
  candidates: DateCandidate[];
  /** Authors named before the date ("By Jane Doe | 3 March 2019"). */
  authors: string[];
  /** The line without what followed the last date. */
  datelineText: string;
  /** Short phrases printed after the date on the same line, glued or not ("Listen Live"). */
  trailing: string[];
}

/** Words that label a date as a later revision rather than the first publication. */
const MODIFIED_LABEL = /(?<![\p{L}])(updated?|modified|last (updated|modified)|revised|edited|aktualisiert|mis à jour|actualizado|aggiornato)(?![\p{L}])/iu;
/** The date parser that reads "3 hours ago", "yesterday". */
const RELATIVE_PARSER = 'relative';
/** An attribution dash or a social handle before a date. */
const QUOTED_POST_SIGNATURE = /^[—–]|@\w|\(@/u;
/** A label may be a few words ("Published on", "Last updated:"); more than this is a sentence that mentions a date. */
const MAX_LABEL_WORDS = 3;
/** Chrome glued after a date is a few links' worth of words. */
const MAX_TRAILING_WORDS = 5;

/**
 * Reads a line that is a dateline: one or more dates with at most a short label
 * before each ("Published", "Updated on"), optionally a byline before the first,
 * and a few chrome words after the last. Null when the line is anything else,
 * such as a sentence that happens to contain a date. Relative stamps ("2 days
 * ago") make a dateline but give a date only when `reference`, the moment the
 * page was captured, is known.
 */
export function readDateline(line: string, reference?: Date): Dateline | null {
  if (line.length > 300 || !/\d/.test(line)) return null;
  // A reference time lets relative stamps ("2 days ago") be recognised as datelines; they name no date by themselves.
  const mentions = findDateMentions(line, { reference: reference ?? new Date() }, 4);
  if (mentions.length === 0) return null;
  const result: Dateline = { published: null, modified: null, candidates: [], authors: [], datelineText: '', trailing: [] };
  let cursor = 0;
  for (const [position, mention] of mentions.entries()) {
    const label = line.slice(cursor, mention.index).trim();
    // "— Name (@handle) 20 November 2019" signs an embedded post inside an article; it dates the post, not the page.
    if (QUOTED_POST_SIGNATURE.test(label)) return null;
    if (position === 0 && wordCount(label) > MAX_LABEL_WORDS) {
      const byline = readByline(label.replace(/[\s|·•,;:\-–—]+$/u, ''));
      if (byline === null) return null;
      result.authors = byline;
    } else if (wordCount(label) > MAX_LABEL_WORDS) {
      return null;
    }
    cursor = mention.index + mention.length;
    // "2 hours ago" is relative to when the page was seen, which a capture does not record.
    if (mention.parser === RELATIVE_PARSER && reference === undefined) continue;
    const kind = MODIFIED_LABEL.test(label) ? 'modified' : 'published';
    const stated: StatedDate = { stated: mention.date.iso, source: 'dateline', raw: mention.raw, precision: mention.date.precision };
    result.candidates.push({ value: mention.date.iso, raw: mention.raw, source: 'dateline', detail: `text capture dateline (${mention.parser})`, kind });
    if (kind === 'modified') result.modified ??= stated;
    else result.published ??= stated;
  }
  const rest = line.slice(cursor).trim();
  const trailing = rest === '' ? [] : splitGluedPhrases(rest.replace(/^[\s|·•,;:\-–—]+/u, ''));
  const trailingWords = trailing.reduce((sum, phrase) => sum + wordCount(phrase), 0);
  if (trailingWords > MAX_TRAILING_WORDS) return null;
  // A time the parser did not join, a zone or a closing bracket may follow the date: those stay with the dateline.
  if (/\d/.test(rest) || /^[\s\p{Lu})]*$/u.test(rest)) {
    result.datelineText = line;
    return result;
  }
  result.datelineText = line.slice(0, cursor).trim();
  result.trailing = trailing;
  return result;
}

function wordCount(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  return words === null ? 0 : words.length;
}
