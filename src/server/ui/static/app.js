// The whosaid web UI: hash routes, each page drawn from the JSON API.
//
//   #/                       search (articles and quotes for a query, with filters)
//   #/article/<id>           one article with its attributions highlighted
//   #/entity/<name>          a person or organisation: their quotes and roles
//   #/timeline?q=&interval=  articles and quotes per period
//   #/misdated  #/duplicates  #/stats
//   #/analyze                a page pasted in, analysed on demand (POST /api/analyze)

import { api, apiPost } from './api.js';
import { renderArticle, renderArticleView } from './article.js';
import { timelineChart } from './chart.js';
import { appLink, day, encodePart, externalLink, formatNumber, h, replace, snippet } from './dom.js';

const main = document.getElementById('main');
const FILTERS = ['outlet', 'from', 'to'];
const SEARCH_PAGE_SIZE = 30;

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter((part) => part !== '').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return { page: parts[0] ?? 'search', args: parts.slice(1), params: new URLSearchParams(query) };
}

function go(page, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const target = `#/${page}${query.size > 0 ? `?${query}` : ''}`;
  if (location.hash === target) render();
  else location.hash = target;
}

function paramsOf(route, names) {
  const values = {};
  for (const name of names) values[name] = route.params.get(name) ?? '';
  return values;
}

/** The query form shared by search and timeline: terms plus outlet and date filters. */
function queryForm(page, values, extra = []) {
  const field = (name, label, attributes = {}) =>
    h('label', { class: `field field-${name}` }, h('span', {}, label), h('input', { name, value: values[name] ?? '', ...attributes }));
  const form = h(
    'form',
    { class: 'query-form', role: 'search' },
    field('q', 'Search', { type: 'search', placeholder: 'words or "a phrase"', autofocus: page === 'search' ? true : null }),
    field('outlet', 'Outlet', { placeholder: 'site or host' }),
    field('from', 'From', { type: 'date' }),
    field('to', 'To', { type: 'date' }),
    extra,
    h('button', { type: 'submit', class: 'button primary' }, page === 'timeline' ? 'Draw' : 'Search'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const params = {};
    for (const [name, value] of data.entries()) params[name] = String(value).trim();
    go(page, params);
  });
  return form;
}

