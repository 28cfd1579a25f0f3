/**
 * Generators of pathological inputs: the shapes that break parsers and
 * quadratic loops. Sizes are given at full scale (the campaign's sizes) and
 * multiplied by `scale`, so the smoke run in the test suite can use small
 * versions of the same shapes.
 */
import { gzipSync } from 'node:zlib';
import type { Prng } from './prng.js';
import { asTextCapture, gzipMaybeDamaged } from './mutators.js';
import { buildWarc } from './warc.js';

export interface GeneratedFile {
  /** File extension, with its dot: ".html", ".txt", ".html.gz", ".warc", ".warc.gz". */
  ext: string;
  bytes: Buffer;
  /** What was made, in a few words (shape and size). */
  note: string;
  /** For a WARC file: the page records in it. */
  warcPages?: number;
}

export interface GeneratorContext {
  prng: Prng;
  /** Multiplies every count; 1 is full size. */
  scale: number;
  /** A benchmark (or fixture) page. */
  page(): Buffer;
}

export interface Generator {
  name: string;
  make(context: GeneratorContext): GeneratedFile;
}

const SENTENCES = [
  'The minister said the budget would be published on Thursday after a final review.',
  '"We will not back down," said Maria Lopez, a spokeswoman for the union.',
  'According to the report, prices rose 4% in March 2024 compared with a year earlier.',
  'Officials told reporters on Monday that the bridge would reopen next week.',
  '“It is a disgrace,” he said. “Nobody asked us.”',
  'Dr. Chen, who led the study, said: "The results surprised everyone."',
];

const n = (base: number, scale: number, minimum = 1): number => Math.max(minimum, Math.round(base * scale));
const html = (body: string, head = '<title>Fuzz page</title>'): string => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const file = (ext: string, content: string | Buffer, note: string): GeneratedFile => ({ ext, bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content, note });
const prose = (prng: Prng, count: number): string => Array.from({ length: count }, () => prng.pick(SENTENCES)).join(' ');

