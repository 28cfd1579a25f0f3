/**
 * `npm run bench:extract`: extraction quality on the article-extraction
 * benchmark (AEB, 181 news pages, side by side with the stored outputs of
 * other extractors scored by the same code) and on the WCXB dev split (1,497
 * pages of seven types, body word F1 plus title/author/date accuracy).
 *
 * Prints its tables, writes per-page details to bench/out/, and rewrites its
 * sections of docs/benchmarks.md. Flags: --aeb-only, --wcxb-only, --no-docs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WHOSAID_VERSION } from '../src/version.js';
import { loadAebPages, loadAebPeers, loadWcxbPages } from './data.js';
import { runAeb, runAebPeer, runWcxb, whosaidAebBody, whosaidWcxbAnswer, type AebRun, type WcxbRun } from './evaluate.js';
import type { FieldScores } from './metrics.js';
import {
  fixed3,
  isMainModule,
  markdownTable,
  outDir,
  runHeader,
  targetRow,
  textTable,
  writeSection,
  type Cell,
} from './report.js';

/** The issue's targets. */
export const TARGETS = { aebF1: 0.975, wcxbF1: 0.87, wcxbArticleF1: 0.94 } as const;

/** Figures published by the benchmarks' maintainers (from the data README), shown for reference only. */
const PUBLISHED_AEB: ReadonlyArray<[string, number]> = [
  ['rs_trafilatura', 0.97],
  ['AutoExtract', 0.97],
  ['go_trafilatura', 0.96],
  ['trafilatura', 0.958],
  ['newspaper4k', 0.949],
  ['readability_js', 0.947],
];

const PUBLISHED_WCXB: ReadonlyArray<[string, number, number | null]> = [
  ['rs-trafilatura', 0.859, 0.932],
  ['trafilatura', 0.791, 0.926],
  ['newspaper4k', 0.72, null],
  ['Readability', 0.675, 0.825],
];

/** Peers that are commercial services (the benchmark's own label). */
const COMMERCIAL = new Set(['AutoExtract', 'Diffbot']);

/** Floors for the CI gate are suggested this far under the measured figure. */
const FLOOR_MARGIN = 0.01;

export interface Section {
  /** Markdown for docs/benchmarks.md (without the section heading). */
  markdown: string;
  /** Plain text for stdout. */
  text: string;
}

export interface AebBench extends Section {
  whosaid: AebRun;
  seconds: number;
}

export interface WcxbBench extends Section {
  run: WcxbRun;
  seconds: number;
}

function floorFigure(value: number): number {
  return Math.max(0, Math.floor((value - FLOOR_MARGIN) * 1000) / 1000);
}

