import type { AnyNode, Element } from 'domhandler';
import type { BlockKind } from '../../model/layers.js';
import { collapseWhitespace } from '../blocks.js';
import { MAX_TREE_DEPTH } from './parse.js';
import { BLOCK_TAGS, NON_TEXT_TAGS, type ElementIndex } from './tree.js';

/** A block as rendered from markup, with what the filters need to judge it. */
export interface RenderedBlock {
  kind: BlockKind;
  text: string;
  level?: number;
  /** Characters of the block's text that sit inside links. */
  linkChars: number;
  /** Index of the element that opened the block. */
  element: number;
}

/** Decides, when the walk enters an element inside the content, whether to skip its subtree. */
export type SubtreeFilter = (elementIndex: number) => boolean;

const HEADING = /^h([1-6])$/;
const LIST_ITEM_TAGS: ReadonlySet<string> = new Set(['li', 'dd', 'dt']);

function isElementNode(node: AnyNode): node is Element {
  return node.type === 'tag';
}

function textOf(node: AnyNode): string {
  return (node as unknown as { data: string }).data;
}

/**
 * All text below an element, iteratively and skipping non-text elements and
 * subtrees the filter rejects. Used for table cells and preformatted text.
 */
export function subtreeText(index: ElementIndex, root: number, skip: SubtreeFilter | null, keepNewlines = false): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [index.elements[root]];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      parts.push(textOf(node));
      continue;
    }
    if (!isElementNode(node)) continue;
    const i = index.indexOf.get(node);
    if (i === undefined || NON_TEXT_TAGS.has(node.name)) continue;
    if (i !== root && skip !== null && skip(i)) continue;
    if (node.name === 'br') {
      parts.push(keepNewlines ? '\n' : ' ');
      continue;
    }
    if (index.depth[i] >= MAX_TREE_DEPTH) continue;
    if (!keepNewlines && BLOCK_TAGS.has(node.name)) parts.push(' ');
    const children = node.children;
    for (let c = children.length - 1; c >= 0; c--) stack.push(children[c]);
  }
  return parts.join('');
}

/** A table holds data (rendered row by row) unless it lays out the page: nested tables or long cells. */
function isDataTable(index: ElementIndex, table: number): boolean {
  const element = index.elements[table];
  const role = element.attribs.role;
  if (role === 'presentation' || role === 'none') return false;
  let rows = 0;
  for (let i = table + 1; i < index.end[table]; i++) {
    const name = index.elements[i].name;
    if (name === 'table') return false;
    if (name === 'tr') rows++;
    if ((name === 'td' || name === 'th') && index.textLength[i] > 400) return false;
    if (name === 'p' || name === 'ul' || name === 'ol' || name === 'blockquote') return false;
  }
  return rows > 0;
}

/**
 * Renders the subtrees of the given roots into blocks, in document order.
 * Block-level elements open and close blocks; inline content flows into the
 * current block; the kind comes from the nearest block ancestor (a paragraph
 * inside a list item or block quote takes the item's or quote's kind).
 */
