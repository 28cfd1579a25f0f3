/**
 * Reads a page captured as plain text (a browser's "save as text", a copy of
 * the rendered page, a text dump) into the same result as an HTML page.
 *
 * A capture has no markup, so every decision is made from the shape of its
 * lines and their position:
 *
 *   1. Split into units: non-blank lines, with hard-wrapped paragraphs joined
 *      back; odd spaces become plain ones one for one, so offsets stay exact.
 *   2. Find the body: the run from the first to the last unit of running prose
 *      (sentences, not Title Case, of some length), widened by a standfirst
 *      directly above it, narrowed by boilerplate sentences at its edges.
 *   3. Above the body: datelines (read with the date parser), bylines, a title
 *      when the first line reads as one, and chrome.
 *   4. Inside the body: paragraphs, list items, headings; short template lines
 *      ("Advertisement") are cut as chrome.
 *   5. Below the body: a tag line (short comma-separated terms), the list of
 *      related headlines, and chrome. Glued links ("standardsDiscussion") are
 *      split into separate chrome items.
 *   6. Language from the body text; a page type with its reason.
 */
import { assembleBody, dedupeCaseless, type BlockDraft } from '../blocks.js';
import { guessLanguage } from '../metadata/language.js';
import { emptyPublished, emptyMetadata, type ExtractOptions, type Extraction, type PageMetadata } from '../types.js';
import type { ChromeItem, ChromeKind, CodedWarning, DateCandidate, PageType, RelatedLink } from '../../model/result.js';
import type { BlockKind } from '../../model/layers.js';
import { chromeKindOfWords, chromeWordHits } from './chrome-words.js';
import { readByline } from './byline.js';
import { readDateline, type Dateline } from './dateline.js';
import { readCaptureUnits, type CaptureUnit, type SourceSegment } from './lines.js';
import { isTitleLine, isRelatedHeadline, labelledLinkTitle, shortChromeKind, tagLineItems } from './roles.js';
import { commaListItems, isHeadlineShaped, isProse, isTitleCase, lineShape, splitGluedPhrases, type LineShape } from './shape.js';

export type { SourceSegment } from './lines.js';
export { sourceOffsetOf } from './lines.js';

/** The extraction plus where each body block came from in the capture. */
export interface TextCaptureReading {
  extraction: Extraction;
  /**
   * For each block, in order: the pieces of its text and their offsets in the
   * original capture (`textStart` is an offset in the body text). A block from
   * one line has one piece; a hard-wrapped paragraph has one per line.
   */
  blockSources: SourceSegment[][];
}

/** Captures longer than this are cut: no article is this long, and the reader's time must stay bounded. */
const MAX_CAPTURE_CHARS = 4_000_000;
/** Lines beyond this many are not read: a page of this many lines is a dump, not an article, and time must stay bounded. */
const MAX_CAPTURE_UNITS = 20_000;
/** Control characters and U+FFFD above this share mean the bytes were not text. */
const MAX_BINARY_SHARE = 0.1;
/** A body shorter than this is a brief, a stub or a fragment, not an article. */
const MIN_ARTICLE_WORDS = 50;
/** A standfirst above the body is a sentence-like line of at least this many words. */
const MIN_STANDFIRST_WORDS = 10;
/** Boilerplate sentences at the body's edges ("© 2024 …. All rights reserved.") are cut when no longer than this. */
const MAX_EDGE_BOILERPLATE_WORDS = 40;
/**
 * What a line that is not prose costs the body it would sit in, in words of
 * prose: a few such lines between paragraphs are subheadings and captions, a
 * long run of them is a menu or a list of other stories.
 */
const NON_PROSE_COST = 12;
/** Bulleted lines are an article's own lists more often than a menu's, which rarely carries markers in a capture. */
const LIST_ITEM_COST = 3;
/** Prose within this many lines below a dateline or byline gets ANCHOR_BONUS words of weight. */
const ANCHOR_REACH = 3;
const ANCHOR_BONUS = 30;
/** A repeated line this long is a repeat, not a coincidence ("Yes." may come twice). */
const MIN_REPEAT_WORDS = 4;
/** Longest line split into glued links. */
const MAX_GLUED_LINE_WORDS = 8;
/** The title is at most this many lines above the body (the byline, dates and share links between them). */
const MAX_TITLE_DISTANCE = 8;
/** A byline at most this many lines below the body still credits the article. */
const FOOTER_BYLINE_REACH = 2;
/** A subheading inside the body is short. */
const MAX_HEADING_WORDS = 15;
/**
 * A run of characters without a space this long is no word of any language
 * (German compounds and chemical names stay well below it); a capture whose
 * text is mostly such runs is a hash, an encoded blob or a glued dump.
 */
