import type { TokenTable } from './tokenize.js';

/** A run of tokens given one role by the tagger; `end` is exclusive. */
export interface RoleSegment {
  role: 'source' | 'cue' | 'content';
  first: number;
  end: number;
}

/** One linked relation over token indices. */
export interface LinkedRelation {
  cue: RoleSegment;
  source: RoleSegment | null;
  content: RoleSegment[];
}

const ROLE_OF_TAG: Array<RoleSegment['role'] | null> = [null, 'source', 'source', 'cue', 'cue', 'content', 'content'];

/** Reads B/I tags back into segments; an I tag that follows a different role starts a segment as a B would. */
export function segmentsFromTags(tokens: TokenTable, tags: Uint8Array): RoleSegment[] {
  const segments: RoleSegment[] = [];
  let current: RoleSegment | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as number;
    const role = ROLE_OF_TAG[tag] ?? null;
    const begins = tag === 1 || tag === 3 || tag === 5;
    const continues =
      current !== null && role === current.role && !begins && tokens.paragraph[i] === tokens.paragraph[current.end - 1] && current.end === i;
    if (role === null) {
      current = null;
      continue;
    }
    if (continues && current) {
      current.end = i + 1;
    } else {
      current = { role, first: i, end: i + 1 };
      segments.push(current);
    }
  }
  return segments;
}

/** Tokens between two segments, or 0 when they touch or overlap. */
function gap(a: RoleSegment, b: RoleSegment): number {
  if (a.end <= b.first) return b.first - a.end;
  if (b.end <= a.first) return a.first - b.end;
  return 0;
}

const MAX_SOURCE_GAP = 12;
const MAX_CONTENT_GAP = 80;

/**
 * Ties sources and contents to cues. Each content segment goes to the
 * nearest cue in its paragraph, or failing that a cue in the neighbouring
 * paragraphs (a quotation running over several paragraphs with the cue in
 * the first); each source to the nearest cue in its sentence. Contents of
 * one cue on both sides of it become the parts of one content, which is how
 * a quotation interrupted by "he said" is read.
 */
export function linkSegments(tokens: TokenTable, segments: readonly RoleSegment[], tags?: Uint8Array): LinkedRelation[] {
  const cues = segments.filter((s) => s.role === 'cue');
  const relations: LinkedRelation[] = cues.map((cue) => ({ cue, source: null, content: [] }));
  if (relations.length === 0) return [];
  const sourceGap: number[] = relations.map(() => Infinity);
  const cueIndexAt = (pos: number): number => {
    // Binary search for the first cue starting at or after pos.
    let lo = 0;
    let hi = cues.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cues[mid] as RoleSegment).first < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const seg of segments) {
    if (seg.role === 'cue') continue;
    const k = cueIndexAt(seg.first);
    let best = -1;
    let bestScore = Infinity;
    // Only the few cues either side can be nearest.
    for (let j = Math.max(0, k - 3); j < Math.min(cues.length, k + 3); j++) {
      const cue = cues[j] as RoleSegment;
      const d = gap(seg, cue);
      const samePara = tokens.paragraph[cue.first] === tokens.paragraph[seg.first];
      const sameSent = tokens.sentence[cue.first] === tokens.sentence[seg.first] || tokens.sentence[cue.first] === tokens.sentence[seg.end - 1];
      let score: number;
      if (seg.role === 'source') {
        if (!sameSent || d > MAX_SOURCE_GAP) continue;
        score = d + (cue.first < seg.first ? 0.5 : 0);
      } else {
        if (d > MAX_CONTENT_GAP) continue;
        const paraDistance = Math.abs((tokens.paragraph[cue.first] as number) - (tokens.paragraph[seg.first] as number));
        if (paraDistance > 1) continue;
        score = d + (sameSent ? 0 : 20) + (samePara ? 0 : 40);
      }
      if (score < bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best < 0) continue;
    const rel = relations[best] as LinkedRelation;
    if (seg.role === 'source') {
      if (bestScore < (sourceGap[best] as number)) {
        rel.source = seg;
        sourceGap[best] = bestScore;
      }
    } else {
      rel.content.push(seg);
    }
  }
  let marks: Uint8Array | undefined;
  for (const rel of relations) {
    rel.content = mergeCloseParts(tokens, rel.cue, chooseContentParts(tokens, rel.cue, rel.content));
    if (tags) {
      for (const part of rel.content) extendToClauseEnd(tokens, tags, part);
      for (const part of rel.content) if (part.end <= rel.cue.first) extendToClauseStart(tokens, tags, part);
    }
    for (const part of rel.content) trimDanglingPunctuation(tokens, part);
    if (tags) for (const part of rel.content) completeQuotation(tokens, tags, marks ??= quotationMarks(tokens), part);
  }
  return relations;
}

