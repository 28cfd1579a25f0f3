// The article view: the body with every attribution highlighted, the
// attribution card (speaker, role, the chain it was reported through), and
// the page-details panel (dates and their evidence, removed chrome, related
// links, tags, duplicates).

import { api } from './api.js';
import { appLink, day, encodePart, externalLink, h, replace } from './dom.js';

const ROLE_ORDER = ['cue', 'source', 'content'];

/** Each attribution's marked spans: its source, its cue, and its content (in parts when interrupted). */
function marksOf(attributions) {
  const marks = [];
  for (const attribution of attributions) {
    if (attribution.source) marks.push({ id: attribution.id, role: 'source', start: attribution.source.start, end: attribution.source.end });
    marks.push({ id: attribution.id, role: 'cue', start: attribution.cue.start, end: attribution.cue.end });
    const parts = attribution.content.parts && attribution.content.parts.length > 0 ? attribution.content.parts : [attribution.content];
    for (const part of parts) marks.push({ id: attribution.id, role: 'content', start: part.start, end: part.end });
  }
  return marks.filter((mark) => mark.end > mark.start);
}

/**
 * Cuts one block of the text at every mark boundary and returns its pieces:
 * plain Text nodes, and <span> elements carrying the roles of every mark that
 * covers them. Spans nest (a quote reported inside another), so a piece can be
 * content of one attribution and source of another; its classes say both, and
 * `data-attribution` names the innermost (shortest) mark, the one a click shows.
 */
function renderBlockText(text, block, marks, registry) {
  const inside = marks.filter((mark) => mark.start < block.end && mark.end > block.start);
  const cuts = new Set([block.start, block.end]);
  for (const mark of inside) {
    if (mark.start > block.start) cuts.add(mark.start);
    if (mark.end < block.end) cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    const piece = text.slice(start, end);
    const covering = inside.filter((mark) => mark.start <= start && mark.end >= end);
    if (covering.length === 0) {
      pieces.push(document.createTextNode(piece));
      continue;
    }
    const roles = new Set(covering.map((mark) => mark.role));
    const innermost = covering.reduce((best, mark) => (mark.end - mark.start < best.end - best.start ? mark : best));
    const ids = [...new Set(covering.map((mark) => mark.id))];
    const classes = ['hl', ...ROLE_ORDER.filter((role) => roles.has(role)).map((role) => `hl-${role}`)];
    const span = h('span', { class: classes.join(' '), 'data-attribution': innermost.id, 'data-attributions': ids.join(' ') }, piece);
    // The first piece of each cue is where the keyboard stops: one tab stop per attribution.
    if (innermost.role === 'cue' && !registry.focusable.has(innermost.id)) {
      registry.focusable.add(innermost.id);
      span.setAttribute('tabindex', '0');
      span.setAttribute('role', 'button');
    }
    for (const id of ids) {
      if (!registry.pieces.has(id)) registry.pieces.set(id, []);
      registry.pieces.get(id).push(span);
    }
    pieces.push(span);
  }
  return pieces;
}

const BLOCK_TAGS = { heading: 'h3', 'list-item': 'li', quote: 'blockquote', 'table-row': 'p', preformatted: 'pre', caption: 'p', paragraph: 'p' };

/** The body as blocks with highlighted attributions; list items are gathered into lists. */
function renderBody(result, registry) {
  const text = result.text;
  const marks = marksOf(result.attributions ?? []);
  const blocks = result.blocks && result.blocks.length > 0 ? result.blocks : [{ start: 0, end: text.length, kind: 'paragraph' }];
  const body = h('div', { class: 'article-body', id: 'article-body' });
  let list = null;
  for (const block of blocks) {
    const tag = BLOCK_TAGS[block.kind] ?? 'p';
    const element = h(tag, { class: `block block-${block.kind}` }, renderBlockText(text, block, marks, registry));
    if (tag === 'li') {
      if (!list) {
        list = h('ul');
        body.appendChild(list);
      }
      list.appendChild(element);
    } else {
      list = null;
      body.appendChild(element);
    }
  }
  return body;
}

function speakerName(attribution) {
  if (attribution.speaker) return attribution.speaker.name;
  if (attribution.source) return attribution.source.text;
  return null;
}