const MIN_UNBROKEN_RUN_CHARS = 100;

const EDGE_BOILERPLATE_KINDS: ReadonlySet<ChromeKind> = new Set(['footer', 'cookie', 'newsletter', 'comments', 'advert']);
const ERROR_PAGE = /(?<![\p{L}\p{N}])(404|page not found|not found|access denied|forbidden|service unavailable|error 50\d)(?![\p{L}\p{N}])/iu;
/** A caption: it ends with a photo credit in brackets, or with a "Photo: …" credit. */
const PHOTO_CREDIT = /\((?:[^()]*(?<![\p{L}])(?:photo|photograph|image|picture|credit|getty|file)(?![\p{L}])[^()]*)\)\s*$|(?<![\p{L}])(?:photo|image|picture|credit)s?\s*:\s*[^.:]{1,60}$/iu;
/** Press releases close with "About <Company>" and a boilerplate paragraph about the company. */
const ABOUT_SECTION = /^(?:About|ABOUT)\s+(?:the\s+)?[\p{Lu}\p{N}]/u;
const LIST_MARKER = /^(?:[-*•·▪◦‣–]|\d{1,3}[.)])\s+/u;

interface Unit extends CaptureUnit {
  shape: LineShape;
  prose: boolean;
  dateline: Dateline | null;
}

/** Reads a page captured as plain text into the article body, its chrome and its metadata. */
export function extractTextCapture(text: string, options: ExtractOptions = {}): Extraction {
  return readTextCapture(text, options).extraction;
}

