import type { AttributionRole, Fragment, SpanTriple } from './brat.js';

/** Precision, recall and F1 with the counts behind them. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** Predicted items that matched (for overlap: predictions that share a character with gold). */
  matchedPredicted: number;
  /** Gold items that matched (for overlap: gold items that share a character with a prediction). */
  matchedGold: number;
  predicted: number;
  gold: number;
}

export interface RoleScores {
  exact: PRF;
  overlap: PRF;
}

export interface AttributionScores {
  source: RoleScores;
  cue: RoleScores;
  content: RoleScores;
  /** Whole relations: every role exact (or absent on both sides). */
  tripleExact: PRF;
  /** Whole relations: every role overlapping (or absent on both sides). */
  tripleOverlap: PRF;
  articles: number;
}

/** One article's gold and predicted relations over the same text. */
export interface ScoredPair {
  text: string;
  gold: SpanTriple[];
  predicted: SpanTriple[];
}

export const ROLES: readonly AttributionRole[] = ['source', 'cue', 'content'];

/**
 * Normalises a span for comparison: each fragment is trimmed of surrounding
 * whitespace, empty fragments dropped, and fragments sorted and merged where
 * they touch, so "a b" annotated as one fragment or as "a" + "b" around a
 * space compare by the characters they cover, not by how they were cut.
 */
export function normaliseFragments(text: string, fragments: readonly Fragment[]): Fragment[] {
  const trimmed: Fragment[] = [];
  for (const f of fragments) {
    let { start, end } = f;
    while (start < end && /\s/.test(text[start] as string)) start++;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    if (end > start) trimmed.push({ start, end });
  }
  trimmed.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Fragment[] = [];
  for (const f of trimmed) {
    const last = merged[merged.length - 1];
    if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
    else merged.push({ ...f });
  }
  return merged;
}

function fragmentKey(fragments: readonly Fragment[]): string {
  return fragments.map((f) => `${f.start}-${f.end}`).join(';');
}

function fragmentsOverlap(a: readonly Fragment[], b: readonly Fragment[]): boolean {
  for (const x of a) for (const y of b) if (x.start < y.end && y.start < x.end) return true;
  return false;
}

function prf(matchedPredicted: number, predicted: number, matchedGold: number, gold: number): PRF {
  const precision = predicted === 0 ? 0 : matchedPredicted / predicted;
  const recall = gold === 0 ? 0 : matchedGold / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, matchedPredicted, matchedGold, predicted, gold };
}

/** Distinct spans of one role in an article, normalised; a span shared by two relations counts once. */
function roleSpans(text: string, triples: readonly SpanTriple[], role: AttributionRole): Fragment[][] {
  const seen = new Map<string, Fragment[]>();
  for (const t of triples) {
    const raw = t[role];
    if (!raw) continue;
    const norm = normaliseFragments(text, raw);
    if (norm.length === 0) continue;
    seen.set(fragmentKey(norm), norm);
  }
  return [...seen.values()];
}

interface Counts {
  matchedPredicted: number;
  matchedGold: number;
  predicted: number;
  gold: number;
}

const zero = (): Counts => ({ matchedPredicted: 0, matchedGold: 0, predicted: 0, gold: 0 });
const toPrf = (c: Counts): PRF => prf(c.matchedPredicted, c.predicted, c.matchedGold, c.gold);

function normTriple(text: string, t: SpanTriple): Record<AttributionRole, Fragment[] | null> {
  const out = { source: null, cue: null, content: null } as Record<AttributionRole, Fragment[] | null>;
  for (const role of ROLES) {
    const raw = t[role];
    const norm = raw ? normaliseFragments(text, raw) : [];
    out[role] = norm.length > 0 ? norm : null;
  }
  return out;
}

function triplesMatch(
  a: Record<AttributionRole, Fragment[] | null>,
  b: Record<AttributionRole, Fragment[] | null>,
  exact: boolean,
): boolean {
  for (const role of ROLES) {
    const x = a[role];
    const y = b[role];
    if (x === null || y === null) {
      if (x !== y) return false;
      continue;
    }
    if (exact ? fragmentKey(x) !== fragmentKey(y) : !fragmentsOverlap(x, y)) return false;
  }
  return true;
}

