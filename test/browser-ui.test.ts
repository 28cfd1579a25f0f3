/**
 * The web UI in a real headless Chromium against a real server and SQLite
 * corpus: search, an article with its attributions highlighted, the
 * attribution card with speaker, role and chain, the page-details panel, a
 * person page, the timeline chart, and a hostile page whose text is markup
 * that must stay text. With WHOSAID_SCREENSHOTS=1 it also writes
 * docs/screenshots/{search,article,person,timeline}.png.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server/app.js';
import { launchChromium, missingBrowser, ON_CI, screenshotDirectory } from './support/browser.js';
import { buildTestCorpus, HOSTILE_IMG, HOSTILE_SCRIPT, type TestCorpus } from './support/server-corpus.js';

const missing = missingBrowser();

if (missing && ON_CI) {
  test('the browser tests need Chromium on CI', () => {
    assert.fail(`CI=true but ${missing}`);
  });
}

describe('web UI in Chromium', { skip: missing ?? false }, () => {
  let corpus: TestCorpus;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const offsite: string[] = [];
  const shots = screenshotDirectory();

  before(async () => {
    corpus = await buildTestCorpus();
    server = await startServer({ store: corpus.store, port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    // Every request must go to the server itself, and never to a path a hostile <img src=x> would ask for.
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) || new URL(url).pathname === '/x') offsite.push(url);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await corpus?.close();
  });

  async function screenshot(name: string): Promise<void> {
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  }

  function id(name: string): number {
    const value = corpus.ids.get(name);
    assert.ok(value);
    return value;
  }

  async function texts(selector: string): Promise<string[]> {
    return page.locator(selector).allTextContents();
  }

  test('search: articles and quotes for a query, with matches marked', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('#top-speakers li').first().waitFor();
    assert.ok((await texts('#top-speakers li')).some((text) => text.includes('Dmitry Peskov')));
    await page.fill('input[name="q"]', 'pipeline');
    await page.press('input[name="q"]', 'Enter');
    await page.locator('#article-results .hit').first().waitFor();
    const titles = await texts('#article-results .hit-title');
    assert.ok(titles.includes('Talks on the northern pipeline collapse'), titles.join(' | '));
    assert.ok(titles.includes('Kremlin says pipeline can wait'));
    assert.ok((await texts('#article-results mark')).every((text) => text.toLowerCase() === 'pipeline'));
    assert.ok((await texts('#quote-results .quote')).length > 0);
    assert.match(page.url(), /#\/search\?q=pipeline/);
    await screenshot('search');
    // Past the last result: the lists say so, and the pager leads back.
    await page.goto(`${server.url}/#/search?q=pipeline&page=2`);
    await page.locator('.pager a[rel="prev"]').waitFor();
    assert.match((await page.locator('#article-results').textContent()) ?? '', /No more articles/);
    assert.equal(await page.locator('.pager a[rel="next"]').count(), 0);
    await page.click('.pager a[rel="prev"]');
    await page.locator('#article-results .hit').first().waitFor();
    assert.doesNotMatch(page.url(), /page=2/);
  });

  test('article: source, cue and content highlighted; the card shows speaker, role and chain', async () => {
    await page.click(`#article-results a[href="#/article/${id('pipeline')}"]`);
    await page.locator('#article-body .hl').first().waitFor();
    assert.equal(await page.locator('h1').first().textContent(), 'Talks on the northern pipeline collapse');
    const sources = await texts('#article-body .hl-source');
    const cues = await texts('#article-body .hl-cue');
    const contents = await texts('#article-body .hl-content');
    assert.ok(sources.includes('Anna Weber, the German foreign minister,'), sources.join(' | '));
    assert.ok(sources.includes('The analyst Tom Reilly'));
    assert.ok(cues.includes('quoting') && cues.includes('as saying'), cues.join(' | '));
    assert.ok(contents.join('').includes('"the deal is dead for now."'));

    const card = page.locator('#attribution-card');
    assert.equal(await card.isVisible(), false);
    await page.locator('#article-body .hl-cue', { hasText: 'as saying' }).hover();
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.locator('.card-speaker a').textContent(), 'Dmitry Peskov');
    assert.match((await card.textContent()) ?? '', /the Kremlin spokesman/);
    assert.match((await card.locator('.chain-steps').textContent()) ?? '', /Tom Reilly.*quoting/);

    // A click pins the card; Escape closes it.
    await page.locator('#article-body .hl-cue', { hasText: 'said' }).first().click();
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.locator('.card-speaker a').textContent(), 'Anna Weber');
    assert.match((await card.textContent()) ?? '', /the German foreign minister/);
    assert.match((await card.locator('.chain').textContent()) ?? '', /Directly/);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });

    // Keyboard: every attribution has a tab stop on its cue, and focus shows its card.
    const stops = await page.locator('#article-body .hl-cue[tabindex="0"]').count();
    assert.ok(stops >= 4, `${stops} tab stops`);
    await page.locator('#article-body .hl-cue[tabindex="0"]', { hasText: 'told' }).focus();
    await card.waitFor({ state: 'visible' });
    assert.match((await card.textContent()) ?? '', /Brown/);
    assert.match((await card.locator('.chain-steps').textContent()) ?? '', /Anna Weber/);
    await page.locator('#article-body .hl-cue', { hasText: 'as saying' }).click();
    await screenshot('article');
    await page.keyboard.press('Escape');
  });

  test('article details: date evidence, removed chrome, related links, tags, duplicates', async () => {
    const panel = page.locator('#details-panel');
    assert.equal(await panel.isVisible(), false);
    await page.click('#details-toggle');
    await panel.waitFor({ state: 'visible' });
    assert.equal(await page.getAttribute('#details-toggle', 'aria-expanded'), 'true');
    const dates = (await page.locator('#date-evidence').textContent()) ?? '';
    assert.match(dates, /2023-03-14/);
    assert.match(dates, /from meta/);
    assert.match(dates, /Date candidates/);
    const chrome = await texts('#removed-chrome li');
    assert.ok(chrome.some((text) => text.startsWith('navigation') && text.includes('Home')), chrome.join(' | '));
    const related = page.locator('#related-links a', { hasText: 'Gas prices climb again' });
    assert.equal(await related.getAttribute('href'), 'https://harbour-gazette.example/energy/prices');
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'no javascript: link from page data');
    assert.deepEqual(await texts('#tags li'), ['energy', 'pipeline', 'diplomacy']);
    assert.equal(await page.locator(`#duplicates a[href="#/article/${id('pipeline-copy')}"]`).count(), 1);
    await page.locator('#date-evidence').scrollIntoViewIfNeeded();
    await screenshot('article-details');

    await page.goto(`${server.url}/#/article/${id('ferry')}`);
    await page.locator('#details-toggle').click();
    const ferryDates = (await page.locator('#date-evidence').textContent()) ?? '';
    assert.match(ferryDates, /Misdated\s*yes/);
    assert.match(ferryDates, /days after/);
    assert.match(ferryDates, /October 2015/);
  });

  test('person page: quotes grouped by article and the roles outlets gave', async () => {
    await page.goto(`${server.url}/#/article/${id('peskov')}`);
    await page.locator('.speakers-line a', { hasText: 'Dmitry Peskov' }).click();
    await page.locator('#entity-roles').waitFor();
    assert.match(page.url(), /#\/entity\/Dmitry%20Peskov$/);
    assert.equal(await page.locator('h1').textContent(), 'Dmitry Peskov');
    const roles = await page.locator('#entity-roles tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    assert.ok(roles.some((row) => row.startsWith('Evening Post the Kremlin press secretary')), roles.join(' | '));
    assert.ok(roles.some((row) => row.startsWith('Harbour Gazette the Kremlin spokesman')));
    assert.equal(await page.locator('#entity-quotes .quote-group').count(), 3);
    assert.ok((await texts('#entity-quotes .quote-content')).some((text) => text.includes('Nobody is in a hurry')));
    await screenshot('person');
    // "in context" opens the article on that quote, its card shown.
    await page.locator('#entity-quotes a', { hasText: 'in context' }).first().click();
    await page.locator('#attribution-card').waitFor({ state: 'visible' });
    assert.match((await page.locator('#attribution-card .card-speaker').textContent()) ?? '', /Dmitry Peskov/);
  });

  test('timeline: an SVG bar chart with axes, drawn from the counts', async () => {
    await page.click('.site-nav a[data-page="timeline"]');
    await page.fill('input[name="q"]', 'pipeline');
    await page.selectOption('select[name="interval"]', 'month');
    await page.click('button[type="submit"]');
    await page.locator('svg.timeline-chart rect.bar').first().waitFor();
    const bars = await page.locator('svg.timeline-chart rect.bar').evaluateAll((rects) =>
      rects.map((rect) => ({ period: rect.getAttribute('data-period'), value: Number(rect.getAttribute('data-value')), height: Number(rect.getAttribute('height')), series: rect.getAttribute('class') })),
    );
    const response = (await (await fetch(`${server.url}/api/timeline?q=pipeline&interval=month`)).json()) as { items: Array<{ period: string; articles: number; quotes: number }> };
    assert.equal(bars.length, response.items.length * 2, 'one article bar and one quote bar per period');
    for (const bucket of response.items) {
      const articleBar = bars.find((bar) => bar.period === bucket.period && bar.series?.includes('bar-articles'));
      assert.equal(articleBar?.value, bucket.articles);
      assert.ok((articleBar?.height ?? 0) > 0);
    }
    const tallest = bars.reduce((best, bar) => (bar.value > best.value ? bar : best));
    assert.ok(bars.every((bar) => bar.height <= tallest.height), 'heights follow the values');
    const labels = await texts('svg.timeline-chart .axis-x .tick-label');
    assert.ok(labels.includes('2023-03'), labels.join(' | '));
    const ticks = await texts('svg.timeline-chart .axis-y .tick-label');
    assert.ok(ticks.includes('0'));
    assert.ok(ticks.every((tick) => Number.isInteger(Number(tick))), `whole-number ticks: ${ticks.join(' ')}`);
    await screenshot('timeline');
  });

  test('misdated, duplicates and corpus pages list what the API returns', async () => {
    await page.click('.site-nav a[data-page="misdated"]');
    await page.locator('#misdated-list').waitFor();
    assert.match((await page.locator('#misdated-list').textContent()) ?? '', /Ferry strike ends after nine days/);
    await page.click('.site-nav a[data-page="duplicates"]');
    await page.locator('#duplicate-groups').waitFor();
    assert.equal(await page.locator('#duplicate-groups a[href^="#/article/"]').count(), 2);
    await page.click('.site-nav a[data-page="stats"]');
    await page.locator('#stats').waitFor();
    assert.match((await page.locator('#stats').textContent()) ?? '', /Articles5/);
  });

  test('analyse a page: pasted HTML comes back highlighted, its markup kept as text', async () => {
    await page.click('.site-nav a[data-page="analyze"]');
    await page.fill('textarea[name="content"]', `<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>
<p>The port reopened on Friday after a week of repairs to the main quay and the harbour cranes.</p>
<p>"We are open for business again," said Maria Lopez, the harbour master, at the quay.</p>
<p>Dock workers wrote &lt;script&gt;window.__pwned=1&lt;/script&gt; on a banner by the gate.</p></article></body></html>`);
    await page.selectOption('select[name="format"]', 'html');
    await page.click('.analyze-form button[type="submit"]');
    await page.locator('#analysis-output .hl-source').first().waitFor();
    assert.ok((await texts('#analysis-output .hl-source')).includes('Maria Lopez, the harbour master'));
    await page.locator('#analysis-output .hl-cue', { hasText: 'said' }).first().click();
    assert.equal(await page.locator('#attribution-card .card-speaker a').textContent(), 'Maria Lopez');
    assert.ok((await page.locator('#analysis-output .article-body').innerText()).includes(HOSTILE_SCRIPT));
    await page.keyboard.press('Escape');
  });

  test('a hostile page is shown literally and runs no script', async () => {
    await page.goto(`${server.url}/#/article/${id('hostile')}`);
    await page.locator('#article-body .hl').first().waitFor();
    const body = await page.locator('#article-body').innerText();
    assert.ok(body.includes(HOSTILE_IMG), 'the img markup is shown as text');
    assert.ok(body.includes(HOSTILE_SCRIPT), 'the script markup is shown as text');
    assert.match((await page.locator('h1').textContent()) ?? '', /<b>injection<\/b>/);
    assert.equal(await page.locator('main img, main b, main script').count(), 0, 'no element was made from page text');
    await page.locator('#article-body .hl-cue', { hasText: 'said' }).first().click();
    assert.ok(((await page.locator('#attribution-card .card-quote').textContent()) ?? '').includes(HOSTILE_SCRIPT));

    await page.goto(`${server.url}/#/search?q=researchers`);
    await page.locator('#article-results .hit').first().waitFor();
    assert.ok((await texts('#article-results .hit-title')).some((title) => title.includes('<b>injection</b>')));
    await page.goto(`${server.url}/#/entity/Jane%20Roe`);
    await page.locator('#entity-quotes .quote-content').first().waitFor();
    assert.ok((await texts('#entity-quotes .quote-content')).some((text) => text.includes(HOSTILE_SCRIPT)));

    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.deepEqual(offsite, [], 'no request left the server or fetched a hostile src');
    assert.deepEqual(problems, [], 'no script errors');
  });
});
