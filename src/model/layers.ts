import type { Span } from './span.js';

/** The structural kinds of block an article body is made of. */
export type BlockKind =
  | 'paragraph'
  | 'heading'
  | 'list-item'
  | 'quote'
  | 'table-row'
  | 'preformatted'
  | 'caption';

/** One block of the article body: a paragraph, heading, list item, block quote or table row. */
export interface Block extends Span {
  kind: BlockKind;
  /** Heading level 1–6 for headings. */
  level?: number;
}

/**
 * The registry of layer names and the span type each holds.
 *
 * Each stage declares the layers it adds by merging into this interface from
 * its own folder, e.g.
 *
 * ```ts
 * declare module '../model/layers.js' {
 *   interface LayerMap { sentences: Sentence }
 * }
 * ```
 *
 * so that `doc.layer('sentences')` is typed wherever the stage is imported.
 */
export interface LayerMap {
  /** Added by extract: the body's paragraphs, headings, list items, quotes and table rows. */
  blocks: Block;
}

export type LayerName = keyof LayerMap;
