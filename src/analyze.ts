import { extractHtml } from './extract/html/extract-html.js';
import { extractTextCapture } from './extract/text/extract-text.js';
import { emptyMetadata, type Extraction } from './extract/types.js';
import { dedupeCaseless } from './extract/blocks.js';
import type { Block } from './model/layers.js';
import { decodePage } from './ingest/decode.js';
import { sniffFormat } from './ingest/format.js';
import { MAX_NESTING_DEPTH, limitNesting } from './ingest/nesting.js';
import type { InputFormat, PageInput } from './ingest/input.js';
import { WhosaidDocument } from './model/document.js';
import type { AnalysisResult, PublishedDate } from './model/result.js';
import { EXTRACTOR } from './version.js';
import { annotate } from './nlp/index.js';
import { attribute, attributionsToJson } from './attribution/index.js';
import { entitiesToJson } from './attribution/entities/index.js';
import { analyzeTime, withTimeAnalysis } from './time/index.js';

export interface AnalyzeOptions {
  /** The page's URL, when known. */
  url?: string | null;
  /** How to read the input; sniffed when absent. */
  format?: InputFormat;
  /** A name for the input in results and errors. */
  input?: string;
  /** An HTTP Content-Type header, when known: helps tell HTML from text. */
  contentType?: string | null;
  /** A publication date known from outside the page (feed, manifest); used when the page states none. */
  published?: string | null;
  /** Notes from reading the input (charset, truncation) to carry into the result. */
  warnings?: readonly string[];
  /**
   * How far to read: 'extract' stops after extraction and metadata; 'full'
   * (the default) also runs the language layer, finds who said what and
   * estimates when the text was written.
   */
  depth?: AnalysisDepth;
}

export type AnalysisDepth = 'extract' | 'full';

/** The result together with the shared document, for code that wants to add its own layers. */
export interface Analysis {
  document: WhosaidDocument;
  result: AnalysisResult;
}

/** Analyses an HTML page given as a string. */
export function analyzeHtml(html: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeString(html, { ...options, format: 'html' }).result;
}

/** Analyses a page captured as plain text. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeString(text, { ...options, format: 'text' }).result;
}

/**
 * Loads what an analysis of the given depth needs (the language and
 * attribution models for 'full') by analysing one short sentence, so that a
 * worker can pay for it before its first page's time limit starts.
 */
export function warmUpAnalysis(depth: AnalysisDepth): void {
  if (depth === 'full') analyzeText('"Ready," said the clerk.', { input: '<warm-up>' });
}

/** Analyses decoded page content: extract, then build the shared document and the result. */
export function analyzeString(content: string, options: AnalyzeOptions = {}): Analysis {
  const input = options.input ?? '<string>';
  const format = options.format ?? sniffFormat(content, { name: options.input ?? null, contentType: options.contentType });
  const extractOptions = { url: options.url ?? null };
  let extraction: Extraction;
  const warnings = [...(options.warnings ?? [])];
  if (format === 'html') {
    // Pathological nesting would make parsing quadratic; see src/ingest/nesting.ts.
    const limited = limitNesting(content);
    if (limited.dropped > 0) {
      warnings.push(`markup nested deeper than ${MAX_NESTING_DEPTH} levels was flattened (${limited.dropped} tags dropped)`);
    }
    extraction = extractHtml(limited.html, extractOptions);
  } else {
    extraction = extractTextCapture(content, extractOptions);
  }
  return buildAnalysis(input, options.url ?? null, extraction, { ...options, warnings });
}

/**
 * Analyses one page input (bytes from a file, stdin, URL or archive):
 * gunzips, finds the charset, decodes and caps the size (see src/ingest),
 * then extracts. Throws InputError for input that is not a readable page.
 */
export function analyzePage(page: PageInput, options: PageAnalysisOptions = {}): Analysis {
  const decoded = decodePage(page);
  const settings: AnalyzeOptions = {
    input: page.input,
    url: page.url ?? null,
    format: decoded.format,
    contentType: page.contentType,
    published: page.published,
    warnings: decoded.warnings,
    depth: options.depth,
  };
  return options.raw ? analyzeRawText(decoded.content, settings) : analyzeString(decoded.content, settings);
}

export interface PageAnalysisOptions {
  /** How far to read (see AnalyzeOptions.depth). */
  depth?: AnalysisDepth;
  /** Take the decoded input as the text itself: no extraction, offsets index the input. */
  raw?: boolean;
}

