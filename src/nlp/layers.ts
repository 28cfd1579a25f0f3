import type { Span } from '../model/span.js';

/** A token with its part of speech (Penn Treebank tag set) and lemma. */
export interface Token extends Span {
  pos?: string;
  lemma?: string;
}

/** A sentence; tokens inside it are found with `doc.within('tokens', sentence)`. */
export interface Sentence extends Span {}

export type NameType = 'person' | 'organisation' | 'place' | 'misc';

/** A proper-name mention found by the name tagger. */
export interface NameMention extends Span {
  type: NameType;
}

declare module '../model/layers.js' {
  interface LayerMap {
    /** Added by nlp: word and punctuation tokens. */
    tokens: Token;
    /** Added by nlp: sentences. */
    sentences: Sentence;
    /** Added by nlp: names of people, organisations and places. */
    names: NameMention;
  }
}
