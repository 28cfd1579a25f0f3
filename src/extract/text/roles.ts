import { chromeKindOfWords } from './chrome-words.js';
import { commaListItems, isHeadlineShaped, isTitleCase, lineShape, type LineShape } from './shape.js';
import type { ChromeKind } from '../../model/result.js';

/**
 * Line roles that do not depend on where the line sits: a labelled tag line,
 * a labelled link to another story, a short line made of template words.
 * The reader in extract-text.ts combines these with position.
 */

/** Tag and keyword lines may announce themselves: "Tags: a, b", "Topics: x". */
const TAG_LABEL = /^(?:tags?|topics?|keywords|filed under|themen|schlagworte|mots-clés|étiquettes|etiquetas|temas)\s*[:：]\s*/iu;
/** A link to another story introduced by a label: "Read more: …", "See also – …". */
const LINK_LABEL = /^(?:read more|read also|also read|read next|see also|related|more|watch|listen|lire aussi|à lire aussi|weiterlesen|lesen sie auch|leer más|lee también)\s*[:：\-–—]\s*/iu;

/** The tags of a tag line: a labelled list, or an unlabelled list of short comma-separated terms. */
export function tagLineItems(text: string, allowUnlabelled: boolean): string[] | null {
  const label = TAG_LABEL.exec(text);
  if (label !== null) {
    const items = text
      .slice(label[0].length)
      .split(/\s*[,;|·•]\s*/u)
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return items.length > 0 ? items : null;
  }
  if (!allowUnlabelled) return null;
  const items = commaListItems(text);
  // "Privacy, Terms, Cookies, Contact" is a footer's link list, not the page's tags.
  if (items === null || items.filter((item) => chromeKindOfWords(item) !== null).length * 2 >= items.length) return null;
  return items;
}

/** The headline of a labelled link line ("Read more: Headline here"), or null. */
export function labelledLinkTitle(text: string): string | null {
  const label = LINK_LABEL.exec(text);
  if (label === null) return null;
  const title = text.slice(label[0].length).trim();
  return isHeadlineShaped(lineShape(title), title) ? title : null;
}

/** Longest line still read as a template link or label ("Sign up for our newsletter"). */
const MAX_CHROME_WORDS = 6;

/**
 * The chrome kind of a short line made of template words, or null. Lines
 * closed by a full stop are sentences, and longer lines are content, even
 * when they contain a template word ("Shares fell on Monday after…").
 */
export function shortChromeKind(text: string, shape: LineShape): ChromeKind | null {
  if (shape.wordCount > MAX_CHROME_WORDS || shape.endsWithFullStop) return null;
  return chromeKindOfWords(text);
}

/** A line that could be a page's own headline. */
export function isTitleLine(text: string, shape: LineShape): boolean {
  return (
    isHeadlineShaped(shape, text) &&
    shape.wordCount <= 25 &&
    text.length >= 15 &&
    shortChromeKind(text, shape) === null &&
    commaListItems(text) === null &&
    !(TAG_LABEL.test(text) || LINK_LABEL.test(text))
  );
}

/** Fewest words of a headline that stands alone, outside a list of headlines. */
const MIN_LONE_HEADLINE_WORDS = 6;

/** A line that lists another story: headline-shaped, long enough to be a headline, not a template label. */
export function isRelatedHeadline(text: string, shape: LineShape, inHeadlineRun: boolean): boolean {
  if (!isHeadlineShaped(shape, text) || shape.wordCount < 4) return false;
  if (shortChromeKind(text, shape) !== null || commaListItems(text) !== null) return false;
  if (inHeadlineRun) return true;
  // A lone line is a headline only when it is capitalised like one and long enough not to be a footer
  // link ("The Example Post Group"); a lone sentence-case line is more often a credit or a note.
  return isTitleCase(shape) && shape.wordCount >= MIN_LONE_HEADLINE_WORDS;
}
