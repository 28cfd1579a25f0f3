import type { Span } from '../model/span.js';

/** How fine a normalised time value is. */
export type TimeGranularity = 'day' | 'week' | 'month' | 'year' | 'decade';

/** What kind of time expression a span is. */
export type TimeExpressionKind = 'absolute' | 'relative' | 'event';

/**
 * One time expression in the text.
 *
 * `value` is ISO 8601: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or a range `start/end` of days
 * (weeks, decades). It is absent when it cannot be known, e.g. "last year" with no reference time.
 */
export interface TimeExpression extends Span {
  text: string;
  kind: TimeExpressionKind;
  value?: string;
  granularity: TimeGranularity;
  /** `explicit`: the text itself fixes the value; `reference`: the value depends on when the text was written. */
  anchor: 'reference' | 'explicit';
  /** For relative expressions: the step from the reference time, e.g. "last year" is `{ unit: 'year', offset: -1 }`. */
  relative?: RelativeShift;
  /** For events: the words naming the event ("US presidential elections"), lower case. */
  event?: string;
  /** True when the sentence speaks of it as still to come ("will be held in 2018"). */
  future?: boolean;
  /** True when a firm cue ("will be held", "upcoming") says so: such a date bounds the writing date from above. */
  firmFuture?: boolean;
  /** True for the date of a revision note ("Updated March 2, 2024"): when the text was changed, not first written. */
  revision?: boolean;
}

export interface RelativeShift {
  unit: 'day' | 'week' | 'month' | 'year';
  offset: number;
  /** A weekday (1 = Monday … 7 = Sunday) for "on Sunday", "last Friday". */
  weekday?: number;
}

/** What one expression parser reports before refiners resolve and clean up. */
export interface ExpressionMatch {
  start: number;
  end: number;
  kind: TimeExpressionKind;
  granularity: TimeGranularity;
  anchor: 'reference' | 'explicit';
  /** Calendar fields for explicit values. */
  year?: number;
  month?: number;
  day?: number;
  /** Decades: the first year. */
  decade?: number;
  relative?: RelativeShift;
  /** Month and day without a year ("January 6"): the year comes from the reference. */
  monthDay?: { month: number; day: number };
  event?: string;
  /** Set by the tense refiner. */
  future?: boolean;
  /** Set by the tense refiner when a firm cue ("will", "upcoming") makes it a date still to come. */
  firmFuture?: boolean;
  /** Set by the tense refiner for a revision note ("Updated March 2, 2024"). */
  revision?: boolean;
}

/** One case of time expression: finds every occurrence in a text. Parsers are tried in list order. */
export interface ExpressionParser {
  name: string;
  find(text: string): ExpressionMatch[];
}

/** Options for finding time expressions. */
export interface TimexOptions {
  /** When the text was written, if known: resolves relative expressions and years left out. */
  reference?: Date | null;
  /** Longest text scanned; longer texts are cut so a huge page costs bounded time. Default 300,000 characters. */
  maxText?: number;
  /** Most expressions returned; default 2,000. */
  maxExpressions?: number;
}

declare module '../model/layers.js' {
  interface LayerMap {
    /** Added by time: time expressions in the body. */
    timex: TimeExpression;
  }
}
