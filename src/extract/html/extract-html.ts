import { emptyMetadata, type ExtractOptions, type Extraction } from '../types.js';

/** Reads an HTML page into the article body, its chrome and its metadata. */
export function extractHtml(html: string, _options: ExtractOptions = {}): Extraction {
  void html;
  return {
    text: '',
    blocks: [],
    chrome: [],
    related: [],
    tags: [],
    metadata: emptyMetadata(),
    pageType: 'empty',
    pageTypeReason: 'extraction not implemented yet',
    warnings: [],
  };
}
