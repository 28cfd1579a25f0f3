import type { SpanTriple, Fragment } from './eval/brat.js';
import { linkSegments, segmentsFromTags, type LinkedRelation, type RoleSegment } from './link.js';
import type { AttributionTagger } from './tagger.js';
import { tokenize, type TokenTable } from './tokenize.js';

/** Tags and links one text: the learned part of the stage, before nesting and kinds. */
export function findRelations(text: string, tagger: AttributionTagger): { tokens: TokenTable; relations: LinkedRelation[] } {
  const tokens = tokenize(text);
  const ctx = tagger.context(tokens);
  const tags = tagger.tag(tokens, ctx);
  const relations = linkSegments(tokens, segmentsFromTags(tokens, tags), tags);
  return { tokens, relations };
}

export function segmentFragment(tokens: TokenTable, seg: RoleSegment): Fragment {
  return { start: tokens.starts[seg.first] as number, end: tokens.ends[seg.end - 1] as number };
}

/** Relations as character spans, the shape the scorer compares. */
export function relationsToTriples(tokens: TokenTable, relations: readonly LinkedRelation[]): SpanTriple[] {
  return relations.map((r) => ({
    source: r.source ? [segmentFragment(tokens, r.source)] : null,
    cue: [segmentFragment(tokens, r.cue)],
    content: r.content.length > 0 ? r.content.map((c) => segmentFragment(tokens, c)) : null,
  }));
}
