export { DEFAULT_STOP_GRACE_MS, IngestStoreError, ingestCorpus, type IngestOptions, type IngestProgress, type IngestSummary, type PageFetcher } from './job.js';
export { reprocessCorpus, type ReprocessOptions, type ReprocessProgress, type ReprocessSummary } from './reprocess.js';