/** Like extractTextCapture, and also says where each body block lies in the capture. */
export function readTextCapture(capture: string, options: ExtractOptions = {}): TextCaptureReading {
  const warnings: string[] = [];
  let text = typeof capture === 'string' ? capture : '';
  if (text.length > MAX_CAPTURE_CHARS) {
    warnings.push(`the capture has ${text.length} characters; only the first ${MAX_CAPTURE_CHARS} were read`);
    text = text.slice(0, MAX_CAPTURE_CHARS);
  }
  const metadata = emptyMetadata();
  const site = siteOf(options.url ?? null);
  if (site !== null) {
    metadata.site = site;
    metadata.provenance.site = 'url';
  }
  const binaryShare = nonTextShare(text);
  if (binaryShare > MAX_BINARY_SHARE) {
    return {
      extraction: nothingRead(metadata, warnings, 'non-text', `${Math.round(binaryShare * 100)}% of the characters are control or replacement characters`),
      blockSources: [],
    };
  }

  let captureUnits = readCaptureUnits(text);
  if (captureUnits.length > MAX_CAPTURE_UNITS) {
    warnings.push(`the capture has ${captureUnits.length} lines; only the first ${MAX_CAPTURE_UNITS} were read`);
    captureUnits = captureUnits.slice(0, MAX_CAPTURE_UNITS);
  }
  const units: Unit[] = captureUnits.map((unit) => {
    const shape = lineShape(unit.text);
    // Read once: the dateline of a line is asked for by several of the steps below.
    return { ...unit, shape, prose: isProse(shape, unit.text), dateline: readDateline(unit.text) };
  });
  if (units.length === 0) {
    return { extraction: nothingRead(metadata, warnings, 'empty', 'the capture has no text'), blockSources: [] };
  }

  const span = findBody(units);
  const chrome: ChromeItem[] = [];
  const related: RelatedLink[] = [];
  const tags: string[] = [];
  let authors: string[] = [];
  const candidates: DateCandidate[] = [];
  const drafts: { draft: BlockDraft; segments: SourceSegment[] }[] = [];
  let title: string | null = null;

  const cutAsChrome = (unit: Unit, fallback: ChromeKind): void => {
    // Glued links are short; a long line is kept whole even if it has a camel-case word in it.
    const pieces = unit.shape.wordCount <= MAX_GLUED_LINE_WORDS ? splitGluedPhrases(unit.text) : [unit.text];
    for (const piece of pieces) chrome.push({ text: piece, kind: chromeKindOfWords(piece) ?? fallback });
  };
  const readDatelineInto = (unit: Unit, replaces: boolean): boolean => {
    const dateline = unit.dateline;
    if (dateline === null) return false;
    if (dateline.published !== null && (replaces || metadata.published.stated === null)) {
      metadata.published = { ...dateline.published };
    }
    if (dateline.modified !== null && (replaces || metadata.modified === null)) metadata.modified = dateline.modified;
    candidates.push(...dateline.candidates);
    if (dateline.authors.length > 0) creditAuthors(dateline.authors, replaces);
    chrome.push({ text: dateline.datelineText, kind: 'dateline' });
    for (const phrase of dateline.trailing) chrome.push({ text: phrase, kind: chromeKindOfWords(phrase) ?? 'header' });
    return true;
  };
  // As with dates, the byline nearest the body above it is the article's; one below counts only when there is none above.
  const creditAuthors = (names: string[], replaces: boolean): void => {
    if (replaces) authors = [...names];
    else if (authors.length === 0) authors = [...names];
  };
  const readBylineInto = (unit: Unit, replaces: boolean, credits = true): boolean => {
    const names = readByline(unit.text);
    if (names === null) return false;
    if (credits) creditAuthors(names, replaces);
    chrome.push({ text: unit.text, kind: 'byline' });
    return true;
  };
  const readLinkInto = (unit: Unit): boolean => {
    const linkTitle = labelledLinkTitle(unit.text);
    if (linkTitle === null) return false;
    related.push({ title: linkTitle });
    chrome.push({ text: unit.text, kind: 'read-more' });
    return true;
  };

  // Above the body.
  const headerEnd = span === null ? units.length : span.start;
  const titleIndex = span === null ? -1 : findTitleAbove(units, headerEnd);
  for (let i = 0; i < headerEnd; i += 1) {
    const unit = units[i];
    // The dateline nearest the body is the article's; earlier ones date the page furniture (today's date, a ticker).
    if (readDatelineInto(unit, true)) continue;
    if (i === titleIndex) {
      title = unit.text;
      chrome.push({ text: unit.text, kind: 'title' });
      continue;
    }
    if (readBylineInto(unit, true) || readLinkInto(unit)) continue;
    const labelledTags = tagLineItems(unit.text, false);
    if (labelledTags !== null) {
      tags.push(...labelledTags);
      chrome.push({ text: unit.text, kind: 'tags' });
      continue;
    }
    if (span === null && isRelatedHeadline(unit.text, unit.shape, inHeadlineRun(units, i))) {
      // No body at all: a page of headlines is a listing, and its headlines are its links.
      related.push({ title: unit.text });
      chrome.push({ text: unit.text, kind: 'related' });
      continue;
    }
    cutAsChrome(unit, span === null ? 'boilerplate' : 'header');
  }

  // The body.
  if (span !== null) {
    // Only repeats within the body count: the header may preview the opening paragraphs the body then gives in full.
    const seen = new Set<string>();
    for (let i = span.start; i <= span.end; i += 1) {
      const unit = units[i];
      if (seen.has(unit.text) && unit.shape.wordCount >= MIN_REPEAT_WORDS) {
        // The same line again (a gallery caption, a pull quote, a title repeated in a widget): the first one is enough.
        chrome.push({ text: unit.text, kind: 'boilerplate' });
        continue;
      }
      seen.add(unit.text);
      if (PHOTO_CREDIT.test(unit.text)) {
        chrome.push({ text: unit.text, kind: 'credit' });
        continue;
      }
      if (!unit.prose) {
        const kind = shortChromeKind(unit.text, unit.shape);
        if (kind !== null) {
          if (!readLinkInto(unit)) chrome.push({ text: unit.text, kind });
          continue;
        }
        if (readLinkInto(unit)) continue;
      }
      drafts.push(bodyDraft(unit, i < span.end));
    }
  }

  // Below the body.
  if (span !== null) {
    for (let i = span.end + 1; i < units.length; i += 1) {
      const unit = units[i];
      const tagItems = tagLineItems(unit.text, true);
      if (tagItems !== null) {
        tags.push(...tagItems);
        chrome.push({ text: unit.text, kind: 'tags' });
        continue;
      }
      // A credit line right below the article ("By …" at its end) names its authors; bylines further down belong to teasers.
      if (readLinkInto(unit) || readBylineInto(unit, false, i - span.end <= FOOTER_BYLINE_REACH)) continue;
      if (metadata.published.stated === null && readDatelineInto(unit, false)) continue;
      if (isRelatedHeadline(unit.text, unit.shape, inHeadlineRun(units, i))) {
        related.push({ title: unit.text });
        chrome.push({ text: unit.text, kind: 'related' });
        continue;
      }
      cutAsChrome(unit, 'footer');
    }
  }

  const kept = drafts.filter((entry) => entry.draft.text.trim() !== '');
  const body = assembleBody(kept.map((entry) => entry.draft));
  const blockSources = body.blocks.map((block, index) =>
    kept[index].segments.map((segment) => ({ ...segment, textStart: segment.textStart + block.start })),
  );

  fillMetadata(metadata, { title, authors, candidates, bodyText: body.text, units });
  const bodyWords = countWords(body.text);
  const { pageType, reason } = judgePageType(body.blocks.length, bodyWords, related.length, title, units);
  const codedWarnings: CodedWarning[] = [];
  const unbroken = body.text === '' ? unbrokenText(text) : null;
  if (unbroken !== null) {
    const message =
      unbroken.runs === 1
        ? `no article text was kept: the capture's text is one unbroken run of ${unbroken.longest} characters without a space, which does not read as words`
        : `no article text was kept: the capture's text is ${unbroken.runs} unbroken runs of characters without a space (the longest ${unbroken.longest}), which do not read as words`;
    warnings.push(message);
    codedWarnings.push({ code: 'text_unbroken', message });
  }
  return {
    extraction: {
      text: body.text,
      blocks: body.blocks,
      chrome,
      related,
      tags: dedupeCaseless(tags),
      metadata,
      pageType,
      pageTypeReason: reason,
      warnings,
      ...(codedWarnings.length > 0 ? { codedWarnings } : {}),
    },
    blockSources,
  };
}

