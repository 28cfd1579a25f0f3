import type { AnyNode, Document, Element } from 'domhandler';
import { MAX_TREE_DEPTH } from '../html/parse.js';
import { decodeEntities } from './entities.js';

/*
 * One bounded, iterative pass over the page that gathers everything the metadata sources read:
 * meta tags, JSON-LD scripts, microdata properties, <time> elements, byline-like and date-like
 * elements, headings and the opening text of the body. Every list is capped so a page with
 * thousands of dates or megabytes of JSON-LD costs a bounded amount of work.
 */

export interface MetaTag {
  /** property, name, itemprop or http-equiv, lower-cased. */
  key: string;
  content: string;
}

export interface TimeElement {
  datetime: string | null;
  text: string;
  /** itemprop, class and id of the element and its parent, lower-cased, for the date's kind. */
  hints: string;
  pubdate: boolean;
  /** Inside an <article>, <main> or an element whose class says it is the post. */
  inArticle: boolean;
  /** Inside a header, footer, aside, nav or comment section: dates there rarely belong to the article. */
  inChrome: boolean;
  /** Visible characters before the element. */
  textOffset: number;
}

export interface ItempropValue {
  prop: string;
  value: string;
  /** Nested itemprop="name" text, for author/publisher objects written as elements. */
  name: string | null;
  /** The itemtype of the nearest item scope, lower-cased. */
  itemtype: string;
}

export interface HintedElement {
  /** class and id, lower-cased. */
  hints: string;
  text: string;
  tag: string;
  inChrome: boolean;
  /** Index of the element in document order among collected ones; lower is nearer the top. */
  order: number;
  /** Visible characters before the element, to measure its distance from the headline. */
  textOffset: number;
}

export interface AuthorLink {
  text: string;
  href: string | null;
}

export interface PageScan {
  htmlLang: string | null;
  /** href of <link rel="canonical">. */
  canonical: string | null;
  metas: MetaTag[];
  jsonLd: string[];
  title: string | null;
  h1: string[];
  /** <h1> elements inside a site header outside the article: usually the site's name or logo. */
  siteHeaderH1: string[];
  times: TimeElement[];
  itemprops: ItempropValue[];
  authorLinks: AuthorLink[];
  bylines: HintedElement[];
  dateElements: HintedElement[];
  /** Visible text from the first heading on (or from the body start), for datelines. */
  leadText: string;
  /** The last visible text before the first <h1>, where some pages put the dateline; empty without an <h1>. */
  preHeadlineText: string;
  /** Visible characters before the first <h1> (where leadText starts); null without one. */
  headlineOffset: number | null;
  /** True when a cap was reached or the tree was too deep: some of the page was not read. */
  truncated: boolean;
}

const CAPS = {
  metas: 600,
  jsonLdScripts: 40,
  jsonLdChars: 4_000_000,
  jsonLdScriptChars: 1_000_000,
  h1: 10,
  times: 200,
  itemprops: 300,
  authorLinks: 50,
  bylines: 60,
  dateElements: 120,
  leadChars: 4000,
  preHeadlineChars: 240,
  elementText: 300,
  textNodes: 400,
  nodes: 2_000_000,
};

const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'select', 'option', 'button', 'head']);
const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'form']);
const CHROME_HINT = /(?:^|[\s_-])(?:comment|comments|related|sidebar|footer|recommend|popular|trending|newsletter|widget|promo|more-stories|read-next)(?:$|[\s_-])/;
const ARTICLE_HINT = /(?:^|[\s_-])(?:post|article|entry|story)(?:$|[\s_-])/;
const SITE_HEADER_HINT = /site-header|masthead|branding|site-title|site-name|logo|navbar|top-bar|topbar/;
const BYLINE_HINT = /byline|author|writer|contributor|reporter|(?:^|[\s_-])by(?:$|[\s_-])|posted-by|postedby/;
const DATE_HINT = /date|time|publish|posted|(?:^|[\s_-])(?:meta|dateline|updated|entry-meta|post-meta|article-meta|submitted)(?:$|[\s_-])/;
const BYLINE_EXCLUDE = /avatar|image|photo|(?:^|[\s_-])(?:bio|img|pic)(?:$|[\s_-])|author-box|about-author|authorbox|author-info|author-description/;

