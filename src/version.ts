import type { ExtractorInfo } from './model/result.js';

/** Bumped whenever a change alters what whosaid extracts, so stored results can be reprocessed. */
export const WHOSAID_VERSION = '0.1.0';

export const EXTRACTOR: ExtractorInfo = Object.freeze({ name: 'whosaid', version: WHOSAID_VERSION });
