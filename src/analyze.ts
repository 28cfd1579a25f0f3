import { extractHtml } from './extract/html/extract-html.js';
import { extractTextCapture } from './extract/text/extract-text.js';
import type { Extraction } from './extract/types.js';
import { InputError, type InputFormat, type PageInput } from './ingest/input.js';
import { WhosaidDocument } from './model/document.js';
import type { AnalysisResult } from './model/result.js';
import { EXTRACTOR } from './version.js';

export interface AnalyzeOptions {
  /** The page's URL, when known. */
  url?: string | null;
  /** How to read the input; sniffed when absent. */
  format?: InputFormat;
  /** A name for the input in results and errors. */
  input?: string;
}

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

/** Analyses decoded page content: extract, then build the shared document and the result. */
export function analyzeString(content: string, options: AnalyzeOptions = {}): Analysis {
  const input = options.input ?? '<string>';
  const format = options.format ?? sniffFormat(content);
  const extractOptions = { url: options.url ?? null };
  const extraction = format === 'html' ? extractHtml(content, extractOptions) : extractTextCapture(content, extractOptions);
  return buildAnalysis(input, options.url ?? null, extraction);
}

/** Analyses one page input (bytes from a file, stdin, URL or archive). */
export function analyzePage(page: PageInput): Analysis {
  if (page.bytes.length === 0) throw new InputError(page.input, 'the input is empty');
  const content = new TextDecoder('utf-8').decode(page.bytes);
  return analyzeString(content, { input: page.input, url: page.url ?? null, format: page.format });
}

function sniffFormat(content: string): InputFormat {
  return /^\s*(<!doctype html|<html|<head|<body|<meta|<!--|<div|<p[\s>])/i.test(content.slice(0, 2048)) ? 'html' : 'text';
}

function buildAnalysis(input: string, url: string | null, extraction: Extraction): Analysis {
  const document = new WhosaidDocument(extraction.text);
  document.addLayer('blocks', extraction.blocks);
  const meta = extraction.metadata;
  const tags = dedupeCaseless([...meta.tags, ...extraction.tags]);
  const result: AnalysisResult = {
    input,
    url,
    title: meta.title,
    authors: meta.authors,
    site: meta.site,
    language: meta.language,
    published: meta.published,
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
    warnings: extraction.warnings,
  };
  return { document, result };
}

function dedupeCaseless(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(value.trim());
  }
  return out;
}