const JOINER = /^[\p{P}\p{S}]$/u;

/**
 * Keeps the content segments that form one content with the cue: the
 * nearest one, a segment on the other side of the cue close to it (a
 * quotation the cue interrupts), and segments separated from a kept one only
 * by punctuation (a content the tagger broke at a comma or a quote mark).
 */
function chooseContentParts(tokens: TokenTable, cue: RoleSegment, parts: RoleSegment[]): RoleSegment[] {
  if (parts.length <= 1) return parts;
  const byDistance = [...parts].sort((a, b) => gap(a, cue) - gap(b, cue) || a.first - b.first);
  const kept: RoleSegment[] = [byDistance[0] as RoleSegment];
  const primaryBefore = (byDistance[0] as RoleSegment).end <= cue.first;
  let changed = true;
  while (changed) {
    changed = false;
    for (const seg of byDistance) {
      if (kept.includes(seg)) continue;
      const before = seg.end <= cue.first;
      const acrossCue = before !== primaryBefore && gap(seg, cue) <= 15 && !kept.some((k) => (k.end <= cue.first) === before);
      const glued = kept.some((k) => onlyPunctuationBetween(tokens, k, seg));
      if (acrossCue || glued) {
        kept.push(seg);
        changed = true;
      }
    }
  }
  return kept.sort((a, b) => a.first - b.first);
}

/**
 * Joins content parts on the same side of the cue that only a few untagged
 * tokens separate within one sentence: the tagger lost a word or two, the
 * annotators marked one span.
 */
function mergeCloseParts(tokens: TokenTable, cue: RoleSegment, parts: RoleSegment[]): RoleSegment[] {
  const merged: RoleSegment[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (
      last &&
      part.first - last.end <= MAX_MERGE_GAP &&
      (last.end <= cue.first) === (part.end <= cue.first) &&
      !(last.end <= cue.first && part.first >= cue.end) &&
      tokens.sentence[last.end - 1] === tokens.sentence[part.first]
    ) {
      merged[merged.length - 1] = { role: 'content', first: last.first, end: part.end };
    } else {
      merged.push({ ...part });
    }
  }
  return merged;
}

const MAX_MERGE_GAP = 3;
const MAX_EXTENSION = 40;
const SENTENCE_FINAL = new Set(['.', '!', '?']);
const CLAUSE_BREAK = new Set([';', '–', '—']);
const CLOSING_QUOTES = new Set(['"', '”', '’', "'"]);

/**
 * The mirror of extendToClauseEnd for a content before its cue ("The
 * company lost money | last year, according to …"): when nothing from the
 * sentence start to the content is tagged, the content starts with the sentence.
 */
function extendToClauseStart(tokens: TokenTable, tags: Uint8Array, part: RoleSegment): void {
  const sentence = tokens.sentence[part.first];
  let first = part.first;
  while (first > 0 && tokens.sentence[first - 1] === sentence && part.first - first <= MAX_EXTENSION) {
    if (tags[first - 1] !== 0) return;
    first--;
  }
  if (part.first - first > MAX_EXTENSION) return;
  if (first > 0 && tokens.sentence[first - 1] === sentence) return;
  part.first = first;
}

/**
 * A greedy tagger sometimes leaves a content a few words before its end
 * ("that Obama could | actually win"). When everything from the content's
 * end to the end of its sentence is untagged, the content most likely runs
 * to the sentence end: extend it there, leaving out the final stop the way
 * the annotation does for paraphrase (a quotation keeps its closing mark).
 */
