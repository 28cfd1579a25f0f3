import type { WhosaidDocument } from '../../model/document.js';
import type { Span } from '../../model/span.js';
import { findCandidates } from './mentions.js';
import { resolveCandidates } from './resolve.js';
import { scanDocument } from './scan.js';
import type { Entity, EntityJson, EntityMention, Speaker } from './types.js';

export type { Entity, EntityJson, EntityMention, EntityType, MentionKind, Speaker } from './types.js';

export interface ResolveEntitiesOptions {
  /**
   * Source spans of attributions found already. Mentions inside them count as
   * speakers, the preferred antecedents of later pronouns.
   */
  sources?: readonly Span[];
}

/**
 * Adds the `entities` layer: the people, organisations, publications,
 * documents and groups of the text, each with its canonical name, type, roles
 * and every mention (names, acronyms, descriptions, pronouns).
 *
 * Uses the nlp `names` and `tokens` layers when present; otherwise it reads
 * names from capitalisation. Time and memory are linear in the text.
 */
export function resolveEntities(doc: WhosaidDocument, options: ResolveEntitiesOptions = {}): void {
  doc.addLayer('entities', computeEntities(doc, options));
}

/** The entities of a document without adding a layer (for callers that own the document's layers). */
export function computeEntities(doc: WhosaidDocument, options: ResolveEntitiesOptions = {}): Entity[] {
  if (doc.text.length === 0) return [];
  const scan = scanDocument(doc);
  const candidates = findCandidates(doc, scan);
  if (options.sources !== undefined && options.sources.length > 0) markSources(doc.text, candidates, options.sources);
  return resolveCandidates(scan.tokens, candidates).entities;
}

/**
 * Marks mentions inside attribution sources as speakers. A place counts only
 * when it ends the source ("Moscow said"), not when it modifies another word
 * ("US presidential elections"), since a speaking place becomes an organisation.
 */
function markSources(text: string, candidates: ReturnType<typeof findCandidates>, sources: readonly Span[]): void {
  const sorted = [...sources].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const candidate of candidates) {
    // Sources are short; only those starting within a bounded distance before the mention are looked at.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle].start <= candidate.start) low = middle + 1;
      else high = middle;
    }
    for (let k = low - 1; k >= 0 && low - k <= 8; k--) {
      const source = sorted[k];
      if (source.end < candidate.end) continue;
      const endsSource = text.slice(candidate.end, source.end).replace(/[\s,.;:'’"”)]+/g, '') === '';
      if (candidate.type === 'place' || candidate.type === 'other' ? endsSource : true) candidate.speakerCue = true;
    }
  }
}

/** An attribution as far as speaker resolution cares: its source span, if it has one. */
export interface HasSource {
  source?: Span | null;
}

/** Finds mentions quickly by offset. */
class MentionIndex {
  readonly #mentions: { mention: EntityMention; entity: Entity }[];

  constructor(entities: readonly Entity[]) {
    this.#mentions = entities
      .flatMap((entity) => entity.mentions.map((mention) => ({ mention, entity })))
      .sort((a, b) => a.mention.start - b.mention.start || b.mention.end - a.mention.end);
  }

  /** Mentions overlapping a span, in document order. Bounded by the mentions inside it plus one earlier span's worth. */
  overlapping(span: Span): { mention: EntityMention; entity: Entity }[] {
    const mentions = this.#mentions;
    let low = 0;
    let high = mentions.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (mentions[middle].mention.start < span.start) low = middle + 1;
      else high = middle;
    }
    const found: { mention: EntityMention; entity: Entity }[] = [];
    // Mentions starting a little before the span may still overlap it (a name whose possessive starts the source).
    for (let k = Math.max(0, low - 8); k < mentions.length && mentions[k].mention.start < span.end; k++) {
      if (mentions[k].mention.end > span.start) found.push(mentions[k]);
    }
    return found;
  }
}

/**
 * The entity an attribution's source refers to. Inside a source such as "US
 * State Department spokesman John Kirby" or "the authors of the report" the
 * speaker is the outermost mention, a person before an organisation named in
 * their role, and the longest mention otherwise.
 */
function speakerFor(index: MentionIndex, source: Span): Speaker | null {
  const overlapping = index.overlapping(source);
  if (overlapping.length === 0) return null;
  const inside = overlapping.filter(({ mention }) => mention.start >= source.start && mention.end <= source.end);
  const pool = inside.length > 0 ? inside : overlapping;
  const outermost = pool.filter(
    (a) => !pool.some((b) => b !== a && b.mention.start <= a.mention.start && b.mention.end >= a.mention.end && b.mention.end - b.mention.start > a.mention.end - a.mention.start),
  );
  const rank = (entry: { mention: EntityMention; entity: Entity }): number =>
    (entry.entity.type === 'person' ? 2_000_000 : 0) + (entry.mention.kind === 'name' ? 1_000_000 : 0) + (entry.mention.end - entry.mention.start);
  let best = outermost[0];
  for (const entry of outermost) if (rank(entry) > rank(best)) best = entry;
  const speaker: Speaker = { entity: best.entity.id, name: best.entity.name };
  if (best.entity.role !== undefined) speaker.role = best.entity.role;
  return speaker;
}

/**
 * Maps each attribution's source span to an entity of the `entities` layer
 * (resolving the layer first when it is missing). Returns one speaker, or null
 * for an attribution without a source or whose source names no entity, per
 * attribution in the order given.
 */
export function resolveSpeakers(doc: WhosaidDocument, attributions: readonly HasSource[]): (Speaker | null)[] {
  if (!doc.hasLayer('entities')) {
    const sources = attributions.flatMap((attribution) => (attribution.source ? [attribution.source] : []));
    resolveEntities(doc, { sources });
  }
  const index = new MentionIndex(doc.layer('entities'));
  return attributions.map((attribution) => (attribution.source ? speakerFor(index, attribution.source) : null));
}

/** The speaker of one source span, against an already resolved `entities` layer (or the entities given). */
export function resolveSpeaker(doc: WhosaidDocument, source: Span, entities: readonly Entity[] = doc.layer('entities')): Speaker | null {
  return speakerFor(new MentionIndex(entities), source);
}

/** The JSON form of the entities for an analysis result. */
export function entitiesToJson(entities: readonly Entity[]): EntityJson[] {
  return entities.map((entity) => {
    const mentions = entity.mentions.map((mention) => ({ start: mention.start, end: mention.end }));
    return entity.role !== undefined
      ? { id: entity.id, name: entity.name, type: entity.type, role: entity.role, mentions }
      : { id: entity.id, name: entity.name, type: entity.type, mentions };
  });
}