/** One-to-one greedy matching of relations in document order; returns the number of matched pairs. */
function matchTriples(gold: SpanTriple[], predicted: SpanTriple[], text: string, exact: boolean): number {
  const g = gold.map((t) => normTriple(text, t));
  const p = predicted.map((t) => normTriple(text, t));
  const used = new Set<number>();
  let matched = 0;
  for (const pt of p) {
    for (let i = 0; i < g.length; i++) {
      if (used.has(i)) continue;
      if (triplesMatch(pt, g[i] as Record<AttributionRole, Fragment[] | null>, exact)) {
        used.add(i);
        matched++;
        break;
      }
    }
  }
  return matched;
}

/**
 * Scores predicted attributions against gold, micro-averaged over all articles.
 *
 * Per role, each article contributes its distinct spans. Exact: a predicted
 * span matches when its normalised fragments equal a gold span's (multiset
 * intersection). Overlap: precision is the share of predicted spans sharing a
 * character with some gold span of the role; recall the share of gold spans
 * sharing a character with some prediction. Triples: a predicted relation
 * matches a gold one (one to one) when each role matches (exactly, or by
 * overlap) or is absent on both sides.
 */
export function scoreAttributions(pairs: readonly ScoredPair[]): AttributionScores {
  const exact: Record<AttributionRole, Counts> = { source: zero(), cue: zero(), content: zero() };
  const overlap: Record<AttributionRole, Counts> = { source: zero(), cue: zero(), content: zero() };
  const tripleExact = zero();
  const tripleOverlap = zero();
  for (const pair of pairs) {
    for (const role of ROLES) {
      const gold = roleSpans(pair.text, pair.gold, role);
      const predicted = roleSpans(pair.text, pair.predicted, role);
      const goldKeys = new Set(gold.map(fragmentKey));
      let hits = 0;
      for (const p of predicted) if (goldKeys.has(fragmentKey(p))) hits++;
      const e = exact[role];
      e.matchedPredicted += hits;
      e.matchedGold += hits;
      e.predicted += predicted.length;
      e.gold += gold.length;
      const o = overlap[role];
      o.matchedPredicted += predicted.filter((p) => gold.some((g) => fragmentsOverlap(p, g))).length;
      o.matchedGold += gold.filter((g) => predicted.some((p) => fragmentsOverlap(p, g))).length;
      o.predicted += predicted.length;
      o.gold += gold.length;
    }
    const te = matchTriples(pair.gold, pair.predicted, pair.text, true);
    tripleExact.matchedPredicted += te;
    tripleExact.matchedGold += te;
    tripleExact.predicted += pair.predicted.length;
    tripleExact.gold += pair.gold.length;
    const to = matchTriples(pair.gold, pair.predicted, pair.text, false);
    tripleOverlap.matchedPredicted += to;
    tripleOverlap.matchedGold += to;
    tripleOverlap.predicted += pair.predicted.length;
    tripleOverlap.gold += pair.gold.length;
  }
  const role = (r: AttributionRole): RoleScores => ({ exact: toPrf(exact[r]), overlap: toPrf(overlap[r]) });
  return {
    source: role('source'),
    cue: role('cue'),
    content: role('content'),
    tripleExact: toPrf(tripleExact),
    tripleOverlap: toPrf(tripleOverlap),
    articles: pairs.length,
  };
}

/** The scores as a fixed-width table. */
export function formatScoreTable(scores: AttributionScores): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
  const rows: string[] = [];
  rows.push(`${'span'.padEnd(16)}${'P'.padStart(6)}${'R'.padStart(6)}${'F1'.padStart(6)}   ${'pred'.padStart(6)} ${'gold'.padStart(6)}`);
  const line = (label: string, s: PRF): void => {
    rows.push(`${label.padEnd(16)}${pct(s.precision)}${pct(s.recall)}${pct(s.f1)}   ${String(s.predicted).padStart(6)} ${String(s.gold).padStart(6)}`);
  };
  for (const r of ROLES) line(`${r} exact`, scores[r].exact);
  for (const r of ROLES) line(`${r} overlap`, scores[r].overlap);
  line('triple exact', scores.tripleExact);
  line('triple overlap', scores.tripleOverlap);
  return rows.join('\n');
}
