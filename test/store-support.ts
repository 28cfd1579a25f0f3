/** Pages and analyses for the corpus store tests: real analyses of small hand-written pages. */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeHtml, analyzeText } from '../src/analyze.js';
import { canonicalUrl } from '../src/store/canonical-url.js';
import { minhashSignature } from '../src/store/dedupe/minhash.js';
import type { AnalysisResult } from '../src/model/result.js';
import type { CaptureOrigin, NewArticle } from '../src/store/types.js';

export function htmlPage(title: string, site: string, published: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:site_name" content="${site}"><meta property="article:published_time" content="${published}"></head>
<body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></body></html>`;
}

export const BUDGET_PARAGRAPHS = [
  '“We will win this fight for our schools,” said John Smith, the mayor of Springfield, after the council approved the budget.',
  'The plan raises spending on schools and roads while cutting the parks department, after a debate that lasted well into the night at the town hall.',
  'Smith said the plan would keep taxes flat for another year. “It is our time,” he said.',
  'The opposition leader, Mary Jones, said the cuts to parks would fall hardest on neighbourhoods that already have the fewest green spaces.',
];

export const BUDGET = htmlPage('Council approves budget', 'Springfield Gazette', '2021-06-10T09:00:00Z', BUDGET_PARAGRAPHS);

/** The budget story as another outlet ran it, lightly edited. */
export const BUDGET_REPRINT = htmlPage('Springfield council passes budget', 'Valley Post', '2021-06-11T07:30:00Z', [
  BUDGET_PARAGRAPHS[0] as string,
  (BUDGET_PARAGRAPHS[1] as string).replace('well into the night', 'late into the night'),
  BUDGET_PARAGRAPHS[2] as string,
  BUDGET_PARAGRAPHS[3] as string,
]);

export const FLOODS = htmlPage('Floods hit valley', 'Valley Post', '2019-03-02T08:00:00Z', [
  'Heavy rain flooded several villages in the river valley over the weekend, forcing hundreds of families to leave their homes.',
  '“The water rose faster than anyone expected,” said Peter Novak, the regional fire chief.',
  'Forecasters warned that more storms were on the way and urged residents to follow evacuation orders, and schools were turned into shelters.',
]);

/** Stated in 2010, but the text speaks of 2018 as past: misdated. */
export const OLD_LAW = htmlPage('Tax law review', 'Capital Times', '2010-01-05T09:00:00Z', [
  'The law that parliament passed in March 2018 has changed how the city collects taxes, said Anna Berg, the finance minister.',
  'Critics said in June 2018 that the change came too late for small shops.',
]);

export const KREMLIN_TEXT = `Talks to continue

Kremlin spokesman Dmitry Peskov said on Monday that the talks would continue next week. "We are ready to listen," Peskov told reporters in Moscow.`;

export interface PageOptions {
  input?: string;
  url?: string | null;
  origin?: CaptureOrigin;
  /** Analyse as plain text rather than HTML. */
  text?: boolean;
  /** Use this analysis instead of analysing the raw bytes. */
  result?: AnalysisResult;
}

const analyses = new Map<string, AnalysisResult>();

/** A page ready for putArticles: raw bytes, their hash, a real analysis and its MinHash signature. */
export function newArticle(content: string, options: PageOptions = {}): NewArticle {
  const url = options.url === undefined ? null : options.url;
  const cacheKey = `${options.text ? 'text' : 'html'}\u0000${url ?? ''}\u0000${content}`;
  let result = options.result ?? analyses.get(cacheKey);
  if (result === undefined) {
    result = options.text ? analyzeText(content, { url }) : analyzeHtml(content, { url });
    analyses.set(cacheKey, result);
  }
  // Each page gets its own copy: the store must not depend on shared objects.
  result = structuredClone(result);
  const raw = Buffer.from(content, 'utf8');
  return {
    input: options.input ?? url ?? 'page.html',
    origin: options.origin ?? (url ? 'url' : 'file'),
    url,
    canonicalUrl: canonicalUrl(url),
    contentHash: createHash('sha256').update(raw).digest('hex'),
    raw,
    contentType: options.text ? 'text/plain' : 'text/html',
    capturedAt: '2024-01-02T03:04:05.000Z',
    result,
    minhash: minhashSignature(result.text),
  };
}

/** A temporary folder for store files, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; path: (name: string) => string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'whosaid-store-'));
  return { dir, path: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}