interface OpenElement {
  children: AnyNode[];
  /** Index of the next child to read. */
  next: number;
  depth: number;
  inChrome: boolean;
  inArticle: boolean;
  inSiteHeader: boolean;
  itemtype: string;
  /** The element is a block: its end is a line break in the lead text. */
  closesBlock: boolean;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Text of an element with a line break where blocks meet and a space where inline elements
 * meet ("Luke Kim<span>December 17</span>" reads "Luke Kim December 17"), bounded like boundedText.
 */
export function lineText(root: AnyNode, maxChars = CAPS.elementText): string {
  const parts: string[] = [];
  let length = 0;
  let visited = 0;
  const stack: { node: AnyNode | null; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0 && length < maxChars && visited < CAPS.textNodes * 4) {
    const { node, depth } = stack.pop()!;
    visited++;
    if (node === null) {
      parts.push('\n');
      continue;
    }
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data.slice(0, maxChars - length + 100);
      parts.push(data, ' ');
      length += data.length;
      continue;
    }
    if (!isElement(node) || depth > MAX_TREE_DEPTH) continue;
    if (node !== root && SKIP_TEXT.has(node.name)) continue;
    const block = BLOCK_TAGS.has(node.name);
    if (block) {
      parts.push('\n');
      stack.push({ node: null, depth });
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
  }
  return collapseKeepingLines(parts.join('')).slice(0, maxChars);
}

/** Text of an element, whitespace-collapsed, bounded in characters and nodes; skips scripts and styles. */
export function boundedText(root: AnyNode, maxChars = CAPS.elementText): string {
  const parts: string[] = [];
  let length = 0;
  let visited = 0;
  const stack: { node: AnyNode; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0 && length < maxChars && visited < CAPS.textNodes * 4) {
    const { node, depth } = stack.pop()!;
    visited++;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data.slice(0, maxChars - length + 100);
      parts.push(data);
      length += data.length;
      continue;
    }
    if (!isElement(node) || depth > MAX_TREE_DEPTH) continue;
    if (node !== root && SKIP_TEXT.has(node.name)) continue;
    if (node.name === 'br' || node.name === 'p' || node.name === 'div' || node.name === 'li') parts.push(' ');
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
  }
  return collapse(parts.join('')).slice(0, maxChars);
}

/** Length of a text node once its whitespace runs are collapsed, without building the string. */
function visibleLength(text: string): number {
  let length = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isSpace = code === 32 || code === 10 || code === 9 || code === 13 || code === 160;
    if (isSpace) {
      if (!space) length++;
      space = true;
    } else {
      length++;
      space = false;
    }
  }
  return length;
}

/** Collapses spaces but keeps one line break where blocks met. */
function collapseKeepingLines(text: string): string {
  return text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer', 'aside',
  'nav', 'main', 'table', 'tr', 'td', 'th', 'dd', 'dt', 'dl', 'blockquote', 'figure', 'figcaption', 'address', 'pre', 'br', 'hr',
]);

export function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
}

function scriptText(element: Element): string {
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') text += (child as unknown as { data: string }).data;
  }
  return text;
}

function hintsOf(element: Element): string {
  const { class: className, id } = element.attribs;
  return `${className ?? ''} ${id ?? ''}`.toLowerCase();
}

/** What an element's class and id say about it; pages repeat the same few class strings thousands of times. */
interface HintReading {
  hints: string;
  chrome: boolean;
  article: boolean;
  siteHeader: boolean;
  byline: boolean;
  date: boolean;
}

/**
 * A word every one of the hint patterns above needs: most class strings ("css-1x2y3z", "col-md-6")
 * have none, and one scan for this settles all five patterns for them.
 */
const ANY_HINT_WORD =
  /comment|related|sidebar|footer|recommend|popular|trending|newsletter|widget|promo|more-stories|read-next|post|article|entry|story|site-|masthead|branding|logo|navbar|top-?bar|by|author|writer|contributor|reporter|date|time|publish|meta|submitted/;

function readHints(hints: string): HintReading {
  if (!ANY_HINT_WORD.test(hints)) return { hints, chrome: false, article: false, siteHeader: false, byline: false, date: false };
  return {
    hints,
    chrome: CHROME_HINT.test(hints),
    article: ARTICLE_HINT.test(hints),
    siteHeader: SITE_HEADER_HINT.test(hints),
    byline: BYLINE_HINT.test(hints) && !BYLINE_EXCLUDE.test(hints),
    date: DATE_HINT.test(hints),
  };
}

const NO_HINTS = readHints(' ');
/** Distinct class/id strings remembered per page; past this, readings are computed afresh. */
const MAX_REMEMBERED_HINTS = 20_000;

/** Reads class and id once per distinct spelling instead of once per element. */
function hintReader(): (element: Element) => HintReading {
  // Most elements carry a class and no id: their class string itself is the key, with no
  // concatenation to build and hash. Elements with an id are keyed apart, so keys never collide.
  const byClass = new Map<string, HintReading>();
  const byClassAndId = new Map<string, HintReading>();
  return (element) => {
    const { class: className, id } = element.attribs;
    if (className === undefined && id === undefined) return NO_HINTS;
    const remembered = id === undefined ? byClass : byClassAndId;
    const key = id === undefined ? (className as string) : `${className ?? ''} ${id}`;
    let reading = remembered.get(key);
    if (reading === undefined) {
      reading = readHints(`${className ?? ''} ${id ?? ''}`.toLowerCase());
      if (remembered.size < MAX_REMEMBERED_HINTS) remembered.set(key, reading);
    }
    return reading;
  };
}

