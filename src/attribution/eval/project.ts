import type { TokenTable } from '../tokenize.js';
import { normaliseFragments } from './score.js';
import type { SpanTriple } from './brat.js';

const ROLE_TAGS = { source: [1, 2], cue: [3, 4], content: [5, 6] } as const;

/**
 * Projects gold relations onto tokens as B/I tags (indices into TAGS). A
 * token is inside a fragment when it lies wholly within it. Content is laid
 * down first and source and cue over it, since a cue or source written
 * inside a quotation belongs to the relation, not to the quoted words.
 */
export function projectTags(text: string, tokens: TokenTable, triples: readonly SpanTriple[]): Uint8Array {
  const tags = new Uint8Array(tokens.count);
  for (const role of ['content', 'source', 'cue'] as const) {
    const [begin, inside] = ROLE_TAGS[role];
    for (const t of triples) {
      const raw = t[role];
      if (!raw) continue;
      for (const f of normaliseFragments(text, raw)) {
        let first = true;
        for (let i = lowerBound(tokens.starts, f.start); i < tokens.count && (tokens.starts[i] as number) < f.end; i++) {
          if ((tokens.ends[i] as number) > f.end) break;
          tags[i] = first ? begin : inside;
          first = false;
        }
      }
    }
  }
  return tags;
}

/** First index whose value is ≥ x in a sorted array. */
export function lowerBound(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