/**
 * The body's first and last unit: the run between the first and the last
 * unit of running prose, with a standfirst above it taken in and boilerplate
 * sentences at its edges left out. Without prose, the run of units that are
 * not headlines, labels or template words; null when there is none.
 */
function findBody(units: readonly Unit[]): { start: number; end: number } | null {
  const isBoilerplate = (unit: Unit): boolean => {
    const kind = chromeKindOfWords(unit.text);
    if (kind === null || !EDGE_BOILERPLATE_KINDS.has(kind)) return false;
    // A long paragraph that names a template word once is article text; a cookie notice names its subject again and again.
    return unit.shape.wordCount <= MAX_EDGE_BOILERPLATE_WORDS || chromeWordHits(unit.text) >= 3;
  };
  const densest = densestProseRun(units, (unit) => unit.prose && !isBoilerplate(unit));
  let start = densest?.start ?? -1;
  let end = densest?.end ?? -1;
  if (start === -1) {
    // Without prose, content is what is left once labels, links and headlines are set aside.
    const content = (unit: Unit, index: number): boolean =>
      (unit.shape.endsSentence || (unit.shape.wordCount >= 3 && !isTitleCase(unit.shape))) &&
      unit.dateline === null &&
      readByline(unit.text) === null &&
      shortChromeKind(unit.text, unit.shape) === null &&
      tagLineItems(unit.text, true) === null &&
      !(index === 0 && units.length > 1 && isTitleLine(unit.text, unit.shape)) &&
      !isRelatedHeadline(unit.text, unit.shape, inHeadlineRun(units, index));
    start = units.findIndex(content);
    end = findLastIndex(units, content);
    if (start === -1) return null;
    return { start, end };
  }
  // An "About <Company>" heading below the article starts the press release's boilerplate.
  for (let i = start + 1; i <= end; i += 1) {
    const unit = units[i];
    if (!unit.prose && unit.shape.wordCount <= 6 && ABOUT_SECTION.test(unit.text)) {
      end = findLastIndex(units.slice(0, i), (candidate) => candidate.prose);
      break;
    }
  }
  // A standfirst sits directly above the first paragraph; the first line stays free to be the title.
  while (start > 0) {
    const above = units[start - 1];
    const standfirst =
      above.shape.wordCount >= MIN_STANDFIRST_WORDS &&
      !isTitleCase(above.shape) &&
      above.dateline === null &&
      chromeKindOfWords(above.text) === null &&
      !(start - 1 === 0 && isTitleLine(above.text, above.shape));
    if (!standfirst) break;
    start -= 1;
  }
  return { start, end };
}