export function renderBlocks(index: ElementIndex, roots: readonly number[], skip: SubtreeFilter): RenderedBlock[] {
  const out: RenderedBlock[] = [];
  let buffer: string[] = [];
  let bufferLinkChars = 0;
  let lastWasBreak = false;

  interface Context {
    kind: BlockKind;
    level?: number;
    element: number;
  }
  const contexts: Context[] = [];

  const flush = (): void => {
    if (buffer.length === 0) return;
    const text = collapseWhitespace(buffer.join(''));
    buffer = [];
    const linkChars = bufferLinkChars;
    bufferLinkChars = 0;
    if (text === '') return;
    const context = contexts[contexts.length - 1] ?? { kind: 'paragraph' as BlockKind, element: roots[0] };
    const block: RenderedBlock = { kind: context.kind, text, linkChars: Math.min(linkChars, text.length), element: context.element };
    if (context.level !== undefined) block.level = context.level;
    out.push(block);
  };

  const renderTable = (table: number): void => {
    for (let i = table + 1; i < index.end[table]; i++) {
      const element = index.elements[i];
      if (skip(i)) {
        i = index.end[i] - 1;
        continue;
      }
      if (element.name === 'caption') {
        const text = collapseWhitespace(subtreeText(index, i, skip));
        if (text) out.push({ kind: 'caption', text, linkChars: 0, element: i });
        i = index.end[i] - 1;
      } else if (element.name === 'tr') {
        const cells: string[] = [];
        let linkChars = 0;
        for (let c = i + 1; c < index.end[i]; c++) {
          const cell = index.elements[c];
          if (cell.name !== 'td' && cell.name !== 'th') continue;
          const text = collapseWhitespace(subtreeText(index, c, skip));
          linkChars += index.linkLength[c];
          if (text) cells.push(text);
          c = index.end[c] - 1;
        }
        const text = cells.join(' | ');
        if (text) out.push({ kind: 'table-row', text, linkChars, element: i });
        i = index.end[i] - 1;
      }
    }
  };

  const renderPre = (pre: number): void => {
    const raw = subtreeText(index, pre, skip, true);
    const linkShare = index.textLength[pre] > 0 ? index.linkLength[pre] / index.textLength[pre] : 0;
    for (const line of raw.split('\n')) {
      const text = collapseWhitespace(line);
      if (text) out.push({ kind: 'preformatted', text, linkChars: Math.round(text.length * linkShare), element: pre });
    }
  };

  // Walk frames: a node to enter, or a marker to leave an element.
  type Frame = { node: AnyNode; leave: false } | { leave: true; index: number; block: boolean; link: boolean };
  let linkDepth = 0;
  for (const root of roots) {
    const stack: Frame[] = [{ node: index.elements[root], leave: false }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      if (frame.leave) {
        if (frame.link) linkDepth--;
        if (frame.block) {
          flush();
          contexts.pop();
        }
        continue;
      }
      const node = frame.node;
      if (node.type === 'text') {
        const data = textOf(node);
        buffer.push(data);
        if (linkDepth > 0) bufferLinkChars += collapseWhitespace(data).length;
        if (lastWasBreak && data.trim() !== '') lastWasBreak = false;
        continue;
      }
      if (!isElementNode(node)) continue;
      const i = index.indexOf.get(node);
      if (i === undefined || NON_TEXT_TAGS.has(node.name)) continue;
      if (i !== root && skip(i)) continue;
      const name = node.name;
      if (name === 'br') {
        // Two line breaks in a row end a paragraph, as they read on screen.
        if (lastWasBreak) flush();
        else buffer.push(' ');
        lastWasBreak = true;
        continue;
      }
      if (index.depth[i] >= MAX_TREE_DEPTH) continue;
      const isBlock = BLOCK_TAGS.has(name);
      if (isBlock) {
        flush();
        lastWasBreak = false;
        if (name === 'table' && isDataTable(index, i)) {
          renderTable(i);
          continue;
        }
        if (name === 'pre') {
          renderPre(i);
          continue;
        }
        const parentContext = contexts[contexts.length - 1];
        const heading = HEADING.exec(name);
        let context: Context;
        if (heading) context = { kind: 'heading', level: Number(heading[1]), element: i };
        else if (LIST_ITEM_TAGS.has(name)) context = { kind: 'list-item', element: i };
        else if (name === 'blockquote') context = { kind: 'quote', element: i };
        else if (name === 'figcaption') context = { kind: 'caption', element: i };
        else if (parentContext && parentContext.kind !== 'paragraph' && parentContext.kind !== 'heading') context = { kind: parentContext.kind, element: i };
        else context = { kind: 'paragraph', element: i };
        contexts.push(context);
      }
      const isLink = name === 'a';
      if (isLink) linkDepth++;
      stack.push({ leave: true, index: i, block: isBlock, link: isLink });
      const children = node.children;
      for (let c = children.length - 1; c >= 0; c--) stack.push({ node: children[c], leave: false });
    }
    flush();
  }
  return out;
}