/**
 * Analyses text exactly as given: no extraction and no normalisation, so every
 * offset in the result indexes the input string itself. Blocks are the
 * paragraphs between blank lines.
 */
export function analyzeRawText(text: string, options: AnalyzeOptions = {}): Analysis {
  const extraction: Extraction = {
    text,
    blocks: rawParagraphs(text),
    chrome: [],
    related: [],
    tags: [],
    metadata: emptyMetadata(),
    pageType: text.trim() === '' ? 'empty' : 'article',
    pageTypeReason: text.trim() === '' ? 'the text is empty' : 'raw text: taken as given, without extraction',
    warnings: [],
  };
  return buildAnalysis(options.input ?? '<string>', options.url ?? null, extraction, options);
}

function rawParagraphs(text: string): Block[] {
  const blocks: Block[] = [];
  const paragraph = /[^\n]+(?:\n[ \t\u00a0]*[^\s][^\n]*)*/g;
  for (const match of text.matchAll(paragraph)) {
    const lead = match[0].length - match[0].trimStart().length;
    const start = (match.index ?? 0) + lead;
    const end = (match.index ?? 0) + match[0].trimEnd().length;
    if (end > start) blocks.push({ start, end, kind: 'paragraph' });
  }
  return blocks;
}

/**
 * Longest body the language, attribution and time stages read, in UTF-16
 * units. Beyond it a page is not an article but a dump, and reading it whole
 * would break the per-page time bound; the result says the stages were skipped.
 */
export const MAX_ANALYSED_TEXT_CHARS = 1_000_000;

/**
 * The stages after extraction, in data-flow order: the language layer
 * (tokens, sentences, parts of speech, names), attributions with their
 * chains, entities with roles and each attribution's speaker, then the time
 * expressions and the estimate of when the text was written. Each adds layers
 * to the shared document; the result gets their JSON views.
 */
function analyzeBody(document: WhosaidDocument, result: AnalysisResult): void {
  if (document.text.length > MAX_ANALYSED_TEXT_CHARS) {
    result.warnings.push(
      `the body has ${document.text.length} characters, more than the ${MAX_ANALYSED_TEXT_CHARS} that attribution and time analysis read; they were skipped`,
    );
    return;
  }
  annotate(document);
  const report = attribute(document);
  result.warnings.push(...report.notes);
  result.attributions = attributionsToJson(document);
  result.entities = entitiesToJson(document.layer('entities'));
  result.published = withTimeAnalysis(result.published, analyzeTime(document, result.published));
}

function buildAnalysis(input: string, url: string | null, extraction: Extraction, options: AnalyzeOptions): Analysis {
  const document = new WhosaidDocument(extraction.text);
  document.addLayer('blocks', extraction.blocks);
  const meta = extraction.metadata;
  const tags = dedupeCaseless([...meta.tags, ...extraction.tags]);
  const warnings = [...(options.warnings ?? []), ...extraction.warnings];
  let published = meta.published;
  if (published.stated === null && options.published) {
    const external = externalPublished(options.published);
    if (external) published = { ...external, candidates: published.candidates };
    else warnings.push(`publication date given with the input ("${options.published}") is not a date; ignored`);
  }
  const result: AnalysisResult = {
    input,
    url,
    title: meta.title,
    authors: meta.authors,
    site: meta.site,
    language: meta.language,
    published,
    modified: meta.modified,
    text: document.text,
    blocks: [...document.layer('blocks')],
    tags,
    related: extraction.related,
    chrome: extraction.chrome,
    pageType: extraction.pageType,
    pageTypeReason: extraction.pageTypeReason,
    provenance: meta.provenance,
    extractor: { ...EXTRACTOR },
    warnings,
  };
  if (extraction.codedWarnings && extraction.codedWarnings.length > 0) result.codedWarnings = [...extraction.codedWarnings];
  if ((options.depth ?? 'full') === 'full') analyzeBody(document, result);
  return { document, result };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A date given from outside the page (manifest, feed) as a stated date, or null when it is not one. */
function externalPublished(raw: string): PublishedDate | null {
  const value = raw.trim();
  if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) {
    return { stated: value, source: 'external', raw, precision: 'date' };
  }
  if (ISO_DATETIME_WITH_ZONE.test(value) && !Number.isNaN(Date.parse(value))) {
    return { stated: value, source: 'external', raw, precision: 'datetime' };
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return null;
  return { stated: new Date(parsed).toISOString(), source: 'external', raw, precision: 'datetime' };
}
