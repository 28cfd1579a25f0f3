import type { WhosaidDocument } from '../model/document.js';
import type { Span } from '../model/span.js';
import { buildContext } from './features.js';
import type { NameMention, Sentence, Token } from './layers.js';
import { loadLemmatizer, loadNameTagger, loadPosTagger } from './models.js';
import { splitSentences } from './sentences.js';
import { tokenize } from './tokenize.js';

export type { NameMention, NameType, Sentence, Token } from './layers.js';
export { tokenize, tokenTexts } from './tokenize.js';
export { splitSentences } from './sentences.js';
export { loadLemmatizer, loadNameTagger, loadPosTagger, modelsDirectory, ModelLoadError } from './models.js';
export type { PosTagger } from './pos-tagger.js';
export type { NameTagger } from './name-tagger.js';
export type { Lemmatizer } from './lemmatizer.js';

/** What `annotate` adds beyond tokens and sentences. Both are on by default. */
export interface AnnotateOptions {
  /** Part-of-speech tags and lemmas on the tokens (uses the shipped models). */
  tags?: boolean;
  /** The `names` layer; needs tags, so it is skipped when `tags` is false. */
  names?: boolean;
}

/** Tokens with tags and lemmas, and the names found, for one text. */
export interface LanguageLayers {
  tokens: Token[];
  sentences: Sentence[];
  names: NameMention[];
}

/**
 * Runs the whole language layer over a text: tokens, sentences and, unless
 * switched off, part-of-speech tags, lemmas and names.
 */
export function analyzeText(text: string, options: AnnotateOptions = {}): LanguageLayers {
  const tokens = tokenize(text);
  const sentences = splitSentences(text, tokens);
  return tagSentences(text, tokens, sentences, options);
}

/** Tags already tokenized and split text. Returns new token objects; the inputs are not changed. */
export function tagSentences(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  options: AnnotateOptions = {},
): LanguageLayers {
  const withTags = options.tags !== false;
  const withNames = withTags && options.names !== false;
  const out: Token[] = tokens.map((t) => ({ start: t.start, end: t.end }));
  const names: NameMention[] = [];
  if (!withTags) return { tokens: out, sentences: [...sentences], names };

  const tagger = loadPosTagger();
  const lemmatizer = loadLemmatizer();
  const nameTagger = withNames ? loadNameTagger() : null;
  let first = 0;
  for (const sentence of sentences) {
    while (first < out.length && out[first]!.start < sentence.start) first++;
    let last = first;
    while (last < out.length && out[last]!.end <= sentence.end) last++;
    if (last === first) continue;
    const words: string[] = [];
    for (let k = first; k < last; k++) words.push(text.slice(out[k]!.start, out[k]!.end));
    const ctx = buildContext(words);
    const tags = tagger.tagContext(ctx);
    for (let k = first; k < last; k++) {
      const tag = tags[k - first]!;
      out[k]!.pos = tag;
      out[k]!.lemma = lemmatizer.lemma(words[k - first]!, tag);
    }
    if (nameTagger !== null) {
      for (const m of nameTagger.mentions(ctx, tags)) {
        names.push({ start: out[first + m.start]!.start, end: out[first + m.end - 1]!.end, type: m.type });
      }
    }
    first = last;
  }
  return { tokens: out, sentences: [...sentences], names };
}

/**
 * Adds the language layers to a document: `tokens` (with `pos` and `lemma`
 * unless `tags` is false), `sentences`, and `names`. Layers the document
 * already has are kept as they are; existing tokens and sentences are reused.
 */
export function annotate(doc: WhosaidDocument, options: AnnotateOptions = {}): WhosaidDocument {
  const tokens: readonly Token[] = doc.hasLayer('tokens') ? doc.layer('tokens') : tokenize(doc.text);
  const sentences: readonly Sentence[] = doc.hasLayer('sentences')
    ? doc.layer('sentences')
    : splitSentences(doc.text, tokens);
  const wantNames = options.tags !== false && options.names !== false && !doc.hasLayer('names');
  // Tagging is skipped when its only results would be thrown away.
  const layers =
    doc.hasLayer('tokens') && !wantNames
      ? { tokens: [], sentences: [], names: [] }
      : tagSentences(doc.text, tokens, sentences, { ...options, names: wantNames });
  if (!doc.hasLayer('tokens')) doc.addLayer('tokens', layers.tokens);
  if (!doc.hasLayer('sentences')) doc.addLayer('sentences', [...sentences]);
  if (wantNames) doc.addLayer('names', layers.names);
  return doc;
}

/** Tokens inside a span, found by binary search over a sorted token list. */
export function tokensWithin(tokens: readonly Token[], span: Span): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const result: Token[] = [];
  for (let k = lo; k < tokens.length && tokens[k]!.end <= span.end; k++) result.push(tokens[k]!);
  return result;
}
