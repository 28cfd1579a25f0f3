/**
 * A small real corpus for the server and browser tests: hand-written news
 * pages analysed with the full pipeline and stored in a real SQLite file.
 *
 * The pages are chosen to exercise what the API and UI show: a chain of
 * reports (a quote reported through another speaker), a syndicated copy on a
 * second outlet (a duplicate group), a page whose stated date is years after
 * what its text says (misdated), one speaker given different roles by
 * different outlets, and a hostile page whose visible text is markup that
 * would run script if a UI ever parsed it as HTML.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeHtml } from '../../src/analyze.js';
import { canonicalUrl } from '../../src/store/canonical-url.js';
import { minhashSignature } from '../../src/store/dedupe/minhash.js';
import { openStore } from '../../src/store/index.js';
import type { CorpusStore, NewArticle } from '../../src/store/types.js';

export interface CorpusPage {
  /** A short name tests use to find the page. */
  name: string;
  url: string;
  html: string;
}

/** The visible text of the hostile page, as a reader should see it on screen. */
export const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';
export const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';

/** HTML-escapes text for writing it into a page as visible text. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PIPELINE_BODY = `<h1>Talks on the northern pipeline collapse</h1>
<p>Negotiations over the northern gas pipeline broke down on Monday after three weeks of meetings in Geneva, leaving the project without a timetable.</p>
<p>Anna Weber, the German foreign minister, said that the other side had walked away from the table without a counter-offer.</p>
<p>The analyst Tom Reilly said, quoting the Kremlin spokesman Dmitry Peskov as saying that "the deal is dead for now."</p>
<p>“The plan is dead. Senator Brown told us that it would fail within a year,” the minister said.</p>
<p>Energy traders expect gas prices to climb over the coming weeks as storage levels fall across the region.</p>`;

function pipelinePage(site: string, url: string, extraChrome: string): CorpusPage {
  return {
    name: site === 'Harbour Gazette' ? 'pipeline' : 'pipeline-copy',
    url,
    html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Talks on the northern pipeline collapse - ${site}</title>
<meta property="article:published_time" content="2023-03-14T08:00:00Z">
<meta property="og:site_name" content="${site}">
<meta name="keywords" content="energy, pipeline, diplomacy">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article>
${PIPELINE_BODY}
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="https://harbour-gazette.example/energy/prices">Gas prices climb again</a></li>
<li><a href="javascript:window.__pwned=1">A link that must not run</a></li>
</ul></aside>
<div class="share">Share on Facebook Share on Twitter</div>
${extraChrome}
<footer>Copyright ${site} 2023</footer>
</body></html>`,
  };
}

export const CORPUS_PAGES: readonly CorpusPage[] = [
  pipelinePage('Harbour Gazette', 'https://harbour-gazette.example/world/pipeline-talks-collapse', ''),
  pipelinePage('Coastal Herald', 'https://coastal-herald.example/news/pipeline-talks', '<div class="newsletter">Sign up for our newsletter</div>'),
  {
    name: 'ferry',
    url: 'https://river-times.example/news/ferry-strike',
    html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry strike ends after nine days</title>
<meta property="article:published_time" content="2023-06-01T08:00:00Z">
<meta property="og:site_name" content="River Times">
</head><body><article><h1>Ferry strike ends after nine days</h1>
<p>The ferry strike that stranded thousands of commuters ended on Tuesday when the union accepted a new offer from the operator.</p>
<p>"This is a fair deal for our members," said Tomas Berg, the head of the dockworkers union, on Tuesday.</p>
<p>The operator said that services will resume on 14 March 2016, and the union will vote on the offer next week.</p>
<p>Last year the union staged a two-day walkout in October 2015.</p>
</article></body></html>`,
  },
  {
    name: 'peskov',
    url: 'https://evening-post.example/world/kremlin-pipeline',
    html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kremlin says pipeline can wait</title>
<meta property="article:published_time" content="2022-11-20T10:00:00Z">
<meta property="og:site_name" content="Evening Post">
</head><body><article><h1>Kremlin says pipeline can wait</h1>
<p>Moscow is in no hurry to restart work on the northern pipeline, officials said on Sunday as winter approached.</p>
<p>Dmitry Peskov, the Kremlin press secretary, said that the pipeline could wait until the spring and that no talks were planned.</p>
<p>"Nobody is in a hurry," Peskov said when asked about the pipeline on Sunday.</p>
<p>The project has been stalled since the summer, when engineers reported damage to two sections of the line.</p>
</article></body></html>`,
  },
  {
    name: 'hostile',
    url: 'https://tech-ledger.example/security/markup-in-comments',
    html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Researchers find markup ${escapeHtml('<b>injection</b>')} in comment forms</title>
<meta property="article:published_time" content="2023-05-02T12:00:00Z">
<meta property="og:site_name" content="Tech Ledger">
</head><body><article><h1>Researchers find markup ${escapeHtml('<b>injection</b>')} in comment forms</h1>
<p>Security researchers found that several news sites printed reader comments without escaping them, so that text such as ${escapeHtml(HOSTILE_IMG)} ran as code in the browser.</p>
<p>"Anyone could post ${escapeHtml(HOSTILE_SCRIPT)} and it would run for every reader," said Jane Roe, a security researcher at Northbank.</p>
<p>The sites fixed the flaw within a week of being told, the researchers said in their report on the pipeline of comment moderation.</p>
<p>Readers were advised to clear their browser data after visiting the affected pages during the spring.</p>
</article></body></html>`,
  },
];

export interface TestCorpus {
  store: CorpusStore;
  dir: string;
  /** Article ids by page name. */
  ids: Map<string, number>;
  close(): Promise<void>;
}

/** Analyses the corpus pages and stores them in a fresh SQLite file under the temp folder. */
export async function buildTestCorpus(pages: readonly CorpusPage[] = CORPUS_PAGES): Promise<TestCorpus> {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-server-'));
  const store = await openStore(join(dir, 'corpus.sqlite'));
  const records: NewArticle[] = pages.map((page) => {
    const raw = new TextEncoder().encode(page.html);
    const result = analyzeHtml(page.html, { url: page.url, input: `${page.name}.html` });
    return {
      input: `${page.name}.html`,
      origin: 'file',
      url: page.url,
      canonicalUrl: canonicalUrl(page.url),
      contentHash: createHash('sha256').update(raw).digest('hex'),
      raw,
      contentType: 'text/html; charset=utf-8',
      capturedAt: '2023-07-01T00:00:00Z',
      result,
      minhash: minhashSignature(result.text),
    };
  });
  const outcomes = await store.putArticles(records);
  const ids = new Map(pages.map((page, index) => [page.name, outcomes[index].articleId]));
  return {
    store,
    dir,
    ids,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
