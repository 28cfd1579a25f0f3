import type { Element } from 'domhandler';
import type { ChromeItem, ChromeKind, PageType, RelatedLink } from '../../model/result.js';
import { assembleBody, collapseWhitespace, type BlockDraft } from '../blocks.js';
import { readHtmlMetadata } from '../metadata/index.js';
import { emptyMetadata, type ExtractOptions, type Extraction, type PageMetadata } from '../types.js';
import {
  attributeWords,
  boilerplateLineKind,
  chromeKindFromRole,
  chromeKindFromTag,
  chromeKindFromWords,
  forgetAttributeReadings,
  hasContentWords,
  isArticleMarker,
  isCaption,
  isHidden,
} from './chrome-patterns.js';
import { parseHtml } from './parse.js';
import { renderBlocks, subtreeText, type RenderedBlock } from './render-blocks.js';
import { BLOCK_TAGS, indexElements, ownCounts, resummarise, type ElementIndex } from './tree.js';

/**
 * Main-content extraction in one pass over a flat element index:
 *
 *  1. index the elements and sum text, link text and commas bottom-up;
 *  2. mark chrome subtrees (hidden, nav/aside/footer…, roles, class/id words
 *     such as share, related, comments, newsletter, cookie, ad), never cutting
 *     a subtree that holds most of the page's text or the page's main article;
 *  3. score containers the way Readability does (paragraph units credit their
 *     ancestors by length and commas; class/id words and article semantics
 *     weigh in; link density scales the score) and pick the main container,
 *     widening it to siblings that score alike;
 *  4. when that container is a small share of the page's main region and has
 *     close rivals (one post of a thread, one item of a listing), take the
 *     region instead: such pages are many items, not one article;
 *  5. render into blocks, pruning inside an article link-heavy boxes, photo
 *     captions and boilerplate lines (title repeated, byline, dateline, "read
 *     more", sections under "related stories" or "comments" headings);
 *  6. report what was cut (chrome), related links, tags and the page type.
 */

/** Chrome items kept for audit, and the characters kept of each. */
const MAX_CHROME_ITEMS = 200;
const MAX_CHROME_TEXT = 300;
const MAX_RELATED = 50;
const MAX_TAGS = 30;

/** A box named "caption" holding more than a long caption's text is a layout wrapper. */
const MAX_CAPTION_CHARS = 600;

/** A paragraph shorter than this earns its container nothing. */
const MIN_PARAGRAPH_CHARS = 25;

/** Elements that are a paragraph themselves; other blocks holding loose text are containers of it. */
const PARAGRAPH_TAGS: ReadonlySet<string> = new Set(['p', 'pre', 'li', 'dd', 'dt', 'blockquote', 'figcaption', 'caption', 'th', 'td', 'address', 'summary', 'legend']);

const CONTAINER_TAGS: ReadonlySet<string> = new Set(['div', 'section', 'ul', 'ol', 'dl', 'table', 'aside', 'figure', 'form', 'center', 'nav', 'details', 'menu']);