/** The last `limit` characters of everything appended, joined only when the buffer has grown well past the limit. */
class TextTail {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  append(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length > this.limit * 4) {
      const kept = this.parts.join('').slice(-this.limit);
      this.parts = [kept];
      this.length = kept.length;
    }
  }

  toString(): string {
    return this.parts.join('').slice(-this.limit);
  }
}

function nestedItempropName(element: Element): string | null {
  const stack: { node: AnyNode; depth: number }[] = element.children.map((node) => ({ node, depth: 1 }));
  let visited = 0;
  while (stack.length > 0 && visited++ < 200) {
    const { node, depth } = stack.pop()!;
    if (!isElement(node) || depth > 12) continue;
    if ((node.attribs.itemprop ?? '').toLowerCase().split(/\s+/).includes('name')) {
      return collapse(node.attribs.content ?? boundedText(node, 120));
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return null;
}

export function scanPage(document: Document): PageScan {
  const scan: PageScan = {
    htmlLang: null, canonical: null, metas: [], jsonLd: [], title: null, h1: [], siteHeaderH1: [], times: [], itemprops: [],
    authorLinks: [], bylines: [], dateElements: [], leadText: '', preHeadlineText: '', headlineOffset: null, truncated: false,
  };
  let jsonLdChars = 0;
  let order = 0;
  const lead: string[] = [];
  let leadLength = 0;
  let leadStarted = false;
  const bodyTextBeforeH1: string[] = [];
  const preHeadline = new TextTail(CAPS.preHeadlineChars * 2);
  const hintsOfElement = hintReader();
  let bodyTextBeforeH1Length = 0;
  let visited = 1; // the document itself
  let textOffset = 0;

  // One open element per level, read child by child: no per-node frame, and each element's end is
  // met right after its last child, where a block's closing line break belongs.
  const stack: OpenElement[] = [
    { children: document.children, next: 0, depth: 0, inChrome: false, inArticle: false, inSiteHeader: false, itemtype: '', closesBlock: false },
  ];
  const takeText = (data: string): void => {
    if (leadStarted) {
      if (leadLength < CAPS.leadChars) {
        // A single text node can be megabytes long: keep only what the lead can hold.
        const piece = data.slice(0, CAPS.leadChars - leadLength + 200);
        lead.push(piece);
        leadLength += piece.length;
      }
    } else {
      if (bodyTextBeforeH1Length < CAPS.leadChars) {
        const piece = data.slice(0, CAPS.leadChars - bodyTextBeforeH1Length + 200);
        bodyTextBeforeH1.push(piece);
        bodyTextBeforeH1Length += piece.length;
      }
      // Keep only the last stretch before the headline: datelines often sit just above it.
      if (data.trim() || data === '\n') {
        preHeadline.append(' ');
        preHeadline.append(data.slice(-CAPS.preHeadlineChars * 2));
      }
    }
  };
  while (stack.length > 0) {
    const open = stack[stack.length - 1];
    if (open.next >= open.children.length) {
      stack.pop();
      if (open.closesBlock) {
        if (++visited > CAPS.nodes) {
          scan.truncated = true;
          break;
        }
        // Block boundaries become line breaks, so "By Jane Doe" does not run into the next block.
        takeText('\n');
      }
      continue;
    }
    const node = open.children[open.next++];
    if (++visited > CAPS.nodes) {
      scan.truncated = true;
      break;
    }
    const depth = open.depth + 1;
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      textOffset += visibleLength(data);
      takeText(data);
      continue;
    }
    if (!isElement(node)) continue;
    const block = BLOCK_TAGS.has(node.name);
    if (block) takeText('\n');
    if (depth > MAX_TREE_DEPTH) {
      scan.truncated = true;
      continue;
    }
    let inChrome = open.inChrome;
    let inArticle = open.inArticle;
    let itemtype = open.itemtype;
    let inSiteHeader = open.inSiteHeader;
    const name = node.name;
    const attribs = node.attribs;
    const reading = hintsOfElement(node);
    const hints = reading.hints;
    if (CHROME_TAGS.has(name) || reading.chrome) inChrome = true;
    if (name === 'article' || name === 'main' || reading.article) {
      inArticle = true;
      inSiteHeader = false;
    } else if (!inArticle && (attribs.role === 'banner' || reading.siteHeader)) {
      inSiteHeader = true;
    }
    if (attribs.itemtype) itemtype = attribs.itemtype.toLowerCase();

    if (name === 'html' && attribs.lang && !scan.htmlLang) scan.htmlLang = attribs.lang;
    if (name === 'meta') {
      const key = attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'];
      const content = attribs.content ?? attribs.value;
      if (key && content !== undefined && scan.metas.length < CAPS.metas) {
        scan.metas.push({ key: key.toLowerCase().trim(), content: collapse(decodeEntities(content)).slice(0, 2000) });
      }
    }
    if (name === 'script') {
      const type = (attribs.type ?? '').toLowerCase();
      if (type.includes('ld+json') && scan.jsonLd.length < CAPS.jsonLdScripts) {
        const text = scriptText(node);
        // An oversized block (a product feed, a full item list) is skipped whole: cut, it would not parse.
        if (text.length <= CAPS.jsonLdScriptChars && jsonLdChars + text.length <= CAPS.jsonLdChars) {
          jsonLdChars += text.length;
          scan.jsonLd.push(text);
        } else {
          scan.truncated = true;
        }
      }
      continue;
    }
    if (SKIP_TEXT.has(name) && name !== 'head') continue;
    if (name === 'title') {
      // <title> inside <svg> or a microdata scope is not the page title.
      if (scan.title === null && !open.itemtype) scan.title = collapse(boundedText(node, 600));
      continue;
    }
    if (name === 'link') {
      const rel = (attribs.rel ?? '').toLowerCase();
      if (/(?:^|\s)canonical(?:\s|$)/.test(rel) && attribs.href && !scan.canonical) scan.canonical = attribs.href.trim();
    }
    if (name === 'h1' && inSiteHeader && scan.siteHeaderH1.length < CAPS.h1) {
      const text = boundedText(node, 600);
      if (text) scan.siteHeaderH1.push(text);
    } else if (name === 'h1' && scan.h1.length < CAPS.h1) {
      const text = boundedText(node, 600);
      if (text) scan.h1.push(text);
      if (!leadStarted && text) {
        leadStarted = true;
        scan.headlineOffset = textOffset;
      }
    }
    if (name === 'time' && scan.times.length < CAPS.times) {
      const parentHints = node.parent && isElement(node.parent) ? hintsOf(node.parent) : '';
      scan.times.push({
        datetime: attribs.datetime ?? null,
        text: boundedText(node, 120),
        hints: `${(attribs.itemprop ?? '').toLowerCase()} ${hints} ${parentHints}`,
        pubdate: 'pubdate' in attribs,
        inArticle,
        inChrome,
        textOffset,
      });
    }
    if (attribs.itemprop && name !== 'meta' && scan.itemprops.length < CAPS.itemprops) {
      for (const prop of attribs.itemprop.toLowerCase().split(/\s+/)) {
        if (!/^(?:datepublished|datecreated|datemodified|uploaddate|author|creator|headline|name|publisher|inlanguage|keywords)$/.test(prop)) continue;
        const value = attribs.content ?? attribs.datetime ?? (prop === 'author' || prop === 'publisher' || prop === 'creator' ? '' : boundedText(node, 200));
        const nested = prop === 'author' || prop === 'publisher' || prop === 'creator' ? nestedItempropName(node) : null;
        scan.itemprops.push({ prop, value: collapse(value || (nested ? '' : boundedText(node, 200))), name: nested, itemtype });
      }
    }
    if ((name === 'a' || name === 'link') && /(?:^|\s)author(?:\s|$)/.test((attribs.rel ?? '').toLowerCase()) && scan.authorLinks.length < CAPS.authorLinks) {
      scan.authorLinks.push({ text: name === 'a' ? boundedText(node, 120) : '', href: attribs.href ?? null });
    }
    if (name !== 'html' && name !== 'body' && name !== 'head') {
      if (reading.byline && scan.bylines.length < CAPS.bylines) {
        const text = lineText(node, 200);
        if (text) scan.bylines.push({ hints, text, tag: name, inChrome, order: order++, textOffset });
      }
      if (reading.date && scan.dateElements.length < CAPS.dateElements) {
        const text = boundedText(node, 160);
        if (text && /\d/.test(text)) scan.dateElements.push({ hints, text, tag: name, inChrome, order: order++, textOffset });
      }
    }
    stack.push({ children: node.children, next: 0, depth, inChrome, inArticle, inSiteHeader, itemtype, closesBlock: block });
  }
  if (leadStarted) scan.preHeadlineText = collapseKeepingLines(preHeadline.toString()).slice(-CAPS.preHeadlineChars);
  scan.leadText = collapseKeepingLines((leadStarted ? lead : bodyTextBeforeH1).join(' ')).slice(0, CAPS.leadChars);
  return scan;
}
