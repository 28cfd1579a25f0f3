import type { Block, BlockKind } from '../model/layers.js';

/** A block's text before it is placed in the body. */
export interface BlockDraft {
  kind: BlockKind;
  text: string;
  level?: number;
}

/** Kinds whose consecutive blocks are separated by a single newline (a list stays a list, a table a table). */
const LINE_KINDS: ReadonlySet<BlockKind> = new Set(['list-item', 'table-row']);

/**
 * Joins block drafts into the body text and computes each block's offsets.
 * Paragraph-like blocks are separated by a blank line; consecutive list items
 * or table rows by a single newline. Empty drafts are skipped. Block text is
 * expected to be whitespace-normalised already (no newlines inside).
 */
export function assembleBody(drafts: readonly BlockDraft[]): { text: string; blocks: Block[] } {
  let text = '';
  const blocks: Block[] = [];
  let previous: BlockKind | null = null;
  for (const draft of drafts) {
    const content = draft.text.trim();
    if (content === '') continue;
    if (previous !== null) {
      text += previous === draft.kind && LINE_KINDS.has(draft.kind) ? '\n' : '\n\n';
    }
    const start = text.length;
    text += content;
    const block: Block = { start, end: text.length, kind: draft.kind };
    if (draft.level !== undefined) block.level = draft.level;
    blocks.push(block);
    previous = draft.kind;
  }
  return { text, blocks };
}

/** Unicode spaces that are not plain ASCII space, replaced one-for-one so offsets never move. */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** Replaces non-breaking and other odd spaces by U+0020, one code unit for one, keeping every offset. */
export function normalizeSpacesInPlace(text: string): string {
  return text.replace(ODD_SPACES, ' ');
}

/** Collapses runs of whitespace to one space and trims: for block text built from markup. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

/** Trims values and drops empty ones and case-insensitive repeats, keeping the first spelling seen. */
export function dedupeCaseless(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(value.trim());
  }
  return out;
}
