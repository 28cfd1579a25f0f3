import type { Span } from '../model/span.js';

/** How the content is reported: verbatim in quotation marks, paraphrased, or partly each. */
export type AttributionKind = 'direct' | 'indirect' | 'mixed';

/**
 * One attribution: who (source) said or thought what (content), signalled by
 * a cue. As a layer span it covers everything from the first to the last of
 * its parts, so the layer reads in document order.
 */
export interface Attribution extends Span {
  /** Stable within one document: "a1", "a2", … in document order. */
  id: string;
  /** Who, as the text names them; null when the text gives no source (an agentless passive, a headline). */
  source: Span | null;
  cue: Span;
  /** What was said, in one part or several when the cue sits inside it. Empty when no content was found. */
  content: Span[];
  kind: AttributionKind;
  /** The attribution this one is reported inside (its content, or through its speaker), or null. */
  parent: string | null;
}

declare module '../model/layers.js' {
  interface LayerMap {
    /** Added by attribution: who said what, with nesting. */
    attributions: Attribution;
  }
}