function hostOf(url) {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

function articleItem(hit) {
  return h(
    'li',
    { class: 'hit' },
    h('p', { class: 'hit-title' }, appLink(`article/${hit.id}`, hit.title ?? `Article ${hit.id}`)),
    h(
      'p',
      { class: 'meta' },
      hit.site ?? hostOf(hit.url),
      ` · ${day(hit.published)}`,
      hit.estimated ? ` · written ${day(hit.estimated)}` : null,
      hit.misdated ? h('span', { class: 'badge badge-warn' }, 'misdated') : null,
      hit.duplicateGroup ? h('span', { class: 'badge' }, 'has copies') : null,
    ),
    hit.snippet ? snippet(hit.snippet) : null,
  );
}

/** One quote; on an entity page the speaker and the article are the page's and the group's, so they are left out. */
function quoteItem(quote, { withSpeaker = true, withArticle = true } = {}) {
  const inContext = appLink(`article/${quote.articleId}?attribution=${encodePart(quote.attribution)}`, withArticle && quote.article ? quote.article.title ?? `Article ${quote.articleId}` : 'in context');
  return h(
    'li',
    { class: 'quote' },
    h(
      'p',
      { class: 'quote-who' },
      withSpeaker
        ? [
            quote.speaker ? appLink(`entity/${encodePart(quote.speaker)}`, quote.speaker, { class: 'speaker-link' }) : h('span', { class: 'muted' }, 'unnamed source'),
            quote.speakerRole ? h('span', { class: 'muted' }, `, ${quote.speakerRole}`) : null,
            ' ',
            h('span', { class: 'quote-cue' }, quote.cue),
          ]
        : [quote.speakerRole ? h('span', { class: 'quote-role' }, quote.speakerRole) : null, h('span', { class: 'muted' }, `${quote.speakerRole ? ' · ' : ''}“${quote.cue}”`)],
      quote.reportedBy ? h('span', { class: 'muted' }, withSpeaker ? ` (reported by ${quote.reportedBy})` : ` · reported by ${quote.reportedBy}`) : null,
    ),
    h('blockquote', { class: `quote-content kind-${quote.kind}` }, quote.content),
    h('p', { class: 'meta' }, inContext, withArticle && quote.article ? ` · ${quote.article.site ?? ''} · ${day(quote.article.published)}` : null),
  );
}

function listOrEmpty(items, render, empty, attributes = {}) {
  if (items.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h('ul', { class: 'results', ...attributes }, items.map(render));
}

async function renderSearch(route) {
  const values = paramsOf(route, ['q', ...FILTERS]);
  document.title = values.q ? `${values.q} — whosaid` : 'whosaid';
  const page = h('section', { class: 'search-page' }, h('h1', { tabindex: '-1' }, 'Search the corpus'), queryForm('search', values));
  replace(main, page);
  if (!values.q) {
    const stats = await api('stats');
    const top = await api('speakers/top', { limit: 10 });
    page.append(
      h('p', { class: 'lead' }, `${formatNumber(stats.articles)} articles, ${formatNumber(stats.attributions)} quotes from ${formatNumber(stats.speakers)} speakers.`),
      h('h2', {}, 'Most quoted'),
      listOrEmpty(top.items, (row) => h('li', {}, appLink(`entity/${encodePart(row.speaker)}`, row.speaker, { class: 'speaker-link' }), h('span', { class: 'muted' }, ` — ${row.quotes} quotes in ${row.articles} articles`)), 'No quotes yet.', { id: 'top-speakers' }),
    );
    return;
  }
  const filters = { outlet: values.outlet, from: values.from, to: values.to };
  const pageNumber = Math.max(1, Number.parseInt(route.params.get('page') ?? '1', 10) || 1);
  const offset = (pageNumber - 1) * SEARCH_PAGE_SIZE;
  const [articles, quotes, speakers] = await Promise.all([
    api('articles', { q: values.q, ...filters, limit: SEARCH_PAGE_SIZE, offset }),
    api('quotes', { about: values.q, ...filters, limit: SEARCH_PAGE_SIZE, offset }),
    api('speakers/top', { q: values.q, ...filters, limit: 8 }),
  ]);
  if (!route.current()) return;
  const range = (list) => (list.items.length === 0 ? '0' : `${offset + 1}–${offset + list.items.length}${list.items.length === list.limit ? '+' : ''}`);
  const more = articles.items.length === SEARCH_PAGE_SIZE || quotes.items.length === SEARCH_PAGE_SIZE;
  const pageLink = (number, label) => appLink(`search?${new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, value]) => value)), page: String(number) })}`, label, { rel: number > pageNumber ? 'next' : 'prev' });
  page.append(
    h('p', { class: 'meta' }, appLink(`timeline?q=${encodePart(values.q)}`, 'Timeline for this query')),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'column', id: 'article-results' }, h('h2', {}, `Articles (${range(articles)})`), listOrEmpty(articles.items, articleItem, pageNumber > 1 ? 'No more articles.' : 'No article matches.')),
      h(
        'section',
        { class: 'column', id: 'quote-results' },
        h('h2', {}, `Quotes about it (${range(quotes)})`),
        speakers.items.length > 0
          ? h('p', { class: 'meta' }, 'Quoted most: ', speakers.items.map((row, i) => [i > 0 ? ', ' : '', appLink(`entity/${encodePart(row.speaker)}`, row.speaker, { class: 'speaker-link' }), ` (${row.quotes})`]))
          : null,
        listOrEmpty(quotes.items, (quote) => quoteItem(quote), pageNumber > 1 ? 'No more quotes.' : 'No quote mentions it.'),
      ),
    ),
    pageNumber > 1 || more
      ? h('nav', { class: 'pager', 'aria-label': 'Result pages' }, pageNumber > 1 ? pageLink(pageNumber - 1, '← Previous') : null, h('span', { class: 'muted' }, ` Page ${pageNumber} `), more ? pageLink(pageNumber + 1, 'Next →') : null)
      : null,
  );
}

