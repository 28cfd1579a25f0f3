import type { AnyNode, Document, Element } from 'domhandler';
import { MAX_TREE_DEPTH } from './parse.js';

/**
 * A flat, pre-order index of a page's elements with text statistics computed
 * bottom-up once. Every later pass works on these arrays instead of walking the
 * tree and re-reading text, which keeps extraction linear in the page size and
 * immune to deep nesting (elements below MAX_TREE_DEPTH are not indexed and are
 * therefore invisible to every pass).
 */
export interface ElementIndex {
  elements: Element[];
  /** Index of the parent element, -1 for top-level elements. */
  parent: Int32Array;
  /** One past the last descendant: the subtree of i is [i, end[i]). */
  end: Int32Array;
  depth: Int32Array;
  indexOf: Map<Element, number>;
  /** Non-whitespace characters of text in the subtree. */
  textLength: Float64Array;
  /** Non-whitespace characters of text inside links in the subtree. */
  linkLength: Float64Array;
  /** Commas (and their CJK forms) in the subtree's text. */
  commas: Float64Array;
  /** Text reached without crossing a block-level element: the element's own "paragraph". */
  inlineLength: Float64Array;
  inlineLinkLength: Float64Array;
  inlineCommas: Float64Array;
}

/** Elements that start a new block of text; everything else flows inline. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr',
  'td', 'th', 'caption', 'ul', 'legend', 'option', 'select', 'textarea', 'iframe', 'video', 'audio', 'canvas', 'noscript',
]);

/**
 * Elements whose content is never page text. <noscript> is not among them:
 * some sites serve their whole text there for crawlers; it is cut as chrome
 * unless it holds the page's text.
 */
export const NON_TEXT_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'svg', 'math', 'head', 'title', 'meta', 'link', 'iframe', 'object', 'embed',
  'canvas', 'video', 'audio', 'select', 'option', 'textarea', 'button', 'input', 'map', 'source', 'track', 'picture',
]);

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** ASCII whitespace, NBSP and the zero-width/odd spaces: they do not count as text. */
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff;
}

/** A comma or its CJK and Arabic forms. */
function isCommaCode(c: number): boolean {
  return c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c;
}

/** Builds the element index of a document iteratively, then sums text statistics from the leaves up. */
export function indexElements(document: Document): ElementIndex {
  const elements: Element[] = [];
  const parents: number[] = [];
  const depths: number[] = [];
  const ownText: number[] = [];
  const ownCommas: number[] = [];
  const ends: number[] = [];
  // Three parallel stacks (node, parent element index, depth) instead of a tuple per node: this walk
  // visits every node of the page, and a tuple each is most of its garbage. Children are pushed in
  // reverse to keep document order.
  const stackNodes: AnyNode[] = [];
  const stackParents: number[] = [];
  const stackDepths: number[] = [];
  for (let c = document.children.length - 1; c >= 0; c--) {
    stackNodes.push(document.children[c]);
    stackParents.push(-1);
    stackDepths.push(0);
  }
  // Pending subtree ends: pre-order end of i is known when the walk leaves its subtree, i.e. when a node at depth <= depth[i] comes next.
  const open: number[] = [];
  while (stackNodes.length > 0) {
    const node = stackNodes.pop()!;
    const parent = stackParents.pop()!;
    const depth = stackDepths.pop()!;
    if (isElement(node)) {
      while (open.length > 0 && depths[open[open.length - 1]] >= depth) ends[open.pop()!] = elements.length;
      const index = elements.length;
      elements.push(node);
      parents.push(parent);
      depths.push(depth);
      ownText.push(0);
      ownCommas.push(0);
      ends.push(0);
      open.push(index);
      if (depth >= MAX_TREE_DEPTH || NON_TEXT_TAGS.has(node.name)) continue;
      const children = node.children;
      for (let c = children.length - 1; c >= 0; c--) {
        stackNodes.push(children[c]);
        stackParents.push(index);
        stackDepths.push(depth + 1);
      }
    } else if (node.type === 'text' && parent >= 0) {
      // One pass over the characters for both counts: this reads every character of the page's text.
      const data = (node as unknown as { data: string }).data;
      let nonSpace = 0;
      let commas = 0;
      for (let k = 0; k < data.length; k++) {
        const c = data.charCodeAt(k);
        if (isSpaceCode(c)) continue;
        nonSpace++;
        if (isCommaCode(c)) commas++;
      }
      ownText[parent] += nonSpace;
      ownCommas[parent] += commas;
    }
  }
  while (open.length > 0) ends[open.pop()!] = elements.length;

  const n = elements.length;
  const indexOf = new Map<Element, number>();
  for (let i = 0; i < n; i++) indexOf.set(elements[i], i);
  const index: ElementIndex = {
    elements,
    parent: Int32Array.from(parents),
    end: Int32Array.from(ends),
    depth: Int32Array.from(depths),
    indexOf,
    textLength: new Float64Array(n),
    linkLength: new Float64Array(n),
    commas: new Float64Array(n),
    inlineLength: new Float64Array(n),
    inlineLinkLength: new Float64Array(n),
    inlineCommas: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    index.textLength[i] = ownText[i];
    index.inlineLength[i] = ownText[i];
    index.commas[i] = ownCommas[i];
    index.inlineCommas[i] = ownCommas[i];
  }
  summarise(index, null);
  return index;
}

/**
 * Sums the statistics bottom-up. With `excluded`, subtrees flagged there
 * contribute nothing, so a container's link density ignores the share bar
 * already cut from it. Reverse pre-order visits every child before its parent.
 */
export function summarise(index: ElementIndex, excluded: Uint8Array | null): void {
  const { elements, parent, textLength, linkLength, commas, inlineLength, inlineLinkLength, inlineCommas } = index;
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i];
    if (element.name === 'a') {
      linkLength[i] = textLength[i];
      inlineLinkLength[i] = inlineLength[i];
    }
    const p = parent[i];
    // A cut subtree keeps its own totals (for the chrome report) but adds nothing above its root.
    if (p < 0 || (excluded !== null && excluded[i] === 1 && excluded[p] === 0)) continue;
    textLength[p] += textLength[i];
    linkLength[p] += linkLength[i];
    commas[p] += commas[i];
    if (!BLOCK_TAGS.has(element.name) && element.name !== 'br') {
      inlineLength[p] += inlineLength[i];
      inlineLinkLength[p] += inlineLinkLength[i];
      inlineCommas[p] += inlineCommas[i];
    }
  }
}

/** Copies own-text counts from a summarised index into fresh arrays so it can be summarised again with exclusions. */
export function resummarise(index: ElementIndex, ownText: Float64Array, ownCommas: Float64Array, excluded: Uint8Array): void {
  const n = index.elements.length;
  index.textLength.set(ownText);
  index.inlineLength.set(ownText);
  index.commas.set(ownCommas);
  index.inlineCommas.set(ownCommas);
  index.linkLength.fill(0, 0, n);
  index.inlineLinkLength.fill(0, 0, n);
  summarise(index, excluded);
}

/** Own (direct text node) counts per element, recovered from summarised totals: total minus children's totals. */
export function ownCounts(index: ElementIndex): { text: Float64Array; commas: Float64Array } {
  const n = index.elements.length;
  const text = Float64Array.from(index.textLength);
  const commas = Float64Array.from(index.commas);
  for (let i = 0; i < n; i++) {
    const p = index.parent[i];
    if (p >= 0) {
      text[p] -= index.textLength[i];
      commas[p] -= index.commas[i];
    }
  }
  return { text, commas };
}
