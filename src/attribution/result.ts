import type { WhosaidDocument } from '../model/document.js';
import type { Span, TextSpan } from '../model/span.js';
import { resolveSpeakers } from './entities/index.js';
import type { AttributionKind } from './layers.js';

/** A speaker resolved to an entity of the document. */
export interface AttributionSpeakerJson {
  /** The id of the resolved entity in the result's `entities` list (e.g. "e3"). */
  entity: string;
  /** The entity's canonical name: the fullest form the document uses ("John Kirby" for a source "Kirby" or "he"). */
  name: string;
  /** The speaker's role or title as the document gives it ("US State Department spokesman"), when it gives one. */
  role?: string;
}

/** The JSON shape of one attribution in an analysis result. Offsets index the result's `text` in UTF-16 units. */
export interface AttributionJson {
  /** Stable within one result: "a1", "a2", … in document order; `parent` refers to these. */
  id: string;
  /** Who, as the text names them (a pronoun stays "he"); null when the text names no source (an agentless passive, a headline). */
  source: TextSpan | null;
  /** The words that signal the report: "said", "according to", "quoted … as saying", "believes". */
  cue: TextSpan;
  /** The content's extent; `parts` lists its pieces when the cue or source interrupts it. */
  content: TextSpan & { parts?: Span[] };
  /** "direct": every part is a quotation; "indirect": a paraphrase without quotation marks; "mixed": a paraphrase with quoted words. */
  kind: AttributionKind;
  /** The source resolved to an entity of the document, or null when there is no source or it could not be resolved. */
  speaker: AttributionSpeakerJson | null;
  /** The id of the attribution this one is reported inside or through ("He quoted Peskov as saying …"), or null for an outermost one. */
  parent: string | null;
}

export interface AttributionJsonOptions {
  /** Resolve speakers to entities of the document (adds the `entities` layer if missing). Default true. */
  resolveSpeakers?: boolean;
}

/**
 * The `attributions` layer in the result's JSON shape. Attributions without
 * content (a cue the tagger found alone) are left out, since the shape
 * promises a content; a child whose parent was left out loses its parent.
 */
export function attributionsToJson(doc: WhosaidDocument, options: AttributionJsonOptions = {}): AttributionJson[] {
  const text = doc.text;
  const layer = doc.layer('attributions').filter((a) => a.content.length > 0);
  const kept = new Set(layer.map((a) => a.id));
  const speakers = options.resolveSpeakers === false ? layer.map(() => null) : resolveSpeakers(doc, layer);
  const at = (s: Span): TextSpan => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });
  return layer.map((a, i) => {
    const first = a.content[0] as Span;
    const last = a.content[a.content.length - 1] as Span;
    const content: TextSpan & { parts?: Span[] } = at({ start: first.start, end: last.end });
    if (a.content.length > 1) content.parts = a.content.map((p) => ({ start: p.start, end: p.end }));
    return {
      id: a.id,
      source: a.source ? at(a.source) : null,
      cue: at(a.cue),
      content,
      kind: a.kind,
      speaker: speakers[i] ?? null,
      parent: a.parent !== null && kept.has(a.parent) ? a.parent : null,
    };
  });
}
