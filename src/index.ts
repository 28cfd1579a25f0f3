export * from './model/index.js';
export type { Extraction, PageMetadata, ExtractOptions } from './extract/types.js';
export { extractHtml } from './extract/html/extract-html.js';
export { extractTextCapture, readTextCapture, type TextCaptureReading } from './extract/text/extract-text.js';
export { sourceOffsetOf, type SourceSegment } from './extract/text/lines.js';
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
  readWarc,
  writeWarcRecords,
  readUrlList,
  PoliteFetcher,
  type WarcPage,
  type WarcPageToWrite,
  type PoliteFetcherOptions,
} from './ingest/index.js';
// Corpora: the store, its questions, and the jobs that fill it (docs/corpus.md, docs/store.md).
export {
  openStore,
  openSqliteStore,
  canonicalUrl,
  minhashSignature,
  estimateJaccard,
  CorpusStoreError,
  type CorpusStoreErrorCode,
  type OpenStoreOptions,
} from './store/index.js';
export type * from './store/types.js';
export {
  ingestCorpus,
  IngestStoreError,
  reprocessCorpus,
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  type PageFetcher,
  type ReprocessOptions,
  type ReprocessProgress,
  type ReprocessSummary,
} from './store/ingest/index.js';
export {
  analyzeHtml,
  analyzeText,
  analyzeString,
  analyzePage,
  analyzeRawText,
  MAX_ANALYSED_TEXT_CHARS,
  type AnalyzeOptions,
  type AnalysisDepth,
  type Analysis,
} from './analyze.js';
// Stages usable on their own, each adding layers to a WhosaidDocument.
export { annotate, tokenize, splitSentences } from './nlp/index.js';
export type { Token, Sentence, NameMention, NameType } from './nlp/layers.js';
export { attribute, attributionsToJson, type AttributionJson, type AttributeReport } from './attribution/index.js';
export { analyzeTime, estimatePublication, findTimeExpressions, withTimeAnalysis, type TimeAnalysis } from './time/index.js';
export type { PublicationEstimateResult, TimeExpression } from './time/index.js';
export { parseDateString } from './extract/metadata/dates/parse-date.js';
export { resolveEntities, resolveSpeakers, entitiesToJson, type Entity, type EntityJson, type Speaker } from './attribution/entities/index.js';
export { WHOSAID_VERSION, EXTRACTOR } from './version.js';
