// Building the page from data without ever parsing data as markup.
//
// Every string from the corpus (titles, article text, quotes, names) becomes a
// Text node or an attribute value set through the DOM; nothing here assigns
// innerHTML, so text such as "<img src=x onerror=…>" stays text. Links take
// only http(s) URLs from data, so a "javascript:" URL in a page cannot run.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an element: h('a', { href: '#/x', class: 'link', onclick: fn }, 'text', child).
 * Attributes named on* must be functions and become listeners; null/undefined/false attributes are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** Creates an SVG element with the same conventions as h(). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
      element.addEventListener(name.slice(2), value);
    } else if (name === 'href' || name === 'src') {
      // Defence in depth: even a link built from data by mistake cannot carry a javascript: or data: URL.
      const url = String(value);
      if (!/^(#|\/(?!\/)|https?:\/\/)/i.test(url)) throw new TypeError(`refusing ${name} "${url.slice(0, 40)}"`);
      element.setAttribute(name, url);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/** Appends children: strings and numbers as text, nodes as they are, arrays flattened, null skipped. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A link to a URL taken from data: only http(s) URLs become links; anything else is shown as plain text. */
export function externalLink(url, label) {
  const text = label ?? url;
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return h('span', { class: 'url' }, text ?? '');
  return h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'external' }, text);
}

/** A link inside the app (hash route); parts are encoded so names with "/" or "#" stay one segment. */
export function appLink(route, label, attributes = {}) {
  return h('a', { ...attributes, href: `#/${route}` }, label);
}

export function encodePart(value) {
  return encodeURIComponent(String(value));
}

/**
 * A store snippet with its matches marked: the store puts matched terms between ⟦ and ⟧.
 * Built as text and <mark> nodes, never as markup.
 */
export function snippet(text) {
  const element = h('p', { class: 'snippet' });
  if (!text) return element;
  const parts = String(text).split(/(⟦[^⟧]*⟧)/u);
  for (const part of parts) {
    if (part.startsWith('⟦') && part.endsWith('⟧')) element.appendChild(h('mark', {}, part.slice(1, -1)));
    else if (part !== '') element.appendChild(document.createTextNode(part));
  }
  return element;
}

/** A date for display: the day of an ISO string, or a dash. */
export function day(value) {
  if (!value) return '–';
  return String(value).slice(0, 10);
}

export function formatNumber(value) {
  return typeof value === 'number' ? value.toLocaleString('en') : '–';
}
