/**
 * Article search shows each hit's own passage: several articles mention the
 * same term in different sentences, and every hit's snippet must come from
 * that hit's own text — through the store, the CLI and the HTTP API.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type ListResponse, type RunningServer } from '../src/server/app.js';
import { openQueryPool } from '../src/server/query-pool.js';
import type { ArticleHit, CorpusStore } from '../src/store/types.js';
import { runCli } from './support/cli.js';
import { buildTestCorpus, type CorpusPage, type TestCorpus } from './support/server-corpus.js';

/** Each outlet's article says "sanctions" in a sentence of its own, with a word no other article has. */
const SANCTIONS_PAGES: readonly CorpusPage[] = [
  ['harbour', 'Harbour Gazette', 'The finance ministry announced new sanctions on shipping firms in Rotterdam on Monday.'],
  ['coastal', 'Coastal Herald', 'Farmers in Andalusia fear that sanctions will close their largest export market this winter.'],
  ['river', 'River Times', 'The central bank warned that sanctions against Lisbon lenders could freeze small savings accounts.'],
  ['evening', 'Evening Post', 'Diplomats in Helsinki argued late into the night over whether sanctions should include fertiliser.'],
  ['ledger', 'Tech Ledger', 'Chip makers in Taipei said sanctions on equipment exports had already delayed two new factories.'],
].map(([name, site, sentence], index) => ({
  name: name as string,
  url: `https://${name}.example/world/sanctions-${index + 1}`,
  html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${site} report ${index + 1} on trade measures</title>
<meta property="article:published_time" content="2024-0${index + 1}-10T08:00:00Z">
<meta property="og:site_name" content="${site}">
</head><body><article><h1>${site} report ${index + 1} on trade measures</h1>
<p>${sentence}</p>
<p>Officials gave no timetable for the next round of talks, and markets in the region were calm on the day.</p>
<p>Further meetings are planned for the spring, when negotiators from several capitals will return.</p>
</article></body></html>`,
}));

/** The article text of each page, by article id, as stored. */
const texts = new Map<number, string>();
let corpus: TestCorpus;

before(async () => {
  corpus = await buildTestCorpus(SANCTIONS_PAGES);
  for (const id of corpus.ids.values()) {
    const article = await corpus.store.getArticle(id);
    assert.ok(article, `article ${id} is stored`);
    texts.set(id, article.result.text);
  }
});

after(async () => {
  await corpus?.close();
});

/** The snippet's words without the highlight marks and ellipses, e.g. "announced new sanctions on shipping". */
function passageOf(snippet: string | null): string {
  assert.ok(snippet !== null, 'every hit has a snippet');
  return snippet.replace(/[⟦⟧]/g, '').replace(/…/g, '').replace(/\s+/g, ' ').trim();
}

/** Asserts every hit's passage is its own article's, and that the passages differ from hit to hit. */
function assertOwnPassages(hits: readonly { id: number; snippet: string | null }[]): void {
  assert.equal(hits.length, SANCTIONS_PAGES.length, 'every article matches');
  const passages = new Set<string>();
  for (const hit of hits) {
    const passage = passageOf(hit.snippet);
    assert.match(hit.snippet ?? '', /⟦sanctions⟧/i);
    const own = (texts.get(hit.id) ?? '').replace(/\s+/g, ' ');
    assert.ok(own.includes(passage), `hit ${hit.id}: the passage "${passage}" is not in its own article's text`);
    for (const [otherId, other] of texts) {
      if (otherId !== hit.id) assert.ok(!other.replace(/\s+/g, ' ').includes(passage), `hit ${hit.id}: the passage "${passage}" is article ${otherId}'s`);
    }
    passages.add(passage);
  }
  assert.equal(passages.size, hits.length, 'each hit shows a passage of its own');
}

describe('article search shows each hit its own passage', () => {
  test('through the store API', async () => {
    const hits = await corpus.store.searchArticles({ text: 'sanctions' });
    assertOwnPassages(hits);
    // And with a filter, which ranks through another query.
    const filtered = await corpus.store.searchArticles({ text: 'sanctions', from: '2024-03-01' });
    assert.equal(filtered.length, 3);
    for (const hit of filtered) assert.ok((texts.get(hit.id) ?? '').replace(/\s+/g, ' ').includes(passageOf(hit.snippet)));
  });

  test('through the CLI (whosaid search articles)', async () => {
    const db = join(corpus.dir, 'corpus.sqlite');
    const json = await runCli(['search', 'articles', 'sanctions', '--db', db, '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assertOwnPassages(JSON.parse(json.stdout) as ArticleHit[]);
    // The table a reader sees: each outlet's row carries its own distinctive word.
    const table = await runCli(['search', 'articles', 'sanctions', '--db', db]);
    assert.equal(table.code, 0, table.stderr);
    const rows = table.stdout.split('\n');
    for (const [site, word] of [
      ['Harbour Gazette', 'shipping'],
      ['Coastal Herald', 'Farmers'],
      ['River Times', 'central bank'],
      ['Evening Post', 'Diplomats'],
      ['Tech Ledger', 'Chip makers'],
    ]) {
      const row = rows.find((line) => line.includes(site as string));
      assert.ok(row, `a row for ${site}`);
      assert.ok(row.includes(word as string), `${site}'s row shows its own passage: ${row}`);
    }
  });

  describe('through the HTTP API', () => {
    let pooled: CorpusStore;
    let server: RunningServer;

    before(async () => {
      // As `whosaid serve` reads the corpus: through the query pool's worker threads.
      pooled = openQueryPool(join(corpus.dir, 'corpus.sqlite'), { workers: 1 });
      server = await startServer({ store: pooled, port: 0, log: () => undefined });
    });

    after(async () => {
      await server?.close();
      await pooled?.close();
    });

    test('GET /api/articles?q=sanctions', async () => {
      const response = await fetch(`${server.url}/api/articles?q=sanctions`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as ListResponse<ArticleHit>;
      assertOwnPassages(body.items);
    });
  });
});
