/**
 * Standoff spans: every annotation in whosaid is a pair of character offsets
 * into one shared, immutable text. Offsets count UTF-16 code units, as
 * JavaScript strings do, so `text.slice(span.start, span.end)` is always the
 * annotated string.
 */
export interface Span {
  /** Inclusive start offset (UTF-16 code units). */
  start: number;
  /** Exclusive end offset (UTF-16 code units). */
  end: number;
}

/** A span together with the text it covers, as it appears in results. */
export interface TextSpan extends Span {
  /** The covered text: `text.slice(start, end)`. */
  text: string;
}

export function spanLength(span: Span): number {
  return span.end - span.start;
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function spanContains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sorts by start, then longer spans first, so containers precede their contents. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

/** Checks that a span lies inside a text of the given length and is not inverted. */
export function isValidSpan(span: Span, textLength: number): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= textLength
  );
}

export function withText(text: string, span: Span): TextSpan {
  return { start: span.start, end: span.end, text: text.slice(span.start, span.end) };
}