export const GENERATORS: readonly Generator[] = [
  {
    name: 'deep-nesting',
    make: ({ prng, scale }) => {
      const depth = n(100_000, scale, 300);
      const tag = prng.pick(['div', 'span', 'b', 'table', 'ul', 'blockquote', 'a', 'p', 'font', 'svg']);
      const closed = prng.chance(0.5);
      const text = `<p>${prose(prng, 5)}</p>`;
      const body = closed ? `${`<${tag}>`.repeat(depth)}${text}${`</${tag}>`.repeat(depth)}` : `${text}${`<${tag}>`.repeat(depth)}deep`;
      return file('.html', html(body), `${depth} nested <${tag}>${closed ? '' : ', never closed'}`);
    },
  },
  {
    name: 'huge-attribute',
    make: ({ prng, scale }) => {
      const size = n(4 * 1024 * 1024, scale, 10_000);
      const name = prng.pick(['class', 'style', 'content', 'data-x', 'href', 'srcset', 'alt']);
      const value = prng.chance(0.5) ? 'x'.repeat(size) : Array.from({ length: Math.ceil(size / 8) }, () => prng.word(3, 7)).join(' ');
      const where = prng.pick(['meta', 'div', 'a', 'img']);
      const tag = where === 'meta' ? `<meta name="description" ${name}="${value}">` : `<${where} ${name}="${value}">x</${where}>`;
      return file('.html', html(`<article><h1>Headline</h1><p>${prose(prng, 8)}</p>${tag}</article>`), `${size}-byte ${name} attribute on <${where}>`);
    },
  },
  {
    name: 'many-attributes',
    make: ({ prng, scale }) => {
      const count = n(100_000, scale, 100);
      const attributes = Array.from({ length: count }, (_, i) => `a${i}="${i}"`).join(' ');
      return file('.html', html(`<div ${attributes}><p>${prose(prng, 5)}</p></div>`), `${count} attributes on one element`);
    },
  },
  {
    name: 'megabyte-line',
    make: ({ prng, scale }) => {
      const size = n(2 * 1024 * 1024, scale, 10_000);
      const mode = prng.int(0, 2);
      const unit = mode === 0 ? 'a' : mode === 1 ? 'word ' : `${prng.pick(SENTENCES)} `;
      const line = unit.repeat(Math.ceil(size / unit.length));
      const ext = prng.chance(0.3) ? '.txt' : '.html';
      return file(ext, ext === '.txt' ? line : html(`<p>${line}</p>`), `${line.length}-byte line of ${mode === 0 ? 'one letter' : mode === 1 ? 'words' : 'sentences'}`);
    },
  },
  {
    name: 'lying-charset',
    make: ({ prng, page }) => {
      const base = page();
      const declared = prng.pick(['shift_jis', 'utf-16', 'utf-16le', 'koi8-r', 'windows-1251', 'gbk', 'big5', 'euc-kr', 'iso-8859-8', 'utf-8', 'x-bogus']);
      const bom = prng.pick([null, [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]] as const);
      const bytesAre = prng.pick(['utf-8', 'latin1', 'utf-16le', 'random'] as const);
      const text = base.toString('utf8').replace(/<meta[^>]*charset[^>]*>/gi, '');
      const declaredHtml = `<meta http-equiv="Content-Type" content="text/html; charset=${declared}"><meta charset="${declared}">${text}`;
      const body =
        bytesAre === 'utf-8' ? Buffer.from(declaredHtml, 'utf8') : bytesAre === 'latin1' ? Buffer.from(declaredHtml, 'latin1') : bytesAre === 'utf-16le' ? Buffer.from(declaredHtml, 'utf16le') : Buffer.concat([Buffer.from(declaredHtml.slice(0, 2000), 'utf8'), prng.bytes(20_000)]);
      return file('.html', Buffer.concat([bom ? Buffer.from(bom) : Buffer.alloc(0), body]), `meta says ${declared}, BOM ${bom ? Buffer.from(bom).toString('hex') : 'none'}, bytes ${bytesAre}`);
    },
  },
  {
    name: 'nul-invalid-utf8',
    make: ({ prng, page, scale }) => {
      const base = Buffer.from(page());
      const bad = [[0x00], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0x80], [0xe2, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbf, 0xbe]];
      const pieces: Buffer[] = [];
      let last = 0;
      const count = n(2000, scale, 20);
      const positions = Array.from({ length: count }, () => prng.int(0, base.length)).sort((a, b) => a - b);
      for (const at of positions) {
        pieces.push(base.subarray(last, at), Buffer.from(prng.pick(bad)));
        last = at;
      }
      pieces.push(base.subarray(last));
      return file(prng.chance(0.2) ? '.txt' : '.html', Buffer.concat(pieces), `${count} NUL bytes and invalid UTF-8 sequences`);
    },
  },
  {
    name: 'broken-gzip',
    make: ({ prng, page, scale }) => {
      const mode = prng.int(0, 4);
      if (mode === 0) {
        // A bomb: expands far past the 20 MB input limit.
        const size = n(64 * 1024 * 1024, scale, 100_000);
        return file('.html.gz', gzipSync(Buffer.alloc(size, prng.chance(0.5) ? 0x20 : 0x61), { level: 9 }), `gzip expanding to ${size} bytes`);
      }
      if (mode === 1) return file('.html.gz', Buffer.from([0x1f, 0x8b, ...prng.bytes(prng.int(0, 40))]), 'gzip magic then noise');
      if (mode === 2) return file('.html.gz', Buffer.concat([gzipSync(page()), gzipSync(page())]), 'two gzip members');
      const { bytes, damage } = gzipMaybeDamaged(page(), prng);
      return file('.html.gz', bytes, `gzip ${damage}`);
    },
  },
  {
    name: 'quote-storm',
    make: ({ prng, scale }) => {
      const count = n(20_000, scale, 50);
      const mode = prng.int(0, 4);
      let text: string;
      if (mode === 0) text = '"'.repeat(count * 5);
      else if (mode === 1) text = Array.from({ length: count }, (_, i) => `“Quote ${i},” said Person${i % 500} Name.`).join(' ');
      else if (mode === 2) text = Array.from({ length: count }, () => prng.pick(['"', '“', '”', 'said', 'told', 'says', ':', '«', '»', "'", ' he said ', ' according to '])).join(' ');
      else if (mode === 3) text = `${'“'.repeat(count)} said the spokesman ${'”'.repeat(count)}`;
      else text = Array.from({ length: count }, () => `"${prng.word()} ${prng.word()}," said ${prng.pick(['he', 'she', 'they', 'Smith', 'the minister', 'officials'])}.`).join(' ');
      const ext = prng.chance(0.3) ? '.txt' : '.html';
      const paragraphs = prng.chance(0.5);
      const body = paragraphs ? text.replace(/(\. )/g, '.\n\n') : text;
      return file(ext, ext === '.txt' ? body : html(paragraphs ? body.split('\n\n').map((p) => `<p>${p}</p>`).join('') : `<p>${body}</p>`), `quote storm ${mode} (${count} cues, ${text.length} chars)`);
    },
  },
  {
    name: 'many-paragraphs',
    make: ({ prng, scale }) => {
      const count = n(100_000, scale, 200);
      const short = prng.chance(0.5);
      const body = Array.from({ length: count }, (_, i) => `<p>${short ? `Line ${i}.` : prng.pick(SENTENCES)}</p>`).join('\n');
      return file('.html', html(`<article>${body}</article>`), `${count} ${short ? 'short' : 'sentence'} paragraphs`);
    },
  },
  {
    name: 'entity-storm',
    make: ({ prng, scale }) => {
      const count = n(500_000, scale, 1000);
      const entity = prng.pick(['&amp;', '&nbsp;', '&#8220;', '&quot;', '&#x0;', '&', '&lt;p&gt;']);
      return file('.html', html(`<p>${prose(prng, 3)}${entity.repeat(count)}</p>`), `${count} × ${entity}`);
    },
  },
  {
    name: 'many-names',
    make: ({ prng, scale }) => {
      const count = n(20_000, scale, 50);
      const cue = prng.pick(['said', 'told reporters', 'added', 'wrote']);
      const text = Array.from({ length: count }, (_, i) => `“${prng.pick(SENTENCES)}” ${cue} ${prng.pick(['Anna', 'John', 'Li', 'Omar', 'Eva', 'Raj'])} ${prng.word(4, 9).replace(/^./, (c) => c.toUpperCase())}${i}, ${prng.pick(['a senator', 'the mayor', 'an analyst at Bank Corp', 'who declined to be named'])}.`);
      const ext = prng.chance(0.3) ? '.txt' : '.html';
      return file(ext, ext === '.txt' ? text.join('\n\n') : html(text.map((p) => `<p>${p}</p>`).join('')), `${count} quotes by distinct speakers`);
    },
  },
  {
    name: 'many-dates',
    make: ({ prng, scale }) => {
      const count = n(20_000, scale, 50);
      const forms = ['on Monday', 'March 3, 2024', '2024-02-30', 'last week', 'yesterday', '12/31/1999', '31.12.99', 'in 1066', 'next Thursday at 25:00', 'Jan. 1', '3 days ago', 'Q3 2021', '1st of Smarch', '2024-05-06T12:00:00+14:00'];
      const text = Array.from({ length: count }, () => `The event happened ${prng.pick(forms)}.`).join(' ');
      const meta = Array.from({ length: n(2000, scale, 5) }, () => `<meta property="article:published_time" content="${prng.pick(forms)}">`).join('');
      return file('.html', html(`<p>${text}</p>`, `<title>Dates</title>${meta}`), `${count} date expressions`);
    },
  },
  {
    name: 'json-ld',
    make: ({ prng, scale }) => {
      const depth = n(100_000, scale, 100);
      const mode = prng.int(0, 2);
      const json =
        mode === 0
          ? `${'['.repeat(depth)}${']'.repeat(depth)}`
          : mode === 1
            ? `${'{"@graph":'.repeat(depth)}{"@type":"NewsArticle","datePublished":"2024-01-01"}${'}'.repeat(depth)}`
            : JSON.stringify({ '@type': 'NewsArticle', author: Array.from({ length: depth }, (_, i) => ({ '@type': 'Person', name: `Author ${i}` })), headline: 'x'.repeat(depth) });
      return file('.html', html(`<p>${prose(prng, 5)}</p>`, `<script type="application/ld+json">${json}</script>`), `JSON-LD shape ${mode}, size ${depth}`);
    },
  },
  {
    name: 'unclosed-markup',
    make: ({ prng, scale }) => {
      const opener = prng.pick(['<!--', '<script>', '<style>', '<textarea>', '<title>', '<![CDATA[', '<plaintext>', '<a href="', "<div class='", '<']);
      const size = n(2 * 1024 * 1024, scale, 5000);
      return file('.html', html(`<p>${prose(prng, 3)}</p>${opener}${prose(prng, Math.ceil(size / 80))}`), `${opener} never closed, ${size} bytes after`);
    },
  },
  {
    name: 'big-table',
    make: ({ prng, scale }) => {
      const rows = n(20_000, scale, 20);
      const cols = prng.int(1, 30);
      const row = `<tr>${'<td>cell text</td>'.repeat(cols)}</tr>`;
      return file('.html', html(`<table>${row.repeat(rows)}</table><p>${prose(prng, 5)}</p>`), `${rows}×${cols} table`);
    },
  },
  {
    name: 'unicode-storm',
    make: ({ prng, scale }) => {
      const count = n(200_000, scale, 500);
      const pieces = ['\u0301', '\u202e', '\u200b', '\ufeff', '\ud83d\ude00', '\u00a0', '\u2028', '\u0000', '\u{1F1FA}\u{1F1F8}', 'ﷺ', 'ß', 'İ', '\u0345'];
      let text = '';
      for (let i = 0; i < count; i++) text += prng.chance(0.5) ? prng.pick(pieces) : prng.word(1, 6) + ' ';
      const ext = prng.chance(0.3) ? '.txt' : '.html';
      return file(ext, ext === '.txt' ? text : html(`<p>${text}</p>`), `${count} combining marks, bidi controls, zero-width and astral characters`);
    },
  },
  {
    name: 'tiny',
    make: ({ prng }) => {
      const options: Array<[string, Buffer]> = [
        ['.html', Buffer.alloc(0)],
        ['.txt', Buffer.from(' ')],
        ['.html', Buffer.from([0xef, 0xbb, 0xbf])],
        ['.html', Buffer.from('<')],
        ['.html', Buffer.from('<html>')],
        ['.txt', Buffer.from('"')],
        ['.html', Buffer.from('\u0000')],
        ['.html', Buffer.from([0xff, 0xfe, 0x00])],
        ['.txt', Buffer.from('said')],
        ['.html', Buffer.from('<p>“</p>')],
        ['.html.gz', gzipSync(Buffer.alloc(0))],
        ['.txt', Buffer.from('\n'.repeat(100))],
      ];
      const [ext, bytes] = prng.pick(options);
      return file(ext, bytes, `${bytes.length}-byte input`);
    },
  },
  {
    name: 'text-capture',
    make: ({ prng, page, scale }) => {
      const mode = prng.int(0, 3);
      if (mode === 0) return file('.txt', asTextCapture(page()), 'a page saved as text');
      if (mode === 1) return file('.txt', `${'\n'.repeat(n(200_000, scale, 100))}${prose(prng, 3)}`, 'blank lines then a paragraph');
      if (mode === 2) return file('.txt', Array.from({ length: n(100_000, scale, 100) }, (_, i) => `Line ${i}: ${prng.pick(SENTENCES)}`).join('\n'), 'one sentence per line');
      return file('.txt', `Title\n\n${prose(prng, n(20_000, scale, 20))}`, 'one huge paragraph');
    },
  },
  {
    name: 'damaged-warc',
    make: ({ prng, page, scale }) => {
      const count = prng.int(1, 5);
      const pages = Array.from({ length: count }, () => (prng.chance(0.8) ? page() : asTextCapture(page())));
      if (prng.chance(0.1)) pages[0] = Buffer.from(html(`<p>${prose(prng, n(20_000, scale, 10))}</p>`));
      const built = buildWarc(pages, prng);
      return { ...file(built.gzipped ? '.warc.gz' : '.warc', built.bytes, `${built.pageRecords} page records, damage: ${built.damage}`), warcPages: built.pageRecords };
    },
  },
];

export function generatorByName(name: string): Generator {
  const found = GENERATORS.find((g) => g.name === name);
  if (!found) throw new Error(`no generator named ${name}`);
  return found;
}