export function extractHtml(html: string, options: ExtractOptions = {}): Extraction {
  forgetAttributeReadings();
  const warnings: string[] = [];
  const { document, truncated } = parseHtml(html);
  if (truncated) warnings.push('the page was longer than the extractor reads; its end was ignored');
  let metadata: PageMetadata;
  try {
    metadata = readHtmlMetadata(document, options);
  } catch (error) {
    metadata = emptyMetadata();
    warnings.push(`metadata could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }

  const index = indexElements(document);
  const body = findBody(index);
  const result = (partial: Partial<Extraction> & Pick<Extraction, 'pageType' | 'pageTypeReason'>): Extraction => ({
    text: '',
    blocks: [],
    chrome: [],
    related: [],
    tags: [],
    metadata,
    warnings,
    ...partial,
  });
  if (body < 0 || index.textLength[body] === 0) {
    return result({ pageType: 'empty', pageTypeReason: 'the page has no visible text' });
  }

  const own = ownCounts(index);

  // 2. Chrome subtrees.
  const chrome = markChrome(index, body);
  resummarise(index, own.text, own.commas, chrome.excluded);

  // 3. The main container(s).
  const { roots, dominance } = chooseContent(index, body, chrome.excluded);

  // 4-5. Render, pruning inside an article.
  const dropped: Array<{ element: number; kind: ChromeKind }> = [];
  const skip = (i: number): boolean => {
    if (chrome.excluded[i] === 1) return true;
    // A caption made of a link or holding a heading names an item in a grid (a product, a story), not a photo.
    if (isCaption(index.elements[i]) && index.textLength[i] <= MAX_CAPTION_CHARS && linkDensity(index, i) < 0.5 && !containsHeading(index, i)) {
      dropped.push({ element: i, kind: 'credit' });
      return true;
    }
    const kind = pruneInside(index, i);
    if (kind !== null) {
      dropped.push({ element: i, kind });
      return true;
    }
    return false;
  };
  // When the best container holds a small part of the page's prose, the page is not one article but many items
  // (a forum thread, a listing, a shop): the whole main region, chrome cut, is the content.
  const region = mainRegion(index, body, chrome.excluded);
  const regionProse = index.textLength[region] - index.linkLength[region];
  let chosenProse = 0;
  for (const root of roots) chosenProse += index.textLength[root] - index.linkLength[root];
  // No paragraph anywhere (a page of links or short items): nothing to choose between, so the region is the content;
  // an intro paragraph above dozens of headline links heads a listing.
  // Under a third of it, the container is one item among many; under half, only when another container scores close
  // to it (one post of a thread) rather than far below (an article beside a column of teasers with summaries).
  const spread =
    roots.length === 0 ||
    (chosenProse < LISTING_MAX_PROSE && countHeadlineLinks(index, region, chrome.excluded) >= LISTING_MIN_HEADLINES) ||
    chosenProse < ITEM_SHARE * regionProse ||
    (chosenProse < SPREAD_SHARE * regionProse && dominance < RIVAL_DOMINANCE);
  let rendered: RenderedBlock[];
  if (spread) {
    // The smallest ancestor of the chosen container that holds most of the region's prose; items keep their links.
    let widened = roots.length === 0 ? region : roots.length > 1 ? index.parent[roots[0]] : roots[0];
    while (widened !== region && widened > body && index.textLength[widened] - index.linkLength[widened] < WIDEN_SHARE * regionProse) widened = index.parent[widened];
    if (!(widened >= region && widened < index.end[region])) widened = region;
    rendered = renderBlocks(index, [widened], (i) => chrome.excluded[i] === 1);
  } else {
    rendered = renderBlocks(index, roots, skip);
  }
  const titles = titleCandidates(index, metadata);
  const removedLines: ChromeItem[] = [];
  const kept = filterBlocks(rendered, titles, removedLines, !spread);
  const { text, blocks } = assembleBody(kept.map(toDraft));

  // 6. What was cut, related links, tags, page type.
  const chromeItems: ChromeItem[] = [];
  const addChrome = (kind: ChromeKind, raw: string): void => {
    if (chromeItems.length >= MAX_CHROME_ITEMS) return;
    const clean = collapseWhitespace(raw);
    if (clean === '') return;
    chromeItems.push({ kind, text: clean.length > MAX_CHROME_TEXT ? `${clean.slice(0, MAX_CHROME_TEXT - 1)}…` : clean });
  };
  for (const { element, kind } of chrome.cut) {
    if (index.textLength[element] > 0 && kind !== 'boilerplate') addChrome(kind, subtreeText(index, element, null));
  }
  for (const { element, kind } of dropped) addChrome(kind, subtreeText(index, element, null));
  for (const item of removedLines) addChrome(item.kind, item.text);

  const related = collectRelated(index, [...chrome.cut, ...dropped], options.url ?? null);
  const tags = collectTags(index, body, chrome.kindOf, chrome.excluded);
  const { pageType, reason } = classifyPage(index, body, text, kept, titles, chrome.excluded);
  return result({ text, blocks, chrome: chromeItems, related, tags, pageType, pageTypeReason: reason });
}

/** Below this share of the main region's prose, the chosen container may be one item among many, not the article. */
const SPREAD_SHARE = 0.5;
/** Below this share it is one item among many whatever its score. */
const ITEM_SHARE = 0.3;
/** A chosen container with less prose than this, in a region with this many headline links, is a listing's intro. */
const LISTING_MAX_PROSE = 1000;
const LISTING_MIN_HEADLINES = 25;
/** An article outscores every container outside it by at least this factor; items of a thread or listing do not. */
const RIVAL_DOMINANCE = 2;

/** The page's <main> (or role=main) when it holds a fair part of the text, else the body. */
/** Widening stops at the first ancestor holding this share of the region's prose. */
const WIDEN_SHARE = 0.75;

function mainRegion(index: ElementIndex, body: number, excluded: Uint8Array): number {
  let best = body;
  for (let i = body + 1; i < index.end[body]; i++) {
    if (excluded[i] === 1) continue;
    const element = index.elements[i];
    if (element.name !== 'main' && element.attribs.role !== 'main') continue;
    if (index.textLength[i] >= 0.3 * index.textLength[body] && (best === body || index.textLength[i] > index.textLength[best])) best = i;
  }
  return best;
}

function findBody(index: ElementIndex): number {
  for (let i = 0; i < index.elements.length; i++) if (index.elements[i].name === 'body') return i;
  // Fragments without <body>: the first top-level element with text, else the first element.
  for (let i = 0; i < index.elements.length; i++) if (index.parent[i] < 0 && index.textLength[i] > 0) return i;
  return index.elements.length > 0 ? 0 : -1;
}

interface ChromeMarks {
  /** 1 for every element inside a cut subtree. */
  excluded: Uint8Array;
  /** The top-level cut subtrees with their kind. */
  cut: Array<{ element: number; kind: ChromeKind }>;
  /** Kind of the nearest cut ancestor-or-self, for every excluded element. */
  kindOf: Array<ChromeKind | null>;
}

/** Kinds whose boxes are cut even when they hold much of the page's text: a long comment thread is still comments. */
const ALWAYS_CUT: ReadonlySet<ChromeKind> = new Set(['comments', 'cookie']);

/** A comments box is the content when the rest of the page has less prose than this share of it. */
const COMMENTS_PAGE_SHARE = 0.5;

/** Above this share of the page's prose, a hidden box is the text waiting for a script to show it, not chrome. */
const HIDDEN_TEXT_SHARE = 0.7;

function markChrome(index: ElementIndex, body: number): ChromeMarks {
  const n = index.elements.length;
  const excluded = new Uint8Array(n);
  const kindOf: Array<ChromeKind | null> = new Array(n).fill(null);
  const cut: Array<{ element: number; kind: ChromeKind }> = [];
  const mainArticle = largestArticleMarker(index, body);
  const pageProse = index.textLength[body] - index.linkLength[body];
  for (let i = body + 1; i < index.end[body]; i++) {
    const p = index.parent[i];
    if (p >= 0 && excluded[p] === 1) {
      excluded[i] = 1;
      kindOf[i] = kindOf[p];
      continue;
    }
    const element = index.elements[i];
    const prose = index.textLength[i] - index.linkLength[i];
    if (isHidden(element)) {
      if (prose <= HIDDEN_TEXT_SHARE * pageProse) {
        excluded[i] = 1;
        kindOf[i] = 'boilerplate';
        cut.push({ element: i, kind: 'boilerplate' });
      }
      continue;
    }
    const kind = chromeKind(element);
    if (kind === null) continue;
    if (!ALWAYS_CUT.has(kind)) {
      // Never cut the page's main article or a box holding most of the page's text (a layout wrapper with a misleading class).
      if (mainArticle >= 0 && i <= mainArticle && mainArticle < index.end[i]) continue;
      if (prose > 0.4 * pageProse && prose > 300) continue;
    } else if (kind === 'comments' && prose > 300 && pageProse - prose < COMMENTS_PAGE_SHARE * prose) {
      // A page that is little else than its "comments" is a forum thread or a Q&A: the posts are the content.
      continue;
    }
    excluded[i] = 1;
    kindOf[i] = kind;
    cut.push({ element: i, kind });
  }
  return { excluded, cut, kindOf };
}

function chromeKind(element: Element): ChromeKind | null {
  const byRole = chromeKindFromRole(element);
  if (byRole !== null) return byRole;
  const byTag = chromeKindFromTag(element);
  const byWords = isArticleMarker(element) ? null : chromeKindFromClass(element);
  // The class says more than the tag: <aside class="related-stories"> is a related box, not just an aside.
  if (byWords !== null && byWords !== 'boilerplate') return byWords;
  return byTag ?? byWords;
}

function chromeKindFromClass(element: Element): ChromeKind | null {
  const words = attributeWords(element);
  const byWords = chromeKindFromWords(words);
  if (byWords === null) return null;
  // "post-content has-sidebar": a content box that merely mentions a layout feature is not chrome.
  if (byWords === 'boilerplate' || byWords === 'header' || byWords === 'byline' || byWords === 'tags' || byWords === 'read-more') {
    if (hasContentWords(words)) return null;
  }
  return byWords;
}

/** The article/main/articleBody element holding the most text, or -1. */
function largestArticleMarker(index: ElementIndex, body: number): number {
  let best = -1;
  for (let i = body + 1; i < index.end[body]; i++) {
    if (isHidden(index.elements[i])) {
      i = index.end[i] - 1;
      continue;
    }
    if (!isArticleMarker(index.elements[i])) continue;
    if (index.textLength[i] - index.linkLength[i] < 200) continue;
    if (best < 0 || index.textLength[i] > index.textLength[best]) best = i;
  }
  return best;
}

function containsHeading(index: ElementIndex, i: number): boolean {
  for (let j = i + 1; j < index.end[i]; j++) if (/^h[1-6]$/.test(index.elements[j].name)) return true;
  return false;
}

function linkDensity(index: ElementIndex, i: number): number {
  return index.textLength[i] > 0 ? index.linkLength[i] / index.textLength[i] : 0;
}

const TAG_WEIGHT: Readonly<Record<string, number>> = {
  div: 5, article: 10, main: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

function initialScore(element: Element): number {
  let score = TAG_WEIGHT[element.name] ?? 0;
  const words = attributeWords(element);
  if (words !== '') {
    if (chromeKindFromWords(words) !== null) score -= 25;
    if (hasContentWords(words)) score += 25;
  }
  const itemprop = element.attribs.itemprop;
  if (itemprop !== undefined && /\barticleBody\b/i.test(itemprop)) score += 40;
  return score;
}

/**
 * Picks the element(s) holding the article: Readability's scoring of
 * containers by the paragraphs under them, then its two corrections (an
 * ancestor shared by several near-best candidates wins; a parent that scores
 * higher wins), then the siblings that score like the winner.
 */
interface ContentChoice {
  roots: number[];
  /** How far the chosen container outscores the best container outside it (Infinity when none competes). */
  dominance: number;
}

function chooseContent(index: ElementIndex, body: number, excluded: Uint8Array): ContentChoice {
  const n = index.elements.length;
  const earned = new Float64Array(n).fill(Number.NaN);
  const touched: number[] = [];
  const credit = (i: number, amount: number): void => {
    if (Number.isNaN(earned[i])) {
      earned[i] = 0;
      touched.push(i);
    }
    earned[i] += amount;
  };
  for (let i = body + 1; i < index.end[body]; i++) {
    if (excluded[i] === 1) {
      i = index.end[i] - 1;
      continue;
    }
    const element = index.elements[i];
    if (!BLOCK_TAGS.has(element.name)) continue;
    const length = index.inlineLength[i];
    if (length < MIN_PARAGRAPH_CHARS) continue;
    if (/^h[1-6]$/.test(element.name)) continue;
    const inlineLinks = index.inlineLinkLength[i] / length;
    const unit = (1 + index.inlineCommas[i] + Math.min(3, Math.floor(length / 100))) * (1 - inlineLinks);
    // Text loose in a container reads as a paragraph of that container (Readability wraps it in <p> first).
    let ancestor = PARAGRAPH_TAGS.has(element.name) ? index.parent[i] : i;
    for (let level = 0; level < 5 && ancestor >= body; level++) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      credit(ancestor, unit / divider);
      if (ancestor === body) break;
      ancestor = index.parent[ancestor];
    }
  }
  if (touched.length === 0) return { roots: [], dominance: 0 };
  // Markup can at most double what the paragraphs earned: a "content" class on a box holding one line must not beat the article.
  const score = new Float64Array(n).fill(Number.NaN);
  for (const i of touched) {
    const weight = initialScore(index.elements[i]);
    score[i] = earned[i] + Math.max(-earned[i], Math.min(weight, earned[i]));
  }

  const finalScore = (i: number): number => score[i] * (1 - linkDensity(index, i));
  touched.sort((a, b) => finalScore(b) - finalScore(a));
  let top = touched[0];
  const topScore = finalScore(top);
  // Paragraphs made only of links earn nothing: a page of links has no container to prefer.
  if (!(topScore >= 1)) return { roots: [], dominance: 0 };

  // Several near-best candidates under one ancestor: the article is split across them.
  const alternatives = touched.slice(1, 6).filter((i) => finalScore(i) >= 0.75 * topScore);
  if (alternatives.length >= 3) {
    for (let ancestor = index.parent[top]; ancestor > body; ancestor = index.parent[ancestor]) {
      const inside = alternatives.filter((a) => a >= ancestor && a < index.end[ancestor]).length;
      if (inside >= 3) {
        top = ancestor;
        break;
      }
    }
  }
  // A parent that scores higher than its child holds more of the article.
  let lastScore = Number.isNaN(score[top]) ? 0 : finalScore(top);
  for (let parent = index.parent[top]; parent > body; parent = index.parent[parent]) {
    if (Number.isNaN(score[parent])) continue;
    const parentScore = finalScore(parent);
    if (parentScore < lastScore / 3) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  // A lone child says nothing its parent does not.
  while (index.parent[top] > body && elementChildren(index, index.parent[top], excluded).length === 1) top = index.parent[top];

  // The best container that neither holds nor sits inside the chosen one: a rival article, post or item.
  let rival = 0;
  for (const i of touched) {
    if ((i >= top && i < index.end[top]) || (top >= i && top < index.end[i])) continue;
    rival = finalScore(i);
    break;
  }
  const dominance = rival > 0 ? topScore / rival : Number.POSITIVE_INFINITY;
  if (Number.isNaN(score[top])) return { roots: [top], dominance };
  const parent = index.parent[top];
  if (parent < 0 || top === body) return { roots: [top], dominance };
  const best = finalScore(top);
  const threshold = Math.max(10, best * 0.2);
  const topWords = attributeWords(index.elements[top]);
  const chosen: number[] = [];
  for (const sibling of elementChildren(index, parent, excluded)) {
    if (sibling === top) {
      chosen.push(sibling);
      continue;
    }
    let siblingScore = Number.isNaN(score[sibling]) ? Number.NEGATIVE_INFINITY : finalScore(sibling);
    if (topWords !== '' && attributeWords(index.elements[sibling]) === topWords) siblingScore += best * 0.2;
    if (siblingScore >= threshold) {
      chosen.push(sibling);
      continue;
    }
    const name = index.elements[sibling].name;
    // A box holding one paragraph of prose reads as a paragraph (Readability turns such divs into <p> first).
    if (name === 'p' || name === 'blockquote' || name === 'ul' || name === 'ol' || ((name === 'div' || name === 'section') && isParagraphBox(index, sibling))) {
      const length = index.textLength[sibling];
      const density = linkDensity(index, sibling);
      if ((length > 80 && density < 0.25) || (length > 0 && length <= 80 && density === 0 && index.commas[sibling] > 0)) chosen.push(sibling);
    }
  }
  return { roots: chosen, dominance };
}

/** A div whose text all sits in one paragraph unit (its own loose text or a single <p>). */
function isParagraphBox(index: ElementIndex, i: number): boolean {
  const text = index.textLength[i];
  if (text === 0) return false;
  if (index.inlineLength[i] >= 0.9 * text) return true;
  for (let j = i + 1; j < index.end[i]; j++) {
    const name = index.elements[j].name;
    if (name === 'p' && index.textLength[j] >= 0.9 * text) return true;
    if (name !== 'div' && name !== 'span' && BLOCK_TAGS.has(name)) return false;
  }
  return false;
}

function elementChildren(index: ElementIndex, parent: number, excluded: Uint8Array): number[] {
  const children: number[] = [];
  for (let i = parent + 1; i < index.end[parent]; i = index.end[i]) {
    if (excluded[i] === 0) children.push(i);
  }
  return children;
}

/**
 * Inside the chosen content, a box of mostly links (a related-stories list, a
 * topic menu) or a form is cut. The verdict names what it most likely is.
 */
function pruneInside(index: ElementIndex, i: number): ChromeKind | null {
  const element = index.elements[i];
  if (!CONTAINER_TAGS.has(element.name)) return null;
  const text = index.textLength[i];
  if (text === 0) return null;
  const links = index.linkLength[i];
  const density = links / text;
  const isList = element.name === 'ul' || element.name === 'ol' || element.name === 'dl';
  if (density > (isList ? 0.6 : 0.5) && text - links < 200) {
    return averageLinkText(index, i) >= 30 ? 'related' : 'navigation';
  }
  if (element.name === 'form' && text < 500) return 'boilerplate';
  return null;
}

function averageLinkText(index: ElementIndex, i: number): number {
  let count = 0;
  let total = 0;
  for (let j = i + 1; j < index.end[i]; j++) {
    if (index.elements[j].name === 'a' && index.textLength[j] > 0) {
      count++;
      total += index.textLength[j];
    }
  }
  return count > 0 ? total / count : 0;
}

function normaliseForCompare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Texts the page gives as its title, normalised for comparison: metadata title, og:title, <title> and the first h1. */
function titleCandidates(index: ElementIndex, metadata: PageMetadata): string[] {
  const titles = new Set<string>();
  if (metadata.title) titles.add(normaliseForCompare(metadata.title));
  let h1Seen = false;
  for (let i = 0; i < index.elements.length; i++) {
    const element = index.elements[i];
    if (element.name === 'h1' && !h1Seen) {
      h1Seen = true;
      titles.add(normaliseForCompare(subtreeText(index, i, null)));
    } else if (element.name === 'meta' && /^(og|twitter):title$/i.test(element.attribs.property ?? element.attribs.name ?? '')) {
      titles.add(normaliseForCompare(element.attribs.content ?? ''));
    }
  }
  titles.delete('');
  return [...titles];
}

function isTitleLike(text: string, titles: readonly string[]): boolean {
  const norm = normaliseForCompare(text);
  if (norm.length < 8) return false;
  // The <title> often adds " | Site name"; a heading equal to its start is the same title.
  return titles.some((title) => title === norm || (title.startsWith(norm) && norm.length >= 0.5 * title.length));
}

/** Headings that announce other stories, in the languages news is most often read in. */
const RELATED_HEADING =
  /^(related (stories|articles|posts|coverage|content|news|reading)|(you )?(may|might) (also )?(like|enjoy|be interested in)|you might also|more (stories|news|articles|from|on|like this)|recommended( for you| stories| reading)?|read (more|next|also)|also read|further reading|most (read|popular|viewed|shared)|trending( now| stories)?|popular (stories|posts|now)|top stories|latest (news|stories|posts)|what to read next|don'?t miss|leia (também|mais)|veja (também|mais)|você (pode|também pode) gostar|mais lidas|lesen sie (auch|mehr)|mehr zum thema|das könnte sie (auch )?interessieren|weitere artikel|à lire aussi|lire aussi|sur le même sujet|vous aimerez aussi|ver también|te puede interesar|noticias relacionadas|lo más leído|leggi anche|potrebbe interessarti|articoli correlati|lees ook|gerelateerde artikelen|czytaj (też|także)|читайте также)\W*$/i;

/** Headings that announce other items than the page's own, on any kind of page (shops included). */
const OTHER_ITEMS_HEADING =
  /^((people|customers|shoppers) who (viewed|bought|liked) .{0,30}also (viewed|bought|liked)|(customers|people) also (viewed|bought)|frequently bought together|similar (items|products)|related (products|items)|sponsored (items|products)|you (may|might) also (like|enjoy)|recommended for you)\W*$/i;

/** Headings that open the reader comments. */
const COMMENTS_HEADING = /^(join the (conversation|discussion)|comments?|\d+ comments?|comments? \(\d+\)|leave a (comment|reply)|post a comment|add a comment|reader comments|what do you think\??|kommentare|commentaires|comentários|comentarios|commenti)\W*$/i;

/** A line that states when the piece was published or updated, to be cut before the text starts. */
const PUBLISHED_LINE = /\b(published|updated|posted|last modified|veröffentlicht|aktualisiert|publié|mis à jour|publicado|atualizado|actualizado|pubblicato)\b/i;
const HAS_DATE = /\b(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d{1,2}:\d{2})/i;

/** Words that make up written dates in the languages news is most often read in. */
const DATE_WORDS = new Set(
  ('jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun am pm at on of the utc gmt est edt pst pdt cet cest ' +
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro segunda terça quarta quinta sexta feira sábado domingo de às ' +
    'enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes del a las ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche le à ' +
    'januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag um uhr ' +
    'gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre lunedì martedì mercoledì giovedì venerdì sabato il alle').split(' '),
);

/** A short line made only of a date and time (a year or a clock time, and nothing but date words around it). */
function isDateOnlyLine(text: string): boolean {
  if (!/\b(1[89]|20)\d{2}\b|\b\d{1,2}[:.h]\d{2}\b/.test(text)) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.length > 0 && words.every((word) => DATE_WORDS.has(word));
}

const BYLINE = /^(by|von|par|por|door|di|av|przez)\s+\p{Lu}[\p{L}.'’-]*(\s+[\p{L}.'’-]+){0,6}(\s*(,|and|&|und|et|y|e)\s*[\p{L}.'’ -]+){0,4}$/u;
const DATELINE =
  /^((published|updated|posted|last updated|modified|first published)\s*(on|at)?\s*:?\s*)?((mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(\d{1,2}\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?(\s+\d{4})?|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4})(,?\s*(at\s*)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[a-z]{2,4})?)?\W*$/i;

/**
 * Block-level cuts: boilerplate lines anywhere, and before the first real
 * paragraph the repeated title, the byline and the dateline.
 */
function filterBlocks(blocks: RenderedBlock[], titles: readonly string[], removed: ChromeItem[], oneArticle: boolean): RenderedBlock[] {
  const kept: RenderedBlock[] = [];
  let bodyStarted = false;
  // A heading (or short line) announcing related stories or comments: what follows is cut too, up to a heading as
  // high (after a heading) or up to the next paragraph of prose (after a line, which sets no level).
  let section: { kind: ChromeKind; level: number } | null = null;
  for (const block of blocks) {
    const text = block.text;
    const level = block.kind === 'heading' ? block.level ?? 2 : 7;
    if (section !== null) {
      const ends = block.kind === 'heading' ? level <= section.level : section.level === 7 && isProse(block);
      if (ends) section = null;
    }
    // On a page of items, "Latest news" heads the content itself; "Customers also viewed" never does.
    if (text.length <= 60 && (block.kind === 'heading' || block.kind === 'paragraph') && (oneArticle || OTHER_ITEMS_HEADING.test(text))) {
      // "Add a comment" under each answer of a Q&A page is a link, not the start of a comment section: only headings open one.
      const announced =
        RELATED_HEADING.test(text) || OTHER_ITEMS_HEADING.test(text) ? 'related' : oneArticle && block.kind === 'heading' && COMMENTS_HEADING.test(text) ? 'comments' : null;
      if (announced !== null) {
        section = { kind: announced, level };
        removed.push({ kind: announced, text });
        continue;
      }
    }
    if (section !== null) {
      removed.push({ kind: section.kind, text });
      continue;
    }
    if (!bodyStarted) {
      if ((block.kind === 'heading' || block.kind === 'paragraph') && isTitleLike(text, titles)) {
        removed.push({ kind: 'title', text });
        continue;
      }
      if (text.length < 120 && BYLINE.test(text)) {
        removed.push({ kind: 'byline', text });
        continue;
      }
      if ((text.length < 80 && (DATELINE.test(text) || isDateOnlyLine(text))) || (text.length < 120 && PUBLISHED_LINE.test(text) && HAS_DATE.test(text))) {
        removed.push({ kind: 'dateline', text });
        continue;
      }
    }
    const lineKind = boilerplateLineKind(text);
    if (lineKind !== null && !(lineKind === 'cookie' && bodyStarted && text.length > 120)) {
      removed.push({ kind: lineKind, text });
      continue;
    }
    if (block.kind === 'paragraph' && text.length >= 80) bodyStarted = true;
    kept.push(block);
  }
  return kept;
}

/** A paragraph of the article's own prose: long, and not a headline link. */
function isProse(block: RenderedBlock): boolean {
  return block.kind === 'paragraph' && block.text.length >= 150 && block.linkChars < 0.3 * block.text.length;
}

function toDraft(block: RenderedBlock): BlockDraft {
  const draft: BlockDraft = { kind: block.kind, text: block.text };
  if (block.level !== undefined) draft.level = block.level;
  return draft;
}

function resolveUrl(href: string, base: string | null): string | undefined {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(trimmed)) return undefined;
  try {
    return base ? new URL(trimmed, base).href : new URL(trimmed).href;
  } catch {
    return base ? undefined : trimmed;
  }
}

/** Headline links from the cut related-stories boxes. */
function collectRelated(index: ElementIndex, cut: ReadonlyArray<{ element: number; kind: ChromeKind }>, base: string | null): RelatedLink[] {
  const related: RelatedLink[] = [];
  const seen = new Set<string>();
  for (const { element, kind } of cut) {
    if (kind !== 'related') continue;
    for (let i = element; i < index.end[element] && related.length < MAX_RELATED; i++) {
      const anchor = index.elements[i];
      if (anchor.name !== 'a') continue;
      const title = collapseWhitespace(subtreeText(index, i, null));
      // A headline has several words; "More", "Next" or a section name is not one.
      if (title.length < 15 || title.split(' ').length < 3) continue;
      const url = anchor.attribs.href === undefined ? undefined : resolveUrl(anchor.attribs.href, base);
      const key = url ?? title;
      if (seen.has(key)) continue;
      seen.add(key);
      related.push(url === undefined ? { title } : { title, url });
    }
  }
  return related;
}

// "/topic/123-title" is a forum thread, not a tag: only plural topic folders count.
const TAG_HREF = /\/(tags?|topics|keywords?|schlagworte?|themen|etiquetas?|mots-cles)\/[^/?#]+\/?(?:[?#].*)?$/i;
const NOT_TAG_CONTAINERS: ReadonlySet<ChromeKind> = new Set(['navigation', 'header', 'footer', 'related', 'advert']);

/** Tag names from rel=tag links, links in tag boxes, and /tag/-style links outside menus. */
function collectTags(index: ElementIndex, body: number, kindOf: ReadonlyArray<ChromeKind | null>, excluded: Uint8Array): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (let i = body + 1; i < index.end[body] && tags.length < MAX_TAGS; i++) {
    const anchor = index.elements[i];
    if (anchor.name !== 'a') continue;
    const rel = anchor.attribs.rel ?? '';
    const inTagBox = kindOf[i] === 'tags';
    const tagHref = TAG_HREF.test(anchor.attribs.href ?? '');
    const ok = /\btag\b/i.test(rel) || inTagBox || (tagHref && !(excluded[i] === 1 && NOT_TAG_CONTAINERS.has(kindOf[i] ?? 'boilerplate')));
    if (!ok) continue;
    const name = collapseWhitespace(subtreeText(index, i, null)).replace(/^#/, '');
    if (name === '' || name.length > 60 || name.split(' ').length > 6 || /\b(1[89]|20)\d{2}\b/.test(name)) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(name);
  }
  return tags;
}

/** Links long enough to be headlines, outside cut chrome. */
function countHeadlineLinks(index: ElementIndex, root: number, excluded: Uint8Array): number {
  let count = 0;
  for (let i = root + 1; i < index.end[root]; i++) {
    if (excluded[i] === 1) {
      i = index.end[i] - 1;
      continue;
    }
    if (index.elements[i].name === 'a' && index.textLength[i] >= 25) count++;
  }
  return count;
}

const ERROR_TITLE = /\b(404|410|page not found|not found|file not found|no longer available|access denied|forbidden|error 50\d|internal server error|seite nicht gefunden|page introuvable|página no encontrada)\b/i;

function classifyPage(
  index: ElementIndex,
  body: number,
  text: string,
  blocks: readonly RenderedBlock[],
  titles: readonly string[],
  excluded: Uint8Array,
): { pageType: PageType; reason: string } {
  if (text.trim() === '') return { pageType: 'empty', reason: 'no main text was found on the page' };
  const textLength = text.length;
  if (textLength < 1500 && titles.some((title) => ERROR_TITLE.test(title))) {
    return { pageType: 'error-page', reason: 'the title announces an error and the page has little text' };
  }
  // Headline-like links outside menus: many of them and little prose make a listing.
  const teaserLinks = countHeadlineLinks(index, body, excluded);
  let prose = 0;
  let longParagraphs = 0;
  for (const block of blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'quote') continue;
    const own = block.text.length - block.linkChars;
    if (own >= 150) longParagraphs++;
    prose += own;
  }
  if (teaserLinks >= 10 && longParagraphs < 3 && prose < 1500) {
    return { pageType: 'listing', reason: `${teaserLinks} headline links and only ${longParagraphs} long paragraphs: a list of links to other pages` };
  }
  if (prose < 500) return { pageType: 'short', reason: `only ${prose} characters of prose in the main text` };
  return { pageType: 'article', reason: `${longParagraphs} paragraphs of prose in one main container` };
}