async function renderEntity(route) {
  const name = route.args.join('/');
  const values = paramsOf(route, FILTERS);
  const entity = await api(`entities/${encodePart(name)}`, { ...values, limit: 200 });
  const known = entity.entity;
  document.title = `${known ? known.name : name} — whosaid`;
  const roles = known ? known.roles : [];
  if (!route.current()) return;
  replace(
    main,
    h(
      'section',
      { class: 'entity-page' },
      h('h1', { tabindex: '-1' }, known ? known.name : name),
      known ? h('p', { class: 'meta' }, `${known.type} · ${known.quotes} quotes in ${known.articles} articles`) : h('p', { class: 'meta' }, `${entity.quotes} quotes`),
      h('h2', {}, 'Roles outlets give'),
      roles.length > 0
        ? h(
            'table',
            { class: 'data', id: 'entity-roles' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Outlet'), h('th', {}, 'Role'), h('th', {}, 'Articles'))),
            h('tbody', {}, roles.map((row) => h('tr', {}, h('td', {}, row.outlet ?? '–'), h('td', {}, row.role), h('td', { class: 'number' }, row.articles)))),
          )
        : h('p', { class: 'muted' }, 'No outlet gives a role.'),
      h('h2', {}, `What they were quoted saying (${entity.articles.length} article${entity.articles.length === 1 ? '' : 's'})`),
      h(
        'div',
        { id: 'entity-quotes' },
        entity.articles.map((group) =>
          h(
            'section',
            { class: 'quote-group' },
            h('h3', {}, appLink(`article/${group.article.id}`, group.article.title ?? `Article ${group.article.id}`)),
            h('p', { class: 'meta' }, `${group.article.site ?? ''} · ${day(group.article.published)}`),
            h('ul', { class: 'results' }, group.quotes.map((quote) => quoteItem({ ...quote, article: group.article }, { withSpeaker: false, withArticle: false }))),
          ),
        ),
      ),
    ),
  );
}

async function renderTimeline(route) {
  const values = paramsOf(route, ['q', 'interval', ...FILTERS]);
  const interval = ['day', 'week', 'month', 'year'].includes(values.interval) ? values.interval : 'month';
  document.title = `Timeline${values.q ? `: ${values.q}` : ''} — whosaid`;
  const select = h('label', { class: 'field field-interval' }, h('span', {}, 'Per'), h('select', { name: 'interval' }, ['day', 'week', 'month', 'year'].map((option) => h('option', { value: option, selected: option === interval }, option))));
  const page = h('section', { class: 'timeline-page' }, h('h1', { tabindex: '-1' }, 'Timeline'), queryForm('timeline', values, [select]));
  replace(main, page);
  const timeline = await api('timeline', { q: values.q, interval, outlet: values.outlet, from: values.from, to: values.to });
  if (timeline.items.length === 0) {
    page.appendChild(h('p', { class: 'muted empty' }, 'Nothing dated matches.'));
    return;
  }
  page.appendChild(timelineChart(timeline.items, interval, values.q ? `Articles and quotes per ${interval} for “${values.q}”` : `Articles and quotes per ${interval}`));
}

async function renderMisdated(route) {
  const values = paramsOf(route, FILTERS);
  document.title = 'Misdated articles — whosaid';
  const list = await api('misdated', { ...values, limit: 100 });
  if (!route.current()) return;
  replace(
    main,
    h(
      'section',
      {},
      h('h1', { tabindex: '-1' }, 'Misdated articles'),
      h('p', { class: 'lead' }, 'Articles whose stated date disagrees with when the text says it was written.'),
      list.items.length === 0
        ? h('p', { class: 'muted empty' }, 'No misdated article.')
        : h(
            'table',
            { class: 'data', id: 'misdated-list' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Article'), h('th', {}, 'Outlet'), h('th', {}, 'Stated'), h('th', {}, 'Written (estimate)'))),
            h('tbody', {}, list.items.map((hit) => h('tr', {}, h('td', {}, appLink(`article/${hit.id}`, hit.title ?? `Article ${hit.id}`)), h('td', {}, hit.site ?? '–'), h('td', {}, day(hit.published)), h('td', {}, day(hit.estimated))))),
          ),
    ),
  );
}

async function renderDuplicates(route) {
  const values = paramsOf(route, FILTERS);
  document.title = 'Duplicates — whosaid';
  const list = await api('duplicates', { ...values, limit: 100 });
  if (!route.current()) return;
  replace(
    main,
    h(
      'section',
      {},
      h('h1', { tabindex: '-1' }, 'Duplicate groups'),
      h('p', { class: 'lead' }, 'Syndicated or near-duplicate copies of the same text, largest group first.'),
      list.items.length === 0
        ? h('p', { class: 'muted empty' }, 'No duplicates.')
        : h(
            'div',
            { id: 'duplicate-groups' },
            list.items.map((group) =>
              h(
                'section',
                { class: 'quote-group' },
                h('h2', {}, `Group ${group.id}: ${group.size} copies`),
                h('ul', { class: 'plain-list' }, group.articles.map((article) => h('li', {}, appLink(`article/${article.id}`, article.title ?? `Article ${article.id}`), h('span', { class: 'muted' }, ` ${article.site ?? ''} · ${day(article.published)}`), ' ', externalLink(article.url, '↗')))),
              ),
            ),
          ),
    ),
  );
}

async function renderStats(route) {
  document.title = 'Corpus — whosaid';
  const stats = await api('stats');
  const rows = [
    ['Articles', stats.articles],
    ['Quotes (attributions)', stats.attributions],
    ['Entities', stats.entities],
    ['Speakers', stats.speakers],
    ['Duplicate groups', `${formatNumber(stats.duplicateGroups)} (${formatNumber(stats.duplicateArticles)} articles)`],
    ['Misdated', stats.misdated],
    ['Failures', stats.failures],
    ['Raw captures', `${formatNumber(stats.captures)} (${formatNumber(Math.round(stats.captureBytes / 1024))} KB compressed)`],
    ['Schema version', stats.schemaVersion],
  ];
  const failures = stats.failures > 0 ? await api('failures', { limit: 50 }) : { items: [] };
  if (!route.current()) return;
  replace(
    main,
    h(
      'section',
      {},
      h('h1', { tabindex: '-1' }, 'Corpus'),
      h('dl', { class: 'facts stats', id: 'stats' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, typeof value === 'number' ? formatNumber(value) : value)])),
      h('h2', {}, 'Analyser versions'),
      h('ul', { class: 'plain-list' }, stats.analyserVersions.map((entry) => h('li', {}, `${entry.version}: ${formatNumber(entry.articles)} articles`))),
      failures.items.length > 0
        ? [
            h('h2', {}, 'Failures'),
            h(
              'table',
              { class: 'data' },
              h('thead', {}, h('tr', {}, h('th', {}, 'Input'), h('th', {}, 'Stage'), h('th', {}, 'Reason'), h('th', {}, 'Attempts'))),
              h('tbody', {}, failures.items.map((row) => h('tr', {}, h('td', {}, row.input), h('td', {}, row.stage), h('td', {}, row.reason), h('td', { class: 'number' }, row.attempts)))),
            ),
          ]
        : null,
    ),
  );
}