/** The attribution card: who, in what role, with which words, and the chain of reports it came through. */
function attributionCard(attribution, byId, children) {
  const name = speakerName(attribution);
  const card = h('div', { class: 'card-body' });
  card.appendChild(
    h(
      'p',
      { class: 'card-speaker' },
      name ? appLink(`entity/${encodePart(name)}`, name, { class: 'speaker-link' }) : h('span', { class: 'muted' }, 'no named source'),
      attribution.speaker && attribution.speaker.role ? h('span', { class: 'card-role' }, `, ${attribution.speaker.role}`) : null,
    ),
  );
  const facts = h('dl', { class: 'facts' });
  const fact = (label, value) => {
    if (value === null || value === undefined || value === '') return;
    facts.append(h('dt', {}, label), h('dd', {}, value));
  };
  fact('Role', attribution.speaker && attribution.speaker.role ? attribution.speaker.role : 'not given in this article');
  if (attribution.source && name !== attribution.source.text) fact('Named as', `“${attribution.source.text}”`);
  fact('Cue', `“${attribution.cue.text}”`);
  fact('Kind', attribution.kind);
  card.appendChild(facts);
  card.appendChild(h('blockquote', { class: 'card-quote' }, clip(attribution.content.text, 320)));

  const chain = [];
  const seen = new Set([attribution.id]);
  for (let parent = byId.get(attribution.parent); parent && !seen.has(parent.id); parent = byId.get(parent.parent)) {
    seen.add(parent.id);
    chain.push(parent);
  }
  const chainBox = h('div', { class: 'chain' }, h('p', { class: 'chain-title' }, 'Reported through'));
  if (chain.length === 0) {
    chainBox.appendChild(h('p', { class: 'muted chain-none' }, 'Directly: not reported inside another attribution.'));
  } else {
    const steps = h('ol', { class: 'chain-steps' });
    for (const parent of chain) {
      steps.appendChild(h('li', { 'data-chain': parent.id }, h('strong', {}, speakerName(parent) ?? 'unnamed source'), ` ${parent.cue.text} … `, h('span', { class: 'muted' }, `(${parent.id})`)));
    }
    chainBox.appendChild(steps);
  }
  const reported = children.get(attribution.id) ?? [];
  if (reported.length > 0) {
    chainBox.appendChild(h('p', { class: 'chain-title' }, 'Reports made through it'));
    chainBox.appendChild(h('ul', { class: 'chain-children' }, reported.map((child) => h('li', {}, h('strong', {}, speakerName(child) ?? 'unnamed source'), ` ${child.cue.text}: “${clip(child.content.text, 80)}”`))));
  }
  card.appendChild(chainBox);
  return card;
}

