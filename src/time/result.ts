/** JSON shapes the time stage adds to `published` in the analysis result. */

/** A span of the body that supports an estimate, and why. */
export interface TimeEvidence {
  start: number;
  end: number;
  text: string;
  why: string;
}

/** When the text was most likely written: a range with a best guess, dates as `YYYY-MM-DD`. */
export interface PublicationEstimate {
  earliest: string;
  latest: string;
  best: string;
  /** 0–1: how far the evidence pins the writing date. */
  confidence: number;
  evidence: TimeEvidence[];
}

/** The text gives no usable sign of when it was written. */
export interface UnknownPublicationEstimate {
  unknown: true;
  reason: string;
}

export type PublicationEstimateResult = PublicationEstimate | UnknownPublicationEstimate;

/** Whether the stated date disagrees with the text's own evidence. */
export interface MisdatedVerdict {
  misdated: boolean;
  reason: string;
  /** Days between the stated date and the nearest end of the estimate; null when either is unknown. */
  differenceDays: number | null;
}