/** Analyse a page on demand: paste HTML or text, see it with its attributions as an article is shown. */
function renderAnalyze() {
  document.title = 'Analyse a page — whosaid';
  const output = h('div', { id: 'analysis-output', 'aria-live': 'polite' });
  const source = h('textarea', { name: 'content', rows: '10', required: true, spellcheck: 'false', placeholder: 'Paste a page’s HTML, or its text' });
  const format = h('select', { name: 'format' }, h('option', { value: 'html' }, 'HTML'), h('option', { value: 'text' }, 'plain text'));
  const url = h('input', { name: 'url', type: 'url', placeholder: 'https://… (optional)' });
  const button = h('button', { type: 'submit', class: 'button primary' }, 'Analyse');
  const form = h(
    'form',
    { class: 'analyze-form' },
    h('label', { class: 'field field-content' }, h('span', {}, 'Page'), source),
    h('div', { class: 'query-form' }, h('label', { class: 'field' }, h('span', {}, 'Read as'), format), h('label', { class: 'field field-url' }, h('span', {}, 'URL'), url), button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { [format.value]: source.value };
    if (url.value.trim()) body.url = url.value.trim();
    button.disabled = true;
    replace(output, h('p', { class: 'muted' }, 'Analysing…'));
    try {
      const result = await apiPost('analyze', body);
      renderArticleView(output, { result });
    } catch (error) {
      replace(output, h('p', { class: 'error', role: 'alert' }, error.message));
    } finally {
      button.disabled = false;
    }
  });
  replace(
    main,
    h(
      'section',
      { class: 'analyze-page' },
      h('h1', { tabindex: '-1' }, 'Analyse a page'),
      h('p', { class: 'lead' }, 'The full analysis of one page: the article, its dates and who said what. Nothing is stored.'),
      form,
      output,
    ),
  );
}

const PAGES = {
  analyze: renderAnalyze,
  search: renderSearch,
  article: (route) => renderArticle(main, route.args[0] ?? '', route.current, route.params.get('attribution')),
  entity: renderEntity,
  timeline: renderTimeline,
  misdated: renderMisdated,
  duplicates: renderDuplicates,
  stats: renderStats,
};

let renderCount = 0;

async function render() {
  const route = parseRoute();
  const ticket = ++renderCount;
  // A page that finishes loading after the reader has moved on must not draw over the newer page.
  route.current = () => ticket === renderCount;
  for (const link of document.querySelectorAll('.site-nav a')) {
    if (link.getAttribute('data-page') === route.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const page = PAGES[route.page];
  main.setAttribute('aria-busy', 'true');
  try {
    if (!page) throw Object.assign(new Error(`There is no page “${route.page}”.`), { status: 404 });
    await page(route);
    if (ticket !== renderCount) return;
    const heading = main.querySelector('h1');
    if (heading && document.activeElement === document.body) heading.focus({ preventScroll: true });
  } catch (error) {
    if (ticket !== renderCount) return;
    replace(main, h('section', { class: 'error', role: 'alert' }, h('h1', {}, error.status === 404 ? 'Not found' : 'Something went wrong'), h('p', {}, error.message), h('p', {}, appLink('', 'Back to search'))));
  } finally {
    if (ticket === renderCount) main.removeAttribute('aria-busy');
  }
}

window.addEventListener('hashchange', render);
render();
