/**
 * Flattens markup nested deeper than a limit, before the HTML parser sees it.
 *
 * htmlparser2 keeps its open-element stack with unshift/shift and finds end
 * tags with indexOf, so each tag costs time in proportion to the current
 * depth: a page nested 100k deep takes tens of seconds to parse. No real
 * page nests more than a few hundred elements, so tags that would open
 * past the limit are dropped (with their matching end tags); their text
 * stays, merged into the deepest kept element. One linear pass; a page that
 * never gets that deep is returned unchanged.
 */

/** Below the extractors' own walk limit (MAX_TREE_DEPTH in parse.ts), so flattened text stays reachable. */
export const MAX_NESTING_DEPTH = 256;

const VOID_ELEMENTS = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img', 'input',
  'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** Elements whose content is raw text: markup inside them is not markup. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

const P_CLOSERS = [
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
];

/** Which open elements a new start tag closes implicitly (as the parser does), so depth is not overcounted. */
const IMPLIED_CLOSES = new Map<string, ReadonlySet<string>>([
  ...P_CLOSERS.map((name): [string, ReadonlySet<string>] => [name, new Set(['p'])]),
  ['li', new Set(['li'])],
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
  ['tr', new Set(['tr', 'td', 'th'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['td', 'th'])],
  ['tbody', new Set(['thead', 'tbody', 'tr', 'td', 'th'])],
  ['tfoot', new Set(['thead', 'tbody', 'tr', 'td', 'th'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
]);

/** How far down the open-element stack an end tag is looked for; beyond it the end tag is left to the parser. */
const END_TAG_SEARCH = 64;

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s\/>]*)[^>]*>/g;

export interface NestingLimitResult {
  html: string;
  /** Start tags dropped because they opened past the limit. */
  dropped: number;
}

export function limitNesting(html: string, maxDepth = MAX_NESTING_DEPTH): NestingLimitResult {
  if (!couldExceed(html, maxDepth)) return { html, dropped: 0 };
  const stack: string[] = [];
  const droppedOpen = new Map<string, number>();
  const pieces: string[] = [];
  let copiedUpTo = 0;
  let dropped = 0;
  const drop = (start: number, end: number): void => {
    pieces.push(html.slice(copiedUpTo, start));
    copiedUpTo = end;
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    const isEnd = match[1] === '/';
    const name = match[2]?.toLowerCase();
    if (name === undefined) continue; // a comment
    const start = match.index;
    const end = TOKEN.lastIndex;
    if (isEnd) {
      const pending = droppedOpen.get(name) ?? 0;
      if (pending > 0) {
        droppedOpen.set(name, pending - 1);
        drop(start, end);
        continue;
      }
      const floor = Math.max(0, stack.length - END_TAG_SEARCH);
      for (let i = stack.length - 1; i >= floor; i--) {
        if (stack[i] === name) {
          stack.length = i;
          break;
        }
      }
      continue;
    }
    const closes = IMPLIED_CLOSES.get(name);
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1])) stack.pop();
    if (RAW_TEXT_ELEMENTS.has(name)) {
      // Skip to the element's end tag: its content cannot open elements.
      const close = new RegExp(`</${name}[\\s/>]`, 'gi');
      close.lastIndex = end;
      const found = close.exec(html);
      TOKEN.lastIndex = found ? found.index : html.length;
      if (!found) break;
      continue;
    }
    if (VOID_ELEMENTS.has(name) || html.charCodeAt(end - 2) === 0x2f /* "/>" */) continue;
    if (stack.length >= maxDepth) {
      droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
      dropped++;
      drop(start, end);
      continue;
    }
    stack.push(name);
  }
  if (dropped === 0) return { html, dropped: 0 };
  pieces.push(html.slice(copiedUpTo));
  return { html: pieces.join(''), dropped };
}

/** Only a page with more start tags than the limit can nest past it; counting "<" is a cheap first test. */
function couldExceed(html: string, maxDepth: number): boolean {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    if (++count > maxDepth) return true;
  }
  return false;
}
