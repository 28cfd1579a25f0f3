/**
 * Runs whosaid (or a peer's stored output) over the benchmark pages and
 * scores it. Shared by the benchmark scripts and the CI quality gate so both
 * measure the same thing the same way.
 */
import { analyzePage } from '../src/analyze.js';
import { extractHtml } from '../src/extract/html/extract-html.js';
import type { AnalysisResult } from '../src/model/result.js';
import type { AebPage, PeerOutput, WcxbPage } from './data.js';
import {
  aebPageScore,
  aebSummary,
  authorsMatch,
  containsSnippet,
  countField,
  emptyFieldCounts,
  fieldScores,
  sameDay,
  titleMatches,
  wordF1,
  wordTokens,
  type AebSummary,
  type FieldCounts,
  type FieldScores,
} from './metrics.js';

export interface AebPageResult {
  id: string;
  url: string;
  precision: number;
  recall: number;
  f1: number;
  predictedWords: number;
  goldWords: number;
  /** The error message when extraction threw; the page then scores as an empty output. */
  error: string | null;
}

export interface AebRun {
  summary: AebSummary;
  pages: AebPageResult[];
  errors: number;
}

/** Page-level figures for the worst-pages listing (the benchmark figure itself comes from `aebSummary`). */
function aebPageResult(page: AebPage, predicted: string, error: string | null): AebPageResult {
  const { tp, fp, fn } = aebPageScore(predicted, page.gold);
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    id: page.id,
    url: page.url,
    precision,
    recall,
    f1,
    predictedWords: wordTokens(predicted).length,
    goldWords: wordTokens(page.gold).length,
    error,
  };
}

/** Scores any extractor over the AEB pages; an extractor that throws on a page scores an empty output there. */
export function runAeb(pages: readonly AebPage[], extract: (page: AebPage) => string): AebRun {
  const pairs: Array<{ predicted: string; gold: string }> = [];
  const results: AebPageResult[] = [];
  let errors = 0;
  for (const page of pages) {
    let predicted = '';
    let error: string | null = null;
    try {
      predicted = extract(page);
    } catch (caught) {
      errors++;
      error = caught instanceof Error ? caught.message : String(caught);
    }
    pairs.push({ predicted, gold: page.gold });
    results.push(aebPageResult(page, predicted, error));
  }
  return { summary: aebSummary(pairs), pages: results, errors };
}

/** whosaid's article body for an AEB page, through the HTML extractor with the page's URL. */
export function whosaidAebBody(page: AebPage): string {
  return extractHtml(page.html, { url: page.url }).text;
}

/** Scores a peer's stored output; a page the peer has no output for counts as empty. */
export function runAebPeer(pages: readonly AebPage[], peer: PeerOutput): AebRun {
  return runAeb(pages, (page) => peer.bodies[page.id] ?? '');
}

export interface WcxbPageResult {
  id: string;
  type: string;
  url: string | null;
  precision: number;
  recall: number;
  f1: number;
  withFound: number;
  withTotal: number;
  withoutAbsent: number;
  withoutTotal: number;
  title: { predicted: string | null; gold: string | null; correct: boolean };
  author: { predicted: string[]; gold: string | null; correct: boolean };
  date: { predicted: string | null; gold: string | null; correct: boolean };
  error: string | null;
}

/** Mean page figures over a group of pages; snippet rates pool the snippets of all the group's pages. */
export interface WcxbGroup {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of `with` snippets found in the output. */
  withRate: number;
  /** Share of `without` snippets absent from the output. */
  withoutRate: number;
}

export interface WcxbRun {
  overall: WcxbGroup;
  /** Per page type, sorted by name. */
  byType: Array<{ type: string } & WcxbGroup>;
  title: FieldScores;
  author: FieldScores;
  date: FieldScores;
  pages: WcxbPageResult[];
  errors: number;
}

/** What the WCXB scoring needs from an analysis. */
export type WcxbAnswer = Pick<AnalysisResult, 'text' | 'title' | 'authors' | 'published'>;

