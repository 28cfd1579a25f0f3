export * from './model/index.js';
export type { Extraction, PageMetadata, ExtractOptions } from './extract/types.js';
export { extractHtml } from './extract/html/extract-html.js';
export { extractTextCapture } from './extract/text/extract-text.js';
export { InputError, type PageInput, type InputFormat } from './ingest/input.js';
export {
  decodePage,
  readFileInput,
  readStreamInput,
  fetchPage,
  walkDirectory,
  readManifest,
  expandInputs,
  loadSource,
  MAX_INPUT_BYTES,
  MAX_DECODED_CHARS,
  type DecodedPage,
  type FetchPageOptions,
  type InputSource,
} from './ingest/index.js';
export { analyzeHtml, analyzeText, analyzeString, analyzePage, type AnalyzeOptions, type Analysis } from './analyze.js';
export { WHOSAID_VERSION, EXTRACTOR } from './version.js';
