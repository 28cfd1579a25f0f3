import type { WhosaidDocument } from '../model/document.js';
import { spanContains, type Span } from '../model/span.js';
import { judgeEnglish } from './language.js';
import type { Attribution, AttributionKind } from './layers.js';
import { linkSegments, segmentsFromTags } from './link.js';
import { defaultAttributionTagger } from './model.js';
import { findNestedSpeech, findPlainSpeech, findQuotedAsSaying, type InnerAttribution } from './nesting.js';
import { segmentFragment } from './relations.js';
import { SpanIndex } from './span-index.js';
import type { AttributionTagger } from './tagger.js';
import { tokenize } from './tokenize.js';

export interface AttributeOptions {
  /** The tagger to use; the shipped model when absent. */
  tagger?: AttributionTagger;
  /** Tokens read at most; the rest of a longer text is left unread (and a note says so). Bounds time on huge inputs. */
  maxTokens?: number;
}

/** What the stage did, for the result's warnings. */
export interface AttributeReport {
  attributions: number;
  notes: string[];
}

export const DEFAULT_MAX_TOKENS = 150_000;
/** Nested attributions found by pattern per document at most; keeps the duplicate check bounded on walls of quotations. */
const MAX_INNER = 5_000;

interface Draft {
  source: Span | null;
  cue: Span;
  content: Span[];
  /** Index of the draft it is reported through, fixed while finding chains. */
  parentDraft: number | null;
}