/**
 * whosaid's answer for a WCXB page, through the product's own path from bytes:
 * decoding, extraction and metadata. The language and attribution stages
 * (depth 'full') are left out: they add layers but never change the body,
 * title, authors or date scored here, and they would multiply the run time.
 */
export function whosaidWcxbAnswer(page: WcxbPage): WcxbAnswer {
  return analyzePage({ input: `${page.id}.html`, bytes: page.bytes, url: page.url, format: 'html' }, { depth: 'extract' }).result;
}

const EMPTY_ANSWER: WcxbAnswer = { text: '', title: null, authors: [], published: { stated: null, source: null, raw: null } };

function nonEmpty(value: string | null): value is string {
  return value !== null && value.trim() !== '';
}

export function scoreWcxbPage(page: WcxbPage, answer: WcxbAnswer, error: string | null = null): WcxbPageResult {
  const words = wordF1(answer.text, page.gold.main_content);
  const gold = page.gold;
  return {
    id: page.id,
    type: page.type,
    url: page.url,
    ...words,
    withFound: gold.with.filter((snippet) => containsSnippet(answer.text, snippet)).length,
    withTotal: gold.with.length,
    withoutAbsent: gold.without.filter((snippet) => !containsSnippet(answer.text, snippet)).length,
    withoutTotal: gold.without.length,
    title: { predicted: answer.title, gold: gold.title, correct: nonEmpty(gold.title) && titleMatches(answer.title, gold.title) },
    author: { predicted: answer.authors, gold: gold.author, correct: nonEmpty(gold.author) && authorsMatch(answer.authors, gold.author) },
    date: {
      predicted: answer.published.stated,
      gold: gold.publish_date,
      correct: nonEmpty(gold.publish_date) && sameDay(answer.published.stated, gold.publish_date),
    },
    error,
  };
}

function group(pages: readonly WcxbPageResult[]): WcxbGroup {
  const n = pages.length;
  const sum = (pick: (page: WcxbPageResult) => number): number => pages.reduce((total, page) => total + pick(page), 0);
  const withTotal = sum((p) => p.withTotal);
  const withoutTotal = sum((p) => p.withoutTotal);
  return {
    pages: n,
    precision: n ? sum((p) => p.precision) / n : 0,
    recall: n ? sum((p) => p.recall) / n : 0,
    f1: n ? sum((p) => p.f1) / n : 0,
    withRate: withTotal ? sum((p) => p.withFound) / withTotal : 0,
    withoutRate: withoutTotal ? sum((p) => p.withoutAbsent) / withoutTotal : 0,
  };
}

/** Scores any analyser over WCXB pages; one that throws on a page scores an empty answer there. */
export function runWcxb(pages: readonly WcxbPage[], analyse: (page: WcxbPage) => WcxbAnswer): WcxbRun {
  const results: WcxbPageResult[] = [];
  let errors = 0;
  const title: FieldCounts = emptyFieldCounts();
  const author: FieldCounts = emptyFieldCounts();
  const date: FieldCounts = emptyFieldCounts();
  for (const page of pages) {
    let answer = EMPTY_ANSWER;
    let error: string | null = null;
    try {
      answer = analyse(page);
    } catch (caught) {
      errors++;
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const result = scoreWcxbPage(page, answer, error);
    results.push(result);
    countField(title, nonEmpty(answer.title), nonEmpty(page.gold.title), result.title.correct);
    countField(author, answer.authors.some((name) => name.trim() !== ''), nonEmpty(page.gold.author), result.author.correct);
    countField(date, nonEmpty(answer.published.stated), nonEmpty(page.gold.publish_date), result.date.correct);
  }
  const types = [...new Set(results.map((r) => r.type))].sort();
  return {
    overall: group(results),
    byType: types.map((type) => ({ type, ...group(results.filter((r) => r.type === type)) })),
    title: fieldScores(title),
    author: fieldScores(author),
    date: fieldScores(date),
    pages: results,
    errors,
  };
}
