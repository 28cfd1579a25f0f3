import { Parser } from 'htmlparser2';
import { DomHandler, type Document } from 'domhandler';

/**
 * Parses HTML into a domhandler tree with htmlparser2: a forgiving,
 * streaming-grade tokenizer that never recurses, so pathological nesting
 * cannot overflow the stack while parsing. Code that walks the tree must
 * likewise be iterative or depth-bounded (see MAX_TREE_DEPTH).
 */
export const MAX_HTML_CHARS = 8_000_000;

/** Deeper than this, walkers treat a subtree as opaque; real pages stay far below it. */
export const MAX_TREE_DEPTH = 400;

export interface ParsedHtml {
  document: Document;
  /** True when the input was cut at MAX_HTML_CHARS. */
  truncated: boolean;
}

export function parseHtml(html: string): ParsedHtml {
  const truncated = html.length > MAX_HTML_CHARS;
  const source = truncated ? html.slice(0, MAX_HTML_CHARS) : html;
  const handler = new DomHandler(undefined, { withStartIndices: false, withEndIndices: false });
  const parser = new Parser(handler, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    recognizeSelfClosing: true,
  });
  parser.end(source);
  return { document: handler.root, truncated };
}
