import type { WhosaidDocument } from '../model/document.js';
import type { Sentence, Token } from './layers.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokenize.js';

export type { NameMention, NameType, Sentence, Token } from './layers.js';
export { tokenize, tokenTexts } from './tokenize.js';
export { splitSentences } from './sentences.js';

/** What `annotate` adds. Every layer is on by default. */
export interface AnnotateOptions {
  /** Add part-of-speech tags and lemmas to the tokens (needs the shipped models). */
  tags?: boolean;
  /** Add the `names` layer (needs the shipped models). */
  names?: boolean;
}

/**
 * Adds the language layers to a document: `tokens`, `sentences`, and, with
 * the shipped models, part-of-speech tags and lemmas on the tokens and the
 * `names` layer. Layers that already exist are left as they are.
 */
export function annotate(doc: WhosaidDocument, _options: AnnotateOptions = {}): WhosaidDocument {
  const tokens: Token[] = doc.hasLayer('tokens') ? [...doc.layer('tokens')] : tokenize(doc.text);
  if (!doc.hasLayer('sentences')) {
    const sentences: Sentence[] = splitSentences(doc.text, tokens);
    doc.addLayer('sentences', sentences);
  }
  if (!doc.hasLayer('tokens')) doc.addLayer('tokens', tokens);
  return doc;
}
