export { analyzeTime, judgeMisdating, withTimeAnalysis, DEFAULT_MISDATED_THRESHOLD_DAYS } from './analyze-time.js';
export type { TimeAnalysis, TimeAnalysisOptions } from './analyze-time.js';
export { estimatePublication } from './estimate.js';
export type { EstimateOptions } from './estimate.js';
export { findTimeExpressions, addTimexLayer } from './timex.js';
export { EXPRESSION_PARSERS } from './expressions/index.js';
export type { TimeExpression, TimeExpressionKind, TimeGranularity, TimexOptions, RelativeShift } from './types.js';
export type { PublicationEstimate, UnknownPublicationEstimate, PublicationEstimateResult, MisdatedVerdict, TimeEvidence } from './result.js';
