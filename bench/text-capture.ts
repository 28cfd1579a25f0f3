/**
 * `node dist/bench/text-capture.js`: how well the plain-text reader finds the
 * article in pages saved as text. There is no public corpus of text captures
 * with gold bodies, so captures are made from the benchmark's HTML pages the
 * way a browser's "save as text" makes them: visible text, one line per block
 * element, inline elements run together, scripts and styles dropped. The body
 * the text reader returns is scored against the benchmark's gold body with the
 * benchmark's own metric, beside two floors: the whole capture as the body, and
 * the longest line alone.
 *
 * Flags: --wcxb also scores title and date on WCXB article pages, rendered the same way.
 */
import type { ChildNode } from 'domhandler';
import { parseHtml } from '../src/extract/html/parse.js';
import { extractTextCapture } from '../src/extract/text/extract-text.js';
import { loadAebPages, loadWcxbPages, decodeHtmlBytes } from './data.js';
import { aebSummary, authorsMatch, sameDay, titleMatches, wordF1, type AebSummary } from './metrics.js';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'select', 'button', 'object', 'canvas']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'tr', 'figure', 'figcaption', 'form', 'hr', 'br',
  'address', 'details', 'summary', 'fieldset', 'legend', 'center', 'body', 'html',
]);

/** Renders an HTML page to the text a browser's "save as text" gives, iteratively (no recursion). */
export function renderAsTextCapture(html: string): string {
  const { document } = parseHtml(html);
  let out = '';
  let line = '';
  const endLine = (): void => {
    const trimmed = line.replace(/[ \t\r\n]+/g, ' ').trim();
    if (trimmed !== '') out += `${trimmed}\n`;
    else if (!out.endsWith('\n\n') && out !== '') out += '\n';
    line = '';
  };
  const stack: { node: ChildNode; closing: boolean }[] = [...document.children].reverse().map((node) => ({ node, closing: false }));
  while (stack.length > 0) {
    const { node, closing } = stack.pop()!;
    if (node.type === 'text') {
      line += node.data;
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const name = node.name.toLowerCase();
    if (SKIPPED.has(name) || 'hidden' in node.attribs) continue;
    if (closing) {
      if (BLOCK.has(name)) endLine();
      continue;
    }
    if (BLOCK.has(name)) endLine();
    if (name === 'td' || name === 'th') line += ' ';
    stack.push({ node, closing: true });
    for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push({ node: node.children[i], closing: false });
  }
  endLine();
  return out;
}

function longestLine(capture: string): string {
  let best = '';
  for (const line of capture.split('\n')) if (line.length > best.length) best = line;
  return best;
}

function row(name: string, summary: AebSummary): string {
  return `${name.padEnd(36)} P ${summary.precision.toFixed(3)}  R ${summary.recall.toFixed(3)}  F1 ${summary.f1.toFixed(3)}  exact ${summary.accuracy.toFixed(3)}`;
}

function runAeb(): void {
  const pages = loadAebPages();
  const reader: { predicted: string; gold: string }[] = [];
  const whole: { predicted: string; gold: string }[] = [];
  const longest: { predicted: string; gold: string }[] = [];
  const types = new Map<string, number>();
  let dated = 0;
  for (const page of pages) {
    const capture = renderAsTextCapture(page.html);
    const extraction = extractTextCapture(capture);
    reader.push({ predicted: extraction.text, gold: page.gold });
    whole.push({ predicted: capture, gold: page.gold });
    longest.push({ predicted: longestLine(capture), gold: page.gold });
    types.set(extraction.pageType, (types.get(extraction.pageType) ?? 0) + 1);
    if (extraction.metadata.published.stated !== null) dated += 1;
  }
  console.log(`AEB pages rendered as text captures: ${pages.length}`);
  console.log(row('text reader', aebSummary(reader)));
  console.log(row('floor: whole capture as body', aebSummary(whole)));
  console.log(row('floor: longest line as body', aebSummary(longest)));
  console.log(`page types: ${[...types].map(([type, count]) => `${type} ${count}`).join(', ')}; pages with a dateline read: ${dated}`);
}

function runWcxbArticles(): void {
  const pages = loadWcxbPages().filter((page) => page.type === 'article');
  let titleGold = 0;
  let titleRight = 0;
  let titleAnswered = 0;
  let dateGold = 0;
  let dateRight = 0;
  let dateAnswered = 0;
  let authorGold = 0;
  let authorRight = 0;
  let authorAnswered = 0;
  let readerF1 = 0;
  let wholeF1 = 0;
  for (const page of pages) {
    const capture = renderAsTextCapture(decodeHtmlBytes(page.id, page.bytes));
    const extraction = extractTextCapture(capture);
    readerF1 += wordF1(extraction.text, page.gold.main_content).f1;
    wholeF1 += wordF1(capture, page.gold.main_content).f1;
    const { title, published } = extraction.metadata;
    if (title !== null) titleAnswered += 1;
    if (page.gold.title) {
      titleGold += 1;
      if (titleMatches(title, page.gold.title)) titleRight += 1;
    }
    const { authors } = extraction.metadata;
    if (authors.length > 0) authorAnswered += 1;
    if (page.gold.author) {
      authorGold += 1;
      if (authors.length > 0 && authorsMatch(authors, page.gold.author)) authorRight += 1;
    }
    if (published.stated !== null) dateAnswered += 1;
    if (page.gold.publish_date) {
      dateGold += 1;
      if (sameDay(published.stated, page.gold.publish_date)) dateRight += 1;
    }
  }
  console.log(`WCXB article pages rendered as text captures: ${pages.length}`);
  console.log(`body word F1 (mean over pages): text reader ${(readerF1 / pages.length).toFixed(3)}, floor: whole capture ${(wholeF1 / pages.length).toFixed(3)}`);
  console.log(`title: answered ${titleAnswered}, right ${titleRight} of ${titleGold} with a gold title`);
  console.log(`authors: answered ${authorAnswered}, right ${authorRight} of ${authorGold} with gold authors`);
  console.log(`published day: answered ${dateAnswered}, right ${dateRight} of ${dateGold} with a gold date`);
}

runAeb();
if (process.argv.includes('--wcxb')) runWcxbArticles();