function clip(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Hover, click and keyboard on the highlights show the attribution card beside the text. */
function wireHighlights(container, popover, attributions, registry) {
  const byId = new Map(attributions.map((attribution) => [attribution.id, attribution]));
  const children = new Map();
  for (const attribution of attributions) {
    if (!attribution.parent) continue;
    if (!children.has(attribution.parent)) children.set(attribution.parent, []);
    children.get(attribution.parent).push(attribution);
  }
  let shown = null;
  let pinned = false;

  const setActive = (id, on) => {
    for (const piece of registry.pieces.get(id) ?? []) piece.classList.toggle('active', on);
  };
  const show = (target, pin, id = target.getAttribute('data-attribution')) => {
    const attribution = byId.get(id);
    if (!attribution) return;
    if (shown) setActive(shown, false);
    shown = id;
    pinned = pin;
    setActive(id, true);
    replace(
      popover,
      h('div', { class: 'card-head' }, h('span', { class: `kind kind-${attribution.kind}` }, attribution.kind), h('button', { type: 'button', class: 'close', 'aria-label': 'Close', onclick: () => hide(true) }, '×')),
      attributionCard(attribution, byId, children),
    );
    popover.hidden = false;
    const box = target.getBoundingClientRect();
    const host = popover.offsetParent ? popover.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    const width = Math.min(380, window.innerWidth - 24);
    const left = Math.max(8, Math.min(box.left - host.left, window.innerWidth - host.left - width - 12));
    popover.style.left = `${left}px`;
    popover.style.top = `${box.bottom - host.top + 6}px`;
    popover.style.width = `${width}px`;
  };
  const hide = (force) => {
    if (pinned && !force) return;
    if (shown) setActive(shown, false);
    shown = null;
    pinned = false;
    popover.hidden = true;
  };

  container.addEventListener('mouseover', (event) => {
    const target = event.target.closest('.hl');
    if (target && !pinned) show(target, false);
  });
  container.addEventListener('mouseleave', () => hide(false));
  container.addEventListener('click', (event) => {
    const target = event.target.closest('.hl');
    if (!target) return;
    const same = pinned && shown === target.getAttribute('data-attribution');
    if (same) hide(true);
    else show(target, true);
  });
  container.addEventListener('focusin', (event) => {
    const target = event.target.closest('.hl');
    if (target) show(target, false);
  });
  container.addEventListener('keydown', (event) => {
    const target = event.target.closest('.hl');
    if (target && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      show(target, true);
    }
  });
  const onEscape = (event) => {
    // The listener outlives the view it was made for; it removes itself once that view is gone.
    if (!popover.isConnected) document.removeEventListener('keydown', onEscape);
    else if (event.key === 'Escape') hide(true);
  };
  document.addEventListener('keydown', onEscape);
  return (target, id) => show(target, true, id);
}

/** The date evidence: the stated date and where it was read, every candidate, the estimate and the misdated verdict. */
function datePanel(result) {
  const published = result.published ?? {};
  const section = h('section', { class: 'panel-section', id: 'date-evidence' }, h('h3', {}, 'Dates'));
  const facts = h('dl', { class: 'facts' });
  const fact = (label, ...value) => facts.append(h('dt', {}, label), h('dd', {}, ...value));
  fact('Stated', published.stated ?? 'none found', published.source ? h('span', { class: 'muted' }, ` from ${published.source}`) : null);
  if (published.raw) fact('As written', `“${published.raw}”`);
  if (published.precision) fact('Precision', published.precision);
  if (result.modified && result.modified.stated) fact('Modified', result.modified.stated, result.modified.source ? h('span', { class: 'muted' }, ` from ${result.modified.source}`) : null);
  const estimate = published.estimated;
  if (estimate && !estimate.unknown) {
    fact('Written', `${estimate.earliest} – ${estimate.latest}`, h('span', { class: 'muted' }, ` (best guess ${estimate.best}, confidence ${Math.round(estimate.confidence * 100)}%)`));
  } else if (estimate && estimate.unknown) {
    fact('Written', h('span', { class: 'muted' }, `unknown: ${estimate.reason}`));
  }
  if (published.misdated !== undefined) {
    fact('Misdated', published.misdated ? h('span', { class: 'badge badge-warn' }, 'yes') : 'no', published.misdatedReason ? h('span', { class: 'muted' }, ` — ${published.misdatedReason}`) : null);
  }
  section.appendChild(facts);
  if (estimate && !estimate.unknown && estimate.evidence && estimate.evidence.length > 0) {
    section.appendChild(h('h4', {}, 'Evidence in the text'));
    section.appendChild(h('ul', { class: 'evidence' }, estimate.evidence.map((item) => h('li', {}, h('q', {}, item.text), ' — ', h('span', { class: 'muted' }, item.why)))));
  }
  const candidates = published.candidates ?? [];
  if (candidates.length > 0) {
    section.appendChild(h('h4', {}, `Date candidates (${candidates.length})`));
    section.appendChild(
      h(
        'table',
        { class: 'data' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Value'), h('th', {}, 'As written'), h('th', {}, 'Source'), h('th', {}, 'Where'), h('th', {}, 'Kind'))),
        h('tbody', {}, candidates.map((candidate) => h('tr', {}, h('td', {}, candidate.value), h('td', {}, candidate.raw), h('td', {}, candidate.source), h('td', {}, candidate.detail), h('td', {}, candidate.kind)))),
      ),
    );
  }
  return section;
}

function listSection(id, title, items, render, empty) {
  const section = h('section', { class: 'panel-section', id }, h('h3', {}, `${title} (${items.length})`));
  section.appendChild(items.length > 0 ? h('ul', { class: 'plain-list' }, items.map((item) => h('li', {}, render(item)))) : h('p', { class: 'muted' }, empty));
  return section;
}

/** The panel one click away: what was cut from the page, and how its dates were judged. */
function detailsPanel(article) {
  const result = article.result;
  const panel = h('aside', { class: 'details-panel', id: 'details-panel', hidden: true, 'aria-label': 'Page details' });
  panel.appendChild(datePanel(result));
  // A page analysed on demand is in no corpus, so it has no duplicates to list.
  if (article.id) panel.appendChild(
    listSection('duplicates', 'Duplicates', article.duplicates ?? [], (copy) => [appLink(`article/${copy.id}`, copy.title ?? `article ${copy.id}`), h('span', { class: 'muted' }, ` ${copy.site ?? ''} ${day(copy.published)}`)], 'No other copy of this article in the corpus.'),
  );
  panel.appendChild(listSection('removed-chrome', 'Removed chrome', result.chrome ?? [], (item) => [h('span', { class: 'badge' }, item.kind), ' ', item.text], 'Nothing was cut.'));
  panel.appendChild(listSection('related-links', 'Related links', result.related ?? [], (link) => externalLink(link.url, link.title), 'No related-stories block.'));
  panel.appendChild(listSection('tags', 'Tags', result.tags ?? [], (tag) => tag, 'No tags.'));
  if ((result.warnings ?? []).length > 0) panel.appendChild(listSection('warnings', 'Warnings', result.warnings, (warning) => warning, ''));
  const facts = h('dl', { class: 'facts' });
  const fact = (label, value) => facts.append(h('dt', {}, label), h('dd', {}, value ?? '–'));
  fact('Input', article.input ?? result.input);
  fact('URL', externalLink(article.url ?? result.url));
  if (article.id) {
    fact('Captured', article.capturedAt);
    fact('Stored', article.ingestedAt);
  }
  fact('Page type', `${result.pageType}${result.pageTypeReason ? ` (${result.pageTypeReason})` : ''}`);
  fact('Analyser', article.analyserVersion ?? `${result.extractor.name} ${result.extractor.version}`);
  if (article.contentHash) fact('Content hash', article.contentHash);
  panel.appendChild(h('section', { class: 'panel-section' }, h('h3', {}, 'Capture'), facts));
  return panel;
}

/** The people and organisations quoted in the article, each a link to their page. */
function speakersLine(attributions) {
  const counts = new Map();
  for (const attribution of attributions) {
    const name = speakerName(attribution);
    if (!name || !attribution.speaker) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return h('p', { class: 'speakers-line' }, h('span', { class: 'muted' }, 'Quoted: '), sorted.map(([name, count], i) => [i > 0 ? ', ' : '', appLink(`entity/${encodePart(name)}`, name, { class: 'speaker-link' }), h('span', { class: 'muted' }, ` (${count})`)]));
}

export async function renderArticle(main, id, current = () => true, focusAttribution = null) {
  const article = await api(`articles/${encodePart(id)}`);
  if (!current()) return;
  renderArticleView(main, article, focusAttribution);
}

/**
 * Draws an analysed page into `container`: a stored article (with its corpus
 * fields and duplicates) or a fresh analysis result wrapped as `{ result }`.
 */
export function renderArticleView(container, article, focusAttribution = null) {
  const result = article.result;
  const attributions = result.attributions ?? [];
  document.title = `${result.title ?? (article.id ? `Article ${article.id}` : 'Analysis')} — whosaid`;
  const registry = { pieces: new Map(), focusable: new Set() };
  const published = result.published ?? {};
  const estimate = published.estimated && !published.estimated.unknown ? published.estimated : null;

  const panel = detailsPanel(article);
  const toggle = h('button', { type: 'button', class: 'button', id: 'details-toggle', 'aria-expanded': 'false', 'aria-controls': 'details-panel' }, 'Page details: dates, removed chrome, links, tags, duplicates');
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) panel.scrollIntoView({ block: 'nearest' });
  });

  const popover = h('div', { class: 'attribution-card', id: 'attribution-card', hidden: true, role: 'dialog', 'aria-live': 'polite', 'aria-label': 'Attribution' });
  const body = renderBody(result, registry);
  const header = h(
    'header',
    { class: 'article-head' },
    h(article.id ? 'h1' : 'h2', { tabindex: '-1' }, result.title ?? '(untitled)'),
    h(
      'p',
      { class: 'meta' },
      result.site ? h('span', {}, result.site) : null,
      result.authors && result.authors.length > 0 ? h('span', {}, ` · by ${result.authors.join(', ')}`) : null,
      h('span', {}, ` · stated ${day(published.stated)}`),
      estimate ? h('span', {}, ` · written ${estimate.best}`) : null,
      published.misdated ? h('span', { class: 'badge badge-warn' }, 'misdated') : null,
      article.duplicates && article.duplicates.length > 0 ? h('span', { class: 'badge' }, `${article.duplicates.length} duplicate${article.duplicates.length > 1 ? 's' : ''}`) : null,
    ),
    article.url ? h('p', { class: 'meta' }, externalLink(article.url)) : null,
    speakersLine(attributions),
    h(
      'p',
      { class: 'legend' },
      `${attributions.length} attribution${attributions.length === 1 ? '' : 's'}: `,
      h('span', { class: 'hl hl-source' }, 'source'),
      ' ',
      h('span', { class: 'hl hl-cue' }, 'cue'),
      ' ',
      h('span', { class: 'hl hl-content' }, 'content'),
      h('span', { class: 'muted' }, ' — hover, click or tab to a cue for who said it and through whom.'),
    ),
    toggle,
  );
  replace(container, h('article', { class: 'article-view' }, header, panel, h('div', { class: 'article-text' }, body, popover)));
  const showAttribution = wireHighlights(body, popover, attributions, registry);
  // A link from a quote elsewhere ("in context") opens the article on that quote.
  const target = focusAttribution ? (registry.pieces.get(focusAttribution) ?? [])[0] : null;
  if (target) {
    target.scrollIntoView({ block: 'center' });
    showAttribution(target, focusAttribution);
  }
}
