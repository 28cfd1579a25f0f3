import type { WhosaidDocument } from '../model/document.js';
import type { PublishedDate } from '../model/result.js';
import { dayOfDate, isoOfDay, valueInterval } from './calendar.js';
import { estimatePublication } from './estimate.js';
import type { MisdatedVerdict, PublicationEstimateResult } from './result.js';
import { findExpressionMatches, resolveExpressions } from './timex.js';
import type { TimeExpression } from './types.js';

export interface TimeAnalysisOptions {
  /** Days the stated date may lie outside the estimate before it is called misdated; default 180. */
  thresholdDays?: number;
  /** Confidence below which an estimate never calls a date misdated; default 0.3. */
  minConfidence?: number;
  /** "Now" for plausibility: dates after it are not past evidence. Defaults to the current time. */
  now?: Date;
}

export interface TimeAnalysis {
  timex: readonly TimeExpression[];
  estimated: PublicationEstimateResult;
  misdated: MisdatedVerdict;
}

export const DEFAULT_MISDATED_THRESHOLD_DAYS = 180;
const DEFAULT_MIN_CONFIDENCE = 0.3;

/**
 * The time stage: finds time expressions in the body, estimates when the text
 * was written, and checks the stated date against that estimate. Adds the
 * `timex` layer to the document, its relative expressions resolved against the
 * stated date, or against the estimate when the stated date is judged wrong.
 */
export function analyzeTime(doc: WhosaidDocument, published: PublishedDate | null, options: TimeAnalysisOptions = {}): TimeAnalysis {
  // Matching does not depend on the reference time: the text is read once, resolved twice.
  const found = findExpressionMatches(doc.text);
  const unresolved = resolveExpressions(found, null);
  const estimated = estimatePublication(doc.text, { expressions: unresolved, now: options.now });
  const misdated = judgeMisdating(published?.stated ?? null, estimated, options);
  let reference: Date | null = null;
  if (published?.stated && !misdated.misdated) reference = dateOf(published.stated);
  else if (!('unknown' in estimated)) reference = new Date(`${estimated.best}T12:00:00Z`);
  if (!doc.hasLayer('timex')) doc.addLayer('timex', reference === null ? unresolved : resolveExpressions(found, reference));
  return { timex: doc.layer('timex'), estimated, misdated };
}

/** Whether a stated date lies further outside the estimate than the threshold allows. */
export function judgeMisdating(stated: string | null, estimated: PublicationEstimateResult, options: TimeAnalysisOptions = {}): MisdatedVerdict {
  if (stated === null) return { misdated: false, reason: 'the page states no publication date', differenceDays: null };
  const statedDate = dateOf(stated);
  if (statedDate === null) return { misdated: false, reason: `the stated date "${stated}" is not a date`, differenceDays: null };
  if ('unknown' in estimated) return { misdated: false, reason: `nothing to check against: ${estimated.reason}`, differenceDays: null };
  const day = dayOfDate(statedDate);
  const earliest = valueInterval(estimated.earliest)![0];
  const latest = valueInterval(estimated.latest)![0];
  const difference = day < earliest ? earliest - day : day > latest ? day - latest : 0;
  const threshold = options.thresholdDays ?? DEFAULT_MISDATED_THRESHOLD_DAYS;
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const statedIso = isoOfDay(day);
  if (difference <= threshold) {
    return {
      misdated: false,
      reason: difference === 0
        ? `the stated date ${statedIso} lies within the text's estimate ${estimated.earliest} – ${estimated.latest}`
        : `the stated date ${statedIso} lies ${difference} days outside the estimate ${estimated.earliest} – ${estimated.latest}, within the ${threshold}-day allowance`,
      differenceDays: difference,
    };
  }
  if (estimated.confidence < minConfidence) {
    return {
      misdated: false,
      reason: `the stated date ${statedIso} lies ${difference} days outside the estimate, but the estimate is too weak (confidence ${estimated.confidence}) to call it wrong`,
      differenceDays: difference,
    };
  }
  const direction = day > latest ? 'after' : 'before';
  const lead = estimated.evidence[0];
  return {
    misdated: true,
    reason:
      `the stated date ${statedIso} is ${difference} days ${direction} the text's own evidence puts its writing ` +
      `(${estimated.earliest} – ${estimated.latest})` + (lead ? `: "${lead.text}" ${lead.why}` : ''),
    differenceDays: difference,
  };
}

function dateOf(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  // Years before 1000 are placeholders (0000-01-01), not publication dates.
  if (!m || Number(m[1]) < 1000) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3]) ? null : date;
}

/** The published date with the time stage's fields added, as the result JSON carries it. */
export function withTimeAnalysis(published: PublishedDate, analysis: TimeAnalysis): PublishedDate {
  return { ...published, estimated: analysis.estimated, misdated: analysis.misdated.misdated, misdatedReason: analysis.misdated.reason };
}