function extendToClauseEnd(tokens: TokenTable, tags: Uint8Array, part: RoleSegment): void {
  const sentence = tokens.sentence[part.end - 1];
  let end = part.end;
  let clauseEnd = -1;
  while (end < tokens.count && tokens.sentence[end] === sentence && end - part.end <= MAX_EXTENSION) {
    if (tags[end] !== 0) return;
    if (clauseEnd < 0 && CLAUSE_BREAK.has(tokens.words[end] as string)) clauseEnd = end;
    end++;
  }
  if (end - part.end > MAX_EXTENSION || end === part.end) return;
  if (end < tokens.count && tokens.sentence[end] === sentence) return;
  if (clauseEnd >= 0) {
    if (clauseEnd > part.end) part.end = clauseEnd;
    return;
  }
  // A quotation keeps its closing mark and the stop inside it.
  if (tokens.words[part.first] === '"' || tokens.words[part.first] === '“') {
    part.end = end;
    return;
  }
  // Drop a closing quote and stop that belong to the sentence, not the paraphrase.
  let last = end;
  while (last > part.end && (SENTENCE_FINAL.has(tokens.words[last - 1] as string) || CLOSING_QUOTES.has(tokens.words[last - 1] as string))) last--;
  if (last > part.end) part.end = last;
}

const DANGLING = new Set([',', ';', ':', '(', '-', '–', '—']);

/**
 * A content never ends on a clause joiner: a comma, semicolon, colon, dash or
 * opening bracket at its end belongs to the sentence around it ("that he had
 * bought the building in Washington, D.C.|, and boasted …"). A comma inside a
 * closing quotation ("…,”") is part of the quotation and is kept, since it is
 * not the last token.
 */
function trimDanglingPunctuation(tokens: TokenTable, part: RoleSegment): void {
  while (part.end - part.first > 1 && DANGLING.has(tokens.words[part.end - 1] as string)) part.end--;
}

const OPENING_MARKS = new Set(['“', '«', '„']);
const CLOSING_MARKS = new Set(['”', '»']);
const OPENS = 1;
const CLOSES = 2;

/**
 * Double quotation marks: OPENS on a mark's first token, CLOSES on its last.
 * Straight marks ('"' and the two-apostrophe '' of some newswires) alternate
 * within a paragraph; a paragraph break ends any open quotation.
 */
function quotationMarks(tokens: TokenTable): Uint8Array {
  const marks = new Uint8Array(tokens.count);
  let open = false;
  for (let i = 0; i < tokens.count; i++) {
    if (i > 0 && tokens.paragraph[i] !== tokens.paragraph[i - 1]) open = false;
    const w = tokens.words[i] as string;
    const doubledApostrophe =
      w === "'" && i + 1 < tokens.count && tokens.words[i + 1] === "'" && tokens.ends[i] === tokens.starts[i + 1];
    if (OPENING_MARKS.has(w) || ((w === '"' || doubledApostrophe) && !open)) {
      marks[i] = OPENS;
      open = true;
      if (doubledApostrophe) i++;
    } else if (CLOSING_MARKS.has(w) || ((w === '"' || doubledApostrophe) && open)) {
      marks[doubledApostrophe ? i + 1 : i] = CLOSES;
      open = false;
      if (doubledApostrophe) i++;
    }
  }
  return marks;
}

const MAX_QUOTATION_REACH = 150;

/**
 * A content that opens a quotation but stops before its closing mark was cut
 * short by the tagger ("he said: “The rule is old. | It has to go.”"). When
 * the closing mark is in the same paragraph and nothing between is tagged, the
 * content runs to it, as annotators mark a quotation whole.
 */
function completeQuotation(tokens: TokenTable, tags: Uint8Array, marks: Uint8Array, part: RoleSegment): void {
  let lastOpen = -1;
  let lastClose = -1;
  for (let i = part.first; i < part.end; i++) {
    if (marks[i] === OPENS) lastOpen = i;
    else if (marks[i] === CLOSES) lastClose = i;
  }
  const paragraph = tokens.paragraph[part.first];
  // Opened inside but closed after: look ahead for the closing mark.
  if (lastOpen >= 0 && lastClose < lastOpen) {
    for (let i = part.end; i < tokens.count && i - part.end < MAX_QUOTATION_REACH; i++) {
      if (tags[i] !== 0 || tokens.paragraph[i] !== paragraph || marks[i] === OPENS) break;
      if (marks[i] === CLOSES) {
        part.end = i + 1;
        break;
      }
    }
  }
}

function onlyPunctuationBetween(tokens: TokenTable, a: RoleSegment, b: RoleSegment): boolean {
  const [left, right] = a.end <= b.first ? [a, b] : [b, a];
  if (left.end > right.first) return false;
  if (right.first - left.end > 2) return false;
  for (let i = left.end; i < right.first; i++) if (!JOINER.test(tokens.words[i] as string)) return false;
  return tokens.paragraph[left.end - 1] === tokens.paragraph[right.first];
}