const QUOTE_MARKS = /["“”«»„]/u;

/** direct: every part is a quotation; indirect: no quotation marks at all; mixed otherwise. */
export function attributionKind(text: string, content: readonly Span[]): AttributionKind {
  if (content.length === 0) return 'indirect';
  let quoted = 0;
  let unquoted = 0;
  for (const part of content) {
    const s = text.slice(part.start, part.end).trim();
    const opens = /^[\p{P}\s]{0,2}["“«„]/u.test(s) || /^['‘]/u.test(s);
    const closes = /["”»][\p{P}\s]{0,3}$/u.test(s) || /[’'][.,!?]?$/u.test(s);
    if (opens && closes) quoted++;
    else if (QUOTE_MARKS.test(s)) return 'mixed';
    else unquoted++;
  }
  if (quoted > 0 && unquoted === 0) return 'direct';
  if (quoted === 0) return 'indirect';
  return 'mixed';
}

function extent(d: Draft): Span {
  let start = d.cue.start;
  let end = d.cue.end;
  for (const s of [d.source, ...d.content]) {
    if (!s) continue;
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return { start, end };
}

function overlapsAny(a: Span, spans: readonly (Span | null)[]): boolean {
  return spans.some((b) => b !== null && a.start < b.end && b.start < a.end);
}

/**
 * Finds who said what in the document's text and adds the `attributions`
 * layer. The learned tagger marks sources, cues and contents, linking ties
 * them into relations, and patterns add what PolNeAR leaves unmarked:
 * speech reported inside a content and "quoted X as saying" chains, each
 * linked to the attribution it is reported through by `parent`.
 *
 * Texts that are not English get an empty layer and a note, rather than
 * attributions guessed by a model trained on English news.
 */
export function attribute(doc: WhosaidDocument, options: AttributeOptions = {}): AttributeReport {
  const text = doc.text;
  const notes: string[] = [];
  if (text.trim().length === 0) {
    doc.addLayer('attributions', []);
    return { attributions: 0, notes };
  }
  const language = judgeEnglish(text);
  if (!language.english) {
    doc.addLayer('attributions', []);
    notes.push('attribution: the text does not look like English, which is the only language supported; no attributions were sought');
    return { attributions: 0, notes };
  }
  const tagger = options.tagger ?? defaultAttributionTagger();
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const tokens = tokenize(text, maxTokens);
  if (tokens.count >= maxTokens) {
    notes.push(`attribution: only the first ${maxTokens} tokens were read (up to offset ${tokens.ends[tokens.count - 1]})`);
  }
  const tags = tagger.tag(tokens, tagger.context(tokens));
  const relations = linkSegments(tokens, segmentsFromTags(tokens, tags), tags);
  const drafts: Draft[] = relations.map((r) => ({
    source: r.source ? segmentFragment(tokens, r.source) : null,
    cue: segmentFragment(tokens, r.cue),
    content: r.content.map((c) => segmentFragment(tokens, c)),
    parentDraft: null,
  }));
  const readUpTo = tokens.count > 0 ? (tokens.ends[tokens.count - 1] as number) : 0;
  addPlainSpeech(text, drafts, readUpTo);
  addChains(text, drafts, readUpTo);
  inheritParticipleSources(text, drafts);
  const layer = toLayer(text, drafts);
  doc.addLayer('attributions', layer);
  return { attributions: layer.length, notes };
}

/** A participle cue that continues a report: "…, Ilyashenko said, quoting Blow as saying …". */
const PARTICIPLE_CUE = /^\p{Ll}+ing\b/u;

/**
 * A participle cue with no source of its own ("X said, quoting Y …", "X
 * told reporters, adding that …") is the same speaker's act: it takes the
 * source of the cue it follows when only a comma stands between them, and
 * the parent that cue has.
 */
function inheritParticipleSources(text: string, drafts: Draft[]): void {
  const byCue = drafts.map((draft, index) => ({ draft, index })).sort((a, b) => a.draft.cue.start - b.draft.cue.start);
  for (let i = 1; i < byCue.length; i++) {
    const { draft } = byCue[i] as { draft: Draft };
    if (draft.source !== null || !PARTICIPLE_CUE.test(text.slice(draft.cue.start, draft.cue.end))) continue;
    const { draft: previous, index: previousIndex } = byCue[i - 1] as { draft: Draft; index: number };
    if (previous.source === null || !/^\s*,\s*$/.test(text.slice(previous.cue.end, draft.cue.start))) continue;
    draft.source = { start: previous.source.start, end: previous.source.end };
    // The same speaker's second act is not reported through their first: it shares the first one's parent.
    if (draft.parentDraft === previousIndex) draft.parentDraft = previous.parentDraft;
  }
}

/**
 * Adds plain reported speech ("X said that C", "'C,' X said", "C, according
 * to X") where the tagger found nothing: none of its spans overlaps the
 * pattern's cue, source or content, and its cue without content does not
 * count as found.
 */
function addPlainSpeech(text: string, drafts: Draft[], readUpTo: number): void {
  const taken = new SpanIndex(
    drafts.flatMap((d) => (d.content.length === 0 ? [] : [d.cue, ...d.content, ...(d.source ? [d.source] : [])]).map((span) => ({ span, value: true }))),
  );
  const cues = new SpanIndex(drafts.map((d, i) => ({ span: d.cue, value: i })));
  // Pattern finds are few (each pattern stops at a fixed count), so checking them against each other is bounded.
  const added: Span[] = [];
  const removed = new Set<number>();
  const isTaken = (span: Span): boolean => taken.overlapping(span, 1).length > 0 || overlapsAny(span, added);
  for (const inner of findPlainSpeech(text, { start: 0, end: readUpTo })) {
    // A quotation's marks are firm boundaries: relations the tagger found inside it become nested in it.
    const quotation = /^["“]/.test(text.slice(inner.content.start, inner.content.start + 1));
    if (isTaken(inner.cue) || isTaken(inner.source)) continue;
    if (!quotation && isTaken(inner.content)) continue;
    if (quotation && cues.overlapping(inner.content).some((i) => !spanContains(inner.content, (drafts[i] as Draft).cue))) continue;
    // A cue the tagger found alone is replaced by the pattern's complete relation.
    for (const i of cues.overlapping(inner.cue)) if ((drafts[i] as Draft).content.length === 0) removed.add(i);
    drafts.push({ source: inner.source, cue: inner.cue, content: [inner.content], parentDraft: null });
    added.push(inner.cue, inner.content, inner.source);
  }
  if (removed.size > 0) {
    const kept = drafts.filter((_, i) => !removed.has(i));
    drafts.length = 0;
    drafts.push(...kept);
  }
}

/** Adds "quoted X as saying" chains and speech nested in contents, with their parents. */
function addChains(text: string, drafts: Draft[], readUpTo: number): void {
  const outer = drafts.length;
  const chains = findQuotedAsSaying(text, { start: 0, end: readUpTo });
  // A cue the tagger read as one ("quoted them as saying") is two: the reporter's "quoted" and the quoted speaker's "as saying".
  const reporterOf = new Map<InnerAttribution, number>();
  for (const inner of chains) {
    const covering = drafts.findIndex((d, i) => i < outer && spanContains(d.cue, inner.cue) && d.cue.start < inner.source.start);
    if (covering < 0) continue;
    const d = drafts[covering] as Draft;
    let end = inner.source.start;
    while (end > d.cue.start && /\s/.test(text[end - 1] as string)) end--;
    d.cue = { start: d.cue.start, end };
    reporterOf.set(inner, covering);
  }
  const cues = new SpanIndex(drafts.map((d) => ({ span: d.cue, value: true })));
  const added: Span[] = [];
  // Chains: the relation whose cue is (or precedes) "quoted" is the reporter.
  for (const inner of chains) {
    let parent = reporterOf.get(inner) ?? drafts.findIndex((d, i) => i < outer && d.content.some((c) => spanContains(c, inner.cue)));
    if (parent < 0) parent = drafts.findIndex((d, i) => i < outer && d.cue.end <= inner.source.start && inner.source.start - d.cue.end < 40);
    if (parent >= 0) {
      const p = drafts[parent] as Draft;
      // The tagger's content for the reporter usually runs over the chain; the reporter said "X said C", the chain says C.
      if (p.content.length === 0) p.content = [{ start: inner.source.start, end: inner.content.end }];
    }
    pushInner(drafts, cues, added, inner, parent >= 0 ? parent : null);
  }
  // "X said, quoting Y …": the quoting has no subject of its own; it is X's, so it is reported through X.
  for (let i = 0; i < outer; i++) {
    const d = drafts[i] as Draft;
    if (d.source !== null || !/^(?:quoting|citing)\b/i.test(text.slice(d.cue.start, d.cue.end))) continue;
    let host = -1;
    for (let j = 0; j < outer; j++) {
      const o = drafts[j] as Draft;
      if (j === i || o.cue.end > d.cue.start) continue;
      if (/[.!?\n]/.test(text.slice(o.cue.end, d.cue.start))) continue;
      if (host < 0 || o.cue.end > (drafts[host] as Draft).cue.end) host = j;
    }
    if (host >= 0) d.parentDraft = host;
  }
  // Speech inside the contents of the outer relations.
  for (let i = 0; i < outer; i++) {
    const d = drafts[i] as Draft;
    for (const part of d.content) {
      for (const inner of findNestedSpeech(text, part)) pushInner(drafts, cues, added, inner, i);
    }
  }
}

function pushInner(drafts: Draft[], cues: SpanIndex<boolean>, added: Span[], inner: InnerAttribution, parent: number | null): void {
  // The same cue found by the tagger or by another pattern is one attribution.
  if (added.length >= MAX_INNER || cues.overlapping(inner.cue, 1).length > 0 || overlapsAny(inner.cue, added)) return;
  drafts.push({ source: inner.source, cue: inner.cue, content: [inner.content], parentDraft: parent });
  added.push(inner.cue);
}

function toLayer(text: string, drafts: Draft[]): Attribution[] {
  const order = drafts.map((d, i) => ({ d, i, span: extent(d) }));
  order.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.d.cue.start - b.d.cue.start);
  const idOf = new Map<number, string>();
  const contents = new SpanIndex(drafts.flatMap((d, j) => d.content.map((span) => ({ span, value: j }))));
  order.forEach((o, k) => idOf.set(o.i, `a${k + 1}`));
  return order.map(({ d, i, span }) => {
    let parent: string | null = d.parentDraft !== null ? (idOf.get(d.parentDraft) ?? null) : null;
    if (parent === null) {
      // A relation whose cue lies inside another's content is reported within it.
      const host = contents.containing(d.cue).filter((j) => j !== i);
      if (host.length > 0) parent = idOf.get(Math.min(...host)) ?? null;
    }
    return { start: span.start, end: span.end, id: idOf.get(i) as string, source: d.source, cue: d.cue, content: d.content, kind: attributionKind(text, d.content), parent };
  });
}
