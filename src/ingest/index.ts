export { InputError, type PageInput, type InputFormat } from './input.js';
export { MAX_INPUT_BYTES, MAX_DECODED_CHARS } from './limits.js';
export { decodePage, type DecodedPage } from './decode.js';
export { detectCharset, decodeWith, normalizeCharsetLabel, type CharsetDecision, type CharsetSource } from './charset.js';
export { sniffFormat } from './format.js';
export { binaryProblem } from './binary.js';
export { gunzipLimited, isGzip } from './gzip.js';
export { readFileInput, walkDirectory, PAGE_FILE_PATTERN } from './file.js';
export { readStreamInput } from './stdin.js';
export { fetchPage, isHttpUrl, type FetchPageOptions } from './http.js';
export { readManifest, parseManifestLine } from './manifest.js';
export { expandInputs, loadSource, sourceName, type InputSource, type ExpandOptions, type LoadOptions } from './sources.js';
export { readWarc, isWarcPath, emptyWarcStats, WARC_FILE_PATTERN, type WarcPage, type WarcStats, type WarcReadOptions } from './warc/index.js';
export { writeWarcRecords, writeWarcFile, encodeWarcRecord, pageResponseRecord, type WarcPageToWrite, type WarcRecordToWrite, type WarcWriteOptions } from './warc/index.js';
export {
  PoliteFetcher,
  httpGet,
  FetchFailure,
  parseRobots,
  isAllowedByRobots,
  refusedAddressReason,
  type PoliteFetcherOptions,
  type PoliteFetchOptions,
  type HttpGetOptions,
  type ResolveHost,
  type RobotsRules,
} from './fetch/index.js';
export type { WarcRecordRef } from './input.js';
export { readUrlList } from './url-list.js';