export function benchAeb(command: string): AebBench {
  const started = new Date();
  const pages = loadAebPages();
  const t0 = performance.now();
  const whosaid = runAeb(pages, whosaidAebBody);
  const seconds = (performance.now() - t0) / 1000;
  const rows: Array<{ tool: string; version: string; run: AebRun; ours: boolean }> = [
    { tool: 'whosaid', version: WHOSAID_VERSION, run: whosaid, ours: true },
    ...loadAebPeers().map((peer) => ({ tool: peer.tool, version: peer.version || 'not recorded', run: runAebPeer(pages, peer), ours: false })),
  ];
  rows.sort((a, b) => b.run.summary.f1 - a.run.summary.f1 || a.tool.localeCompare(b.tool));
  const headers = ['Tool', 'Version', 'Precision', 'Recall', 'F1', 'Accuracy'];
  const cells = rows.map((row): Cell[] => [
    row.ours ? `**${row.tool}**` : COMMERCIAL.has(row.tool) ? `${row.tool} (commercial)` : row.tool,
    row.version,
    fixed3(row.run.summary.precision),
    fixed3(row.run.summary.recall),
    row.ours ? `**${fixed3(row.run.summary.f1)}**` : fixed3(row.run.summary.f1),
    fixed3(row.run.summary.accuracy),
  ]);
  const plainCells = cells.map((row) => row.map((cell) => String(cell).replace(/\*\*/g, '')));
  const f1 = whosaid.summary.f1;
  const targets = [targetRow(`AEB F1 ≥ ${TARGETS.aebF1}`, fixed3(f1), f1 >= TARGETS.aebF1)];
  const published = PUBLISHED_AEB.map(([tool, value]): Cell[] => [tool, value.toFixed(3)]);

  const worst = [...whosaid.pages].sort((a, b) => a.f1 - b.f1);
  writeFileSync(
    join(outDir(), 'aeb-pages.tsv'),
    ['id\turl\tprecision\trecall\tf1\tpredicted_words\tgold_words\terror', ...worst.map((p) => [p.id, p.url, fixed3(p.precision), fixed3(p.recall), fixed3(p.f1), p.predictedWords, p.goldWords, p.error ?? ''].join('\t'))].join('\n') + '\n',
  );

  const markdown = [
    runHeader(command, started),
    '',
    `${pages.length} pages. whosaid's body is \`extractHtml\` given the page's URL, on the page decoded by whosaid's charset decoder (\`decodePage\`); it took ${seconds.toFixed(1)} s` +
      (whosaid.errors ? `, and threw on ${whosaid.errors} page(s), scored as empty output` : '') +
      '. Every other row is that tool\'s stored output from the benchmark, scored by the same code (`bench/metrics.ts`, ' +
      'a port of the benchmark\'s `evaluate.py`: multisets of 4-word shingles of Python-style `\\w+` tokens; precision and recall ' +
      'are means over pages, F1 is their harmonic mean; accuracy is the share of pages whose token list is identical to the gold).',
    '',
    markdownTable(['Target', 'Measured', 'Status'], targets),
    '',
    markdownTable(headers, cells, [2, 3, 4, 5]),
    '',
    'Published F1 (as reported by the benchmark and its maintainers; not measured here):',
    '',
    markdownTable(['Tool', 'Published F1'], published, [1]),
  ].join('\n');

  const text = [
    `AEB: ${pages.length} pages, whosaid extraction took ${seconds.toFixed(1)} s${whosaid.errors ? `, ${whosaid.errors} page(s) threw` : ''}`,
    textTable(headers, plainCells),
    '',
    'Published F1 (reference): ' + PUBLISHED_AEB.map(([tool, value]) => `${tool} ${value.toFixed(3)}`).join(', '),
    '',
    'Worst whosaid pages (all in bench/out/aeb-pages.tsv):',
    textTable(
      ['F1', 'P', 'R', 'words', 'gold', 'url'],
      worst.slice(0, 10).map((p) => [fixed3(p.f1), fixed3(p.precision), fixed3(p.recall), p.predictedWords, p.goldWords, p.url]),
    ),
    ...targets.map((row) => `Target ${row[0]}: ${row[1]} (${row[2]})`),
  ].join('\n');
  return { markdown, text, whosaid, seconds };
}

function metadataRows(run: WcxbRun): Cell[][] {
  const withGold = (gold: string | null): boolean => gold !== null && gold.trim() !== '';
  const row = (field: string, scores: FieldScores, goldPages: number): Cell[] => [
    field,
    goldPages,
    scores.tp,
    scores.fp,
    scores.fn,
    scores.tn,
    fixed3(scores.precision),
    fixed3(scores.recall),
    fixed3(scores.accuracy),
  ];
  return [
    row('title', run.title, run.pages.filter((p) => withGold(p.title.gold)).length),
    row('author', run.author, run.pages.filter((p) => withGold(p.author.gold)).length),
    row('date', run.date, run.pages.filter((p) => withGold(p.date.gold)).length),
  ];
}

