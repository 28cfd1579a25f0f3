import type { Span } from '../../model/span.js';

/** What kind of thing can say something in a news article. */
export type EntityType = 'person' | 'organisation' | 'publication' | 'document' | 'group';

/** How a mention refers to its entity. */
export type MentionKind = 'name' | 'acronym' | 'description' | 'pronoun';

/** One place in the text that refers to an entity. */
export interface EntityMention extends Span {
  kind: MentionKind;
}

/**
 * An entity of the document: a person, organisation, publication, document or
 * group, with every mention that refers to it.
 *
 * As a layer span it covers its first mention, so the layer reads in the order
 * entities are introduced.
 */
export interface Entity extends Span {
  /** Stable within one document: "e1", "e2", … in order of first mention. */
  id: string;
  /** The canonical name: the longest full name (or description) used for it. */
  name: string;
  type: EntityType;
  /** The first role the text gives it ("New York Times columnist"). */
  role?: string;
  /** Every distinct role the text gives it, in order of appearance. */
  roles: string[];
  /** Grammatical gender when the text makes it clear (a first name, an honorific, pronouns resolved to it). */
  gender?: 'male' | 'female';
  /** Mentions in document order. */
  mentions: EntityMention[];
}

/** Who an attribution's source refers to. */
export interface Speaker {
  /** The entity's id in the `entities` layer. */
  entity: string;
  name: string;
  role?: string;
}

/** The JSON shape of one entity in an analysis result. */
export interface EntityJson {
  /** Identifier within this result ("e1", "e2", …), referred to by attributions' `speaker.entity`. */
  id: string;
  /** Canonical name: the fullest name the text gives (e.g. "Charles M. Blow" for a later "Blow"). */
  name: string;
  /** person, organisation, publication, document or group. */
  type: EntityType;
  /** The role the text gives, from an appositive or pre-modifier (e.g. "New York Times columnist"). */
  role?: string;
  /** Every mention (names, descriptions, pronouns) as offsets into `text`. */
  mentions: Span[];
}

declare module '../../model/layers.js' {
  interface LayerMap {
    /** Added by attribution/entities: the people, organisations, publications, documents and groups of the text. */
    entities: Entity;
  }
}
