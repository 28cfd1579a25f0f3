import type { Span } from '../model/span.js';

/**
 * A static index of spans for overlap and containment queries in about
 * log n time when spans rarely nest, as attribution spans do. Spans are
 * sorted by start; a running maximum of ends tells a backward scan when no
 * earlier span can reach the query any more.
 */
export class SpanIndex<T> {
  readonly #spans: { span: Span; value: T }[];
  readonly #maxEnd: number[];

  constructor(entries: Iterable<{ span: Span; value: T }>) {
    this.#spans = [...entries].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    this.#maxEnd = [];
    let max = -1;
    for (const e of this.#spans) {
      max = Math.max(max, e.span.end);
      this.#maxEnd.push(max);
    }
  }

  /** Values whose spans satisfy `test`, among those starting before `before` and ending after `after`. */
  #scan(before: number, after: number, test: (s: Span) => boolean, limit: number): T[] {
    let lo = 0;
    let hi = this.#spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#spans[mid] as { span: Span }).span.start < before) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let k = lo - 1; k >= 0 && (this.#maxEnd[k] as number) > after && out.length < limit; k--) {
      const e = this.#spans[k] as { span: Span; value: T };
      if (test(e.span)) out.push(e.value);
    }
    return out;
  }

  /** Values of spans sharing a character with `q`. */
  overlapping(q: Span, limit = Infinity): T[] {
    return this.#scan(q.end, q.start, (s) => s.start < q.end && q.start < s.end, limit);
  }

  /** Values of spans that contain `q`. */
  containing(q: Span, limit = Infinity): T[] {
    return this.#scan(q.start + 1, q.end - 1, (s) => s.start <= q.start && q.end <= s.end, limit);
  }
}