export function benchWcxb(command: string): WcxbBench {
  const started = new Date();
  const pages = loadWcxbPages();
  const t0 = performance.now();
  const run = runWcxb(pages, whosaidWcxbAnswer);
  const seconds = (performance.now() - t0) / 1000;
  const article = run.byType.find((group) => group.type === 'article');
  const headers = ['Page type', 'Pages', 'Precision', 'Recall', 'F1', '`with` found', '`without` absent'];
  const groupCells = [{ type: 'all', ...run.overall }, ...run.byType].map((group): Cell[] => [
    group.type === 'all' ? '**all**' : group.type,
    group.pages,
    fixed3(group.precision),
    fixed3(group.recall),
    group.type === 'all' ? `**${fixed3(group.f1)}**` : fixed3(group.f1),
    fixed3(group.withRate),
    fixed3(group.withoutRate),
  ]);
  const plainGroupCells = groupCells.map((row) => row.map((cell) => String(cell).replace(/\*\*|`/g, '')));
  const targets = [
    targetRow(`WCXB dev F1 ≥ ${TARGETS.wcxbF1} (all pages)`, fixed3(run.overall.f1), run.overall.f1 >= TARGETS.wcxbF1),
    targetRow(`WCXB dev F1 ≥ ${TARGETS.wcxbArticleF1} (articles)`, article ? fixed3(article.f1) : 'no article pages', article ? article.f1 >= TARGETS.wcxbArticleF1 : null),
  ];
  const published = PUBLISHED_WCXB.map(([tool, all, articles]): Cell[] => [`${tool} (published)`, all.toFixed(3), articles === null ? '' : articles.toFixed(3)]);
  const metaHeaders = ['Field', 'Pages with gold', 'TP', 'FP', 'FN', 'TN', 'Precision', 'Recall', 'Accuracy'];
  const metaCells = metadataRows(run);

  const worst = [...run.pages].sort((a, b) => a.f1 - b.f1);
  writeFileSync(
    join(outDir(), 'wcxb-pages.tsv'),
    [
      'id\ttype\turl\tprecision\trecall\tf1\twith_found\twith_total\twithout_absent\twithout_total\ttitle_ok\tauthor_ok\tdate_ok\tpredicted_date\tgold_date\terror',
      ...worst.map((p) =>
        [p.id, p.type, p.url ?? '', fixed3(p.precision), fixed3(p.recall), fixed3(p.f1), p.withFound, p.withTotal, p.withoutAbsent, p.withoutTotal, p.title.correct, p.author.correct, p.date.correct, p.date.predicted ?? '', p.date.gold ?? '', p.error ?? ''].join('\t'),
      ),
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(outDir(), 'wcxb-metadata.jsonl'),
    run.pages.map((p) => JSON.stringify({ id: p.id, type: p.type, url: p.url, title: p.title, author: p.author, date: p.date })).join('\n') + '\n',
  );

  const markdown = [
    runHeader(command, started),
    '',
    `${pages.length} pages, through \`analyzePage(page, { depth: 'extract' })\` from the raw bytes (the product's own decoding, extraction and metadata; the language and attribution stages do not change what is scored here and are not run); it took ${seconds.toFixed(1)} s` +
      (run.errors ? `, and threw on ${run.errors} page(s), scored as empty output` : '') +
      '. Body: word F1 per page over lower-cased `\\w+` bags, averaged over pages (precision and recall likewise); ' +
      '`with` found / `without` absent: the share of all the gold snippets of those pages that are / are not in the output ' +
      '(whitespace-normalised substring test).',
    '',
    markdownTable(['Target', 'Measured', 'Status'], targets),
    '',
    markdownTable(headers, groupCells, [1, 2, 3, 4, 5, 6]),
    '',
    'Published dev F1 (reported by WCXB; not measured here):',
    '',
    markdownTable(['Tool', 'F1 (all)', 'F1 (articles)'], published, [1, 2]),
    '',
    'Metadata against the gold `title`, `author` and `publish_date`, counted as htmldate\'s evaluation counts dates: ' +
      'a right answer is TP, a wrong one FP, no answer where there is gold FN, no answer where there is none TN; an answer on ' +
      'a page without gold is FP. Accuracy = (TP + TN) / pages. Title: equal after Unicode compatibility folding, dropping ' +
      'accents, case and punctuation. Author: names split on `, ; | / &` and "and" and folded the same way; right when the ' +
      'two name sets are equal or one side\'s names, in order, form a whole-word run inside the other\'s (so "Jane Doe" ' +
      'matches "Jane Doe, MD"). Date: the published date as the page states it falls on the gold day (on the gold month ' +
      'when the gold gives only a month).',
    '',
    markdownTable(metaHeaders, metaCells, [1, 2, 3, 4, 5, 6, 7, 8]),
  ].join('\n');

  const text = [
    `WCXB dev: ${pages.length} pages, analysis took ${seconds.toFixed(1)} s${run.errors ? `, ${run.errors} page(s) threw` : ''}`,
    textTable(headers.map((h) => h.replace(/`/g, '')), plainGroupCells),
    '',
    'Published (reference): ' + PUBLISHED_WCXB.map(([tool, all, articles]) => `${tool} ${all.toFixed(3)}${articles === null ? '' : ` / articles ${articles.toFixed(3)}`}`).join(', '),
    '',
    textTable(metaHeaders, metaCells),
    '',
    'Worst whosaid pages (all in bench/out/wcxb-pages.tsv):',
    textTable(['F1', 'P', 'R', 'type', 'id', 'url'], worst.slice(0, 10).map((p) => [fixed3(p.f1), fixed3(p.precision), fixed3(p.recall), p.type, p.id, p.url ?? ''])),
    ...targets.map((row) => `Target ${row[0]}: ${row[1]} (${row[2]})`),
  ].join('\n');
  return { markdown, text, run, seconds };
}

/** Floors for bench/floors.json, FLOOR_MARGIN under the measured figures; printed, never written. */
export function suggestedFloors(aeb: AebBench | null, wcxb: WcxbBench | null): Record<string, Record<string, number>> {
  const floors: Record<string, Record<string, number>> = {};
  if (aeb) floors.aeb = { f1: floorFigure(aeb.whosaid.summary.f1) };
  if (wcxb) {
    const article = wcxb.run.byType.find((group) => group.type === 'article');
    floors.wcxb = { f1: floorFigure(wcxb.run.overall.f1), ...(article ? { articleF1: floorFigure(article.f1) } : {}) };
  }
  return floors;
}

export function runExtractionBench(options: { aeb: boolean; wcxb: boolean; docs: boolean; command: string }): { aeb: AebBench | null; wcxb: WcxbBench | null } {
  const aeb = options.aeb ? benchAeb(options.command) : null;
  if (aeb) {
    console.log(aeb.text + '\n');
    if (options.docs) writeSection('aeb', aeb.markdown);
  }
  const wcxb = options.wcxb ? benchWcxb(options.command) : null;
  if (wcxb) {
    console.log(wcxb.text + '\n');
    if (options.docs) writeSection('wcxb', wcxb.markdown);
  }
  console.log('Suggested floors for bench/floors.json (measured - ' + FLOOR_MARGIN + '; not written):');
  console.log(JSON.stringify(suggestedFloors(aeb, wcxb), null, 2));
  return { aeb, wcxb };
}

if (isMainModule(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  const wcxbOnly = args.has('--wcxb-only');
  const aebOnly = args.has('--aeb-only');
  runExtractionBench({
    aeb: !wcxbOnly,
    wcxb: !aebOnly,
    docs: !args.has('--no-docs'),
    command: wcxbOnly ? 'npm run bench:wcxb' : aebOnly ? 'npm run bench:extract -- --aeb-only' : 'npm run bench:extract',
  });
}
