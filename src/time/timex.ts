import type { WhosaidDocument } from '../model/document.js';
import { EXPRESSION_PARSERS } from './expressions/index.js';
import { removeOverlaps } from './refiners/overlaps.js';
import { resolveValue } from './refiners/resolve.js';
import { markFuture } from './refiners/tense.js';
import type { ExpressionMatch, TimeExpression, TimexOptions } from './types.js';

const DEFAULT_MAX_TEXT = 300_000;
const DEFAULT_MAX_EXPRESSIONS = 2_000;

/**
 * Every time expression in `text`, in order, without overlaps: the parsers in
 * EXPRESSION_PARSERS find candidates, then refiners keep one per place, mark
 * those spoken of as future, and resolve values against the reference time.
 */
export function findTimeExpressions(text: string, options: TimexOptions = {}): TimeExpression[] {
  return resolveExpressions(findExpressionMatches(text, options), options.reference ?? null);
}

/** Expressions found and refined, before their values are resolved: the same whatever the reference time. */
export interface ExpressionMatches {
  /** The text read (cut at the length limit). */
  source: string;
  matches: readonly ExpressionMatch[];
}

/**
 * The matching part of `findTimeExpressions`, which does not depend on the
 * reference time: resolve the result against several references without
 * reading the text again.
 */
export function findExpressionMatches(text: string, options: Omit<TimexOptions, 'reference'> = {}): ExpressionMatches {
  const limit = options.maxText ?? DEFAULT_MAX_TEXT;
  const source = text.length > limit ? text.slice(0, limit) : text;
  const candidates: { match: ExpressionMatch; rank: number }[] = [];
  EXPRESSION_PARSERS.forEach((parser, rank) => {
    for (const match of parser.find(source)) candidates.push({ match, rank });
  });
  const kept = removeOverlaps(candidates).slice(0, options.maxExpressions ?? DEFAULT_MAX_EXPRESSIONS);
  markFuture(source, kept);
  return { source, matches: kept };
}

/** The expressions of `findExpressionMatches` with values resolved against `reference` (none when null). */
export function resolveExpressions(found: ExpressionMatches, reference: Date | null): TimeExpression[] {
  return found.matches.map((match) => toExpression(found.source, match, reference));
}

function toExpression(text: string, match: ExpressionMatch, reference: Date | null): TimeExpression {
  const expression: TimeExpression = {
    start: match.start,
    end: match.end,
    text: text.slice(match.start, match.end),
    kind: match.kind,
    granularity: match.granularity,
    anchor: match.anchor,
  };
  const value = resolveValue(match, reference);
  if (value !== undefined) expression.value = value;
  if (match.relative) expression.relative = { ...match.relative };
  if (match.event !== undefined) expression.event = match.event;
  if (match.future) expression.future = true;
  if (match.firmFuture) expression.firmFuture = true;
  if (match.revision) expression.revision = true;
  return expression;
}

/** Adds the `timex` layer to a document (once), and returns it. */
export function addTimexLayer(doc: WhosaidDocument, options: TimexOptions = {}): readonly TimeExpression[] {
  if (!doc.hasLayer('timex')) doc.addLayer('timex', findTimeExpressions(doc.text, options));
  return doc.layer('timex');
}
