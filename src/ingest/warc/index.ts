export { readWarc, isWarcPath, emptyWarcStats, WARC_FILE_PATTERN, type WarcPage, type WarcStats, type WarcReadOptions } from './reader.js';
export {
  writeWarcRecords,
  writeWarcFile,
  encodeWarcRecord,
  pageResponseRecord,
  type WarcPageToWrite,
  type WarcRecordToWrite,
  type WarcWriteOptions,
  type WarcWriteSummary,
} from './write.js';
