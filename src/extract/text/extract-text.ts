import { emptyMetadata, type ExtractOptions, type Extraction } from '../types.js';

/** Reads a page captured as plain text into the article body, its chrome and its metadata. */
export function extractTextCapture(text: string, _options: ExtractOptions = {}): Extraction {
  void text;
  return {
    text: '',
    blocks: [],
    chrome: [],
    related: [],
    tags: [],
    metadata: emptyMetadata(),
    pageType: 'empty',
    pageTypeReason: 'text capture reading not implemented yet',
    warnings: [],
  };
}