/**
 * The run of units where prose outweighs everything else most: each prose unit
 * counts its words, each other unit costs a fixed amount (the maximum-sum
 * segment, found in one pass). An article's subheadings, captions and list
 * items cost little between long paragraphs; a menu or a list of headlines
 * between the article and a stray paragraph further down costs more than that
 * paragraph brings, so the body stops before it. A dateline, a byline or the
 * heading of a comment section ends a run outright.
 */
function densestProseRun(units: readonly Unit[], counts: (unit: Unit) => boolean): { start: number; end: number } | null {
  let best: { start: number; end: number; score: number } | null = null;
  let runStart = 0;
  let runScore = 0;
  let sinceHeaderLine = Infinity;
  for (let i = 0; i < units.length; i += 1) {
    const unit = units[i];
    if (!unit.prose && (unit.dateline !== null || readByline(unit.text) !== null)) {
      // A dateline or byline opens an article: the one above ends there (a teaser list, the next post, a comment).
      sinceHeaderLine = 0;
      runScore = 0;
      continue;
    }
    if (!unit.prose && shortChromeKind(unit.text, unit.shape) === 'comments') {
      // The comments begin: readers' prose below is not the article.
      runScore = 0;
      continue;
    }
    let score = counts(unit) ? unit.shape.wordCount : LIST_MARKER.test(unit.text) ? -LIST_ITEM_COST : -NON_PROSE_COST;
    sinceHeaderLine += 1;
    if (counts(unit) && sinceHeaderLine <= ANCHOR_REACH) {
      // The article follows its byline or dateline: prose right below one is more likely the article than prose elsewhere.
      score += ANCHOR_BONUS;
      sinceHeaderLine = Infinity;
    }
    if (runScore <= 0) {
      runStart = i;
      runScore = 0;
    }
    runScore += score;
    if (counts(unit) && (best === null || runScore > best.score)) best = { start: runStart, end: i, score: runScore };
  }
  if (best === null) return null;
  // The run starts where the score last turned positive; its first unit that counts is where the body starts.
  let start = best.start;
  while (start < best.end && !counts(units[start])) start += 1;
  return { start, end: best.end };
}

/**
 * The page's own headline: the line just above the article's byline, dateline
 * and share links, when it reads as a headline. Lines further up are the
 * site's furniture, whose first headline-like line is as often a menu entry
 * or a teaser as the title. -1 when there is none.
 */
function findTitleAbove(units: readonly Unit[], headerEnd: number): number {
  let articleHeader = false;
  for (let i = headerEnd - 1; i >= 0 && headerEnd - i <= MAX_TITLE_DISTANCE; i -= 1) {
    const unit = units[i];
    if (unit.dateline !== null || readByline(unit.text) !== null) {
      articleHeader = true;
      continue;
    }
    if (isChromeLine(unit)) continue;
    // Without a byline or dateline between, a headline-like line above the body is as often a subheading or a
    // teaser as the title; only the capture's first line is then trusted.
    return isTitleLine(unit.text, unit.shape) && (articleHeader || i === 0) ? i : -1;
  }
  return -1;
}

/** A short line of template words, or links glued together that all are ("ShareTweetEmail"). */
function isChromeLine(unit: Unit): boolean {
  if (shortChromeKind(unit.text, unit.shape) !== null) return true;
  if (unit.shape.wordCount > MAX_GLUED_LINE_WORDS) return false;
  const pieces = splitGluedPhrases(unit.text);
  return pieces.length > 1 && pieces.every((piece) => chromeKindOfWords(piece) !== null);
}

/** A unit inside the body as a block draft, with list markers taken off and the source pieces kept in step. */
function bodyDraft(unit: Unit, hasNextInBody: boolean): { draft: BlockDraft; segments: SourceSegment[] } {
  let kind: BlockKind = 'paragraph';
  let skip = 0;
  const marker = LIST_MARKER.exec(unit.text);
  if (marker !== null && unit.text.length > marker[0].length) {
    kind = 'list-item';
    skip = marker[0].length;
  } else if (
    !unit.prose &&
    hasNextInBody &&
    unit.shape.wordCount <= MAX_HEADING_WORDS &&
    !unit.shape.endsSentence &&
    (unit.shape.startsCapitalised || unit.shape.caseless) &&
    !/[,;:]$/u.test(unit.text)
  ) {
    kind = 'heading';
  }
  const text = unit.text.slice(skip);
  const draft: BlockDraft = kind === 'heading' ? { kind, text, level: 2 } : { kind, text };
  return { draft, segments: shiftSegments(unit.segments, skip) };
}

