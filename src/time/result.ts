/** JSON shapes the time stage adds to `published` in the analysis result. */

/** A span of the body that supports an estimate, and why. */
export interface TimeEvidence {
  /** Start offset in the body text (UTF-16 code units). */
  start: number;
  /** End offset in the body text, exclusive. */
  end: number;
  /** The words of the body at that place. */
  text: string;
  /** What the span says about the writing date, in words. */
  why: string;
}

/** When the text was most likely written: a range with a best guess, dates as `YYYY-MM-DD`. */
export interface PublicationEstimate {
  /** The earliest day the text can have been written, by its own evidence. */
  earliest: string;
  /** The latest day: the end of a pinned year, a date spoken of as future, or the day of the analysis. */
  latest: string;
  /** The most likely day inside the range. */
  best: string;
  /** 0–1: how far the evidence pins the writing date. */
  confidence: number;
  /** The spans the estimate rests on, strongest first. */
  evidence: TimeEvidence[];
}

/** The text gives no usable sign of when it was written. */
export interface UnknownPublicationEstimate {
  /** Always true: the text gives no estimate, and none is guessed. */
  unknown: true;
  /** Why, in words. */
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
