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
export function linkSegments(tokens: TokenTable, segments: readonly RoleSegment[]): LinkedRelation[] {
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
  for (const rel of relations) rel.content = chooseContentParts(tokens, rel.cue, rel.content);
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

function onlyPunctuationBetween(tokens: TokenTable, a: RoleSegment, b: RoleSegment): boolean {
  const [left, right] = a.end <= b.first ? [a, b] : [b, a];
  if (left.end > right.first) return false;
  if (right.first - left.end > 2) return false;
  for (let i = left.end; i < right.first; i++) if (!JOINER.test(tokens.words[i] as string)) return false;
  return tokens.paragraph[left.end - 1] === tokens.paragraph[right.first];
}