/** Drops the first `skip` characters from a unit's source pieces. */
function shiftSegments(segments: readonly SourceSegment[], skip: number): SourceSegment[] {
  const out: SourceSegment[] = [];
  for (const segment of segments) {
    const cut = Math.max(0, Math.min(segment.length, skip - segment.textStart));
    if (cut >= segment.length && segment.length > 0) continue;
    out.push({ textStart: segment.textStart + cut - skip, sourceStart: segment.sourceStart + cut, length: segment.length - cut });
  }
  return out;
}

/** Two or more headline-shaped lines in a row: the shape of a list of links to other stories. */
function inHeadlineRun(units: readonly Unit[], index: number): boolean {
  const headline = (unit: Unit | undefined): boolean =>
    unit !== undefined &&
    !unit.prose &&
    isHeadlineShaped(unit.shape, unit.text) &&
    unit.shape.wordCount >= 4 &&
    commaListItems(unit.text) === null &&
    shortChromeKind(unit.text, unit.shape) === null;
  return headline(units[index]) && (headline(units[index - 1]) || headline(units[index + 1]));
}

function fillMetadata(
  metadata: PageMetadata,
  found: { title: string | null; authors: string[]; candidates: DateCandidate[]; bodyText: string; units: readonly Unit[] },
): void {
  if (found.title !== null) {
    metadata.title = found.title;
    metadata.provenance.title = 'text';
  }
  const authors = dedupeCaseless(found.authors);
  if (authors.length > 0) {
    metadata.authors = authors;
    metadata.provenance.authors = 'text';
  }
  if (found.candidates.length > 0) metadata.published = { ...metadata.published, candidates: found.candidates };
  // Short bodies say little about their language; the whole capture then speaks for it.
  const sample = found.bodyText.length >= 200 ? found.bodyText : found.units.map((unit) => unit.text).join('\n');
  const language = guessLanguage(sample);
  if (language !== null) {
    metadata.language = language;
    metadata.provenance.language = 'text';
  }
}

function judgePageType(
  blockCount: number,
  bodyWords: number,
  relatedCount: number,
  title: string | null,
  units: readonly Unit[],
): { pageType: PageType; reason: string } {
  if (blockCount === 0) {
    if (relatedCount >= 3) return { pageType: 'listing', reason: `${relatedCount} headline-like lines and no paragraph of prose` };
    return { pageType: 'short', reason: 'no line of the capture reads as article text' };
  }
  if (bodyWords < MIN_ARTICLE_WORDS) {
    const errorLine = [title ?? '', ...units.map((unit) => unit.text)].find((line) => line.length <= 120 && ERROR_PAGE.test(line));
    if (errorLine !== undefined) return { pageType: 'error-page', reason: `a short page that says "${errorLine}"` };
    return { pageType: 'short', reason: `the body has ${bodyWords} words, fewer than ${MIN_ARTICLE_WORDS}` };
  }
  return { pageType: 'article', reason: `${blockCount} body blocks of prose, ${bodyWords} words` };
}

function nothingRead(metadata: PageMetadata, warnings: string[], pageType: PageType, reason: string): Extraction {
  return {
    text: '',
    blocks: [],
    chrome: [],
    related: [],
    tags: [],
    metadata: { ...metadata, published: emptyPublished() },
    pageType,
    pageTypeReason: reason,
    warnings,
  };
}

/**
 * How much of the text is in runs without a space of MIN_UNBROKEN_RUN_CHARS
 * or more: their count and the longest, when they hold most of its
 * non-space characters; null otherwise.
 */
function unbrokenText(text: string): { runs: number; longest: number } | null {
  let total = 0;
  let inRuns = 0;
  let runs = 0;
  let longest = 0;
  for (const match of text.matchAll(/\S+/gu)) {
    const length = match[0].length;
    total += length;
    if (length < MIN_UNBROKEN_RUN_CHARS) continue;
    inRuns += length;
    runs += 1;
    longest = Math.max(longest, length);
  }
  return runs > 0 && inRuns * 2 > total ? { runs, longest } : null;
}

function nonTextShare(text: string): number {
  if (text.length === 0) return 0;
  const sample = text.length > 100_000 ? text.slice(0, 100_000) : text;
  const odd = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/gu)?.length ?? 0;
  return odd / sample.length;
}

function siteOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const host = new URL(url).hostname.replace(/^www\./u, '');
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T, index: number) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) {
    if (predicate(items[i], i)) return i;
  }
  return -1;
}
