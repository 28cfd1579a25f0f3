/**
 * Byte and structure mutators for benchmark pages. Each takes the page's bytes
 * and returns new ones; structural ones work on the latin1 view of the bytes,
 * which maps bytes to characters one to one, so multibyte text passes through
 * unchanged where they do not cut it.
 */
import { gzipSync } from 'node:zlib';
import type { Prng } from './prng.js';

export interface MutationContext {
  prng: Prng;
  /** Multiplies how much a mutator may add (1 = full size). */
  scale: number;
  /** Another page's bytes, for splicing. */
  otherPage(): Buffer;
}

export interface Mutator {
  name: string;
  apply(bytes: Buffer, context: MutationContext): Buffer;
}

/** Mutated pages stay below this size, so that duplication cannot grow them without end. */
export const MAX_MUTATED_BYTES = 4 * 1024 * 1024;

const latin1 = (bytes: Buffer): string => bytes.toString('latin1');
const fromLatin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
/** UTF-8 text inserted into the latin1 view of a page. */
const utf8AsLatin1 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

function randomRange(prng: Prng, length: number, maxSpan = length): [number, number] {
  const start = prng.int(0, Math.max(0, length - 1));
  const span = prng.int(0, Math.min(maxSpan, length - start));
  return [start, start + span];
}

/** Insert `piece` at `count` random positions. */
function insertAt(prng: Prng, text: string, count: number, piece: () => string): string {
  const positions = Array.from({ length: count }, () => prng.int(0, text.length)).sort((a, b) => b - a);
  let out = text;
  for (const at of positions) out = out.slice(0, at) + piece() + out.slice(at);
  return out;
}

/** Positions just after a `>`: where text between tags starts. */
function textPositions(text: string, limit: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf('>'); at >= 0 && found.length < limit; at = text.indexOf('>', at + 1)) found.push(at + 1);
  return found;
}

const TAGS = ['div', 'p', 'span', 'a', 'b', 'i', 'em', 'table', 'tr', 'td', 'li', 'ul', 'article', 'section', 'header', 'footer', 'nav', 'aside', 'h1', 'h2', 'blockquote', 'q', 'pre', 'code', 'script', 'style', 'iframe', 'svg', 'math', 'template', 'noscript', 'select', 'option', 'textarea', 'title', 'meta', 'br', 'img', 'time', 'figure', 'figcaption', 'form', 'input', 'plaintext', 'xmp', 'frameset', 'body', 'html', 'head'];
const ATTRIBUTE_NAMES = ['class', 'id', 'style', 'href', 'src', 'itemprop', 'itemtype', 'property', 'content', 'datetime', 'name', 'rel', 'lang', 'dir', 'hidden', 'aria-hidden', 'role', 'data-x', 'onload', 'charset', 'http-equiv'];
const ENTITIES = ['&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&nbsp', '&#0;', '&#x0;', '&#xD800;', '&#xDFFF;', '&#x110000;', '&#99999999999;', '&#;', '&#x;', '&unknownentity;', '&', '&&&', '&ldquo;', '&rdquo;', '&laquo;', '&raquo;', '&#8220;', '&#8221;', '&mdash;', '&#65279;', '&#x202E;', '&AMP', '&amp;amp;amp;'];
const ATTRIBUTE_VALUES = ['"x"', "'y'", 'z', '""', '"a b c"', '"&quot;said&quot;"', '"2024-02-30T25:61:00Z"', '"article"', '"author"', '"datePublished"', '"http://[::1"', '"javascript:alert(1)"', '"<p>"', '"\u0000"', '"text/html; charset=shift_jis"', '"noindex"', '"display:none"'];
const QUOTES = ['"', '“', '”', '„', '«', '»', '‘', '’', "'", '「', '」', '"said', 'said "', '” he said. “', ': "', ' said: ', ' — said ', ' told reporters ', ' according to ', '""""', '“““', '”””', ', said the spokesperson, '];
const CHARSETS = ['utf-8', 'utf-16', 'utf-16le', 'utf-16be', 'shift_jis', 'euc-jp', 'iso-2022-jp', 'gbk', 'gb18030', 'big5', 'euc-kr', 'koi8-r', 'windows-1251', 'windows-1252', 'iso-8859-1', 'iso-8859-8', 'windows-874', 'x-user-defined', 'bogus-charset', 'utf-7', 'replacement', ''];

function randomTag(prng: Prng): string {
  const name = prng.pick(TAGS);
  const attributes = prng.chance(0.5) ? ` ${prng.pick(ATTRIBUTE_NAMES)}=${prng.pick(ATTRIBUTE_VALUES)}` : '';
  return prng.weighted<string>([
    [`<${name}${attributes}>`, 4],
    [`</${name}>`, 3],
    [`<${name}${attributes}/>`, 1],
    [`<${name}`, 1],
    ['<!--', 1],
    ['-->', 1],
    ['<![CDATA[', 1],
    ['<!DOCTYPE html>', 1],
    ['<?xml version="1.0"?>', 1],
  ]);
}

export const MUTATORS: readonly Mutator[] = [
  {
    name: 'truncate',
    apply: (bytes, { prng }) => (prng.chance(0.7) ? bytes.subarray(0, prng.int(0, bytes.length)) : bytes.subarray(prng.int(0, bytes.length))),
  },
  {
    name: 'splice',
    apply: (bytes, { prng, otherPage }) => {
      const other = otherPage();
      return Buffer.concat([bytes.subarray(0, prng.int(0, bytes.length)), other.subarray(prng.int(0, other.length))]);
    },
  },
  {
    name: 'duplicate-range',
    apply: (bytes, { prng, scale }) => {
      const [start, end] = randomRange(prng, bytes.length, Math.max(1024, Math.round(64 * 1024 * scale)));
      const copies = prng.int(1, 20);
      const at = prng.int(0, bytes.length);
      return Buffer.concat([bytes.subarray(0, at), ...Array.from({ length: copies }, () => bytes.subarray(start, end)), bytes.subarray(at)]);
    },
  },
  {
    name: 'delete-range',
    apply: (bytes, { prng }) => {
      const [start, end] = randomRange(prng, bytes.length, Math.max(1, bytes.length >> 1));
      return Buffer.concat([bytes.subarray(0, start), bytes.subarray(end)]);
    },
  },
  {
    name: 'flip-bytes',
    apply: (bytes, { prng }) => {
      const out = Buffer.from(bytes);
      const count = prng.int(1, Math.max(1, Math.min(500, out.length >> 6)));
      for (let i = 0; i < count && out.length > 0; i++) {
        const at = prng.int(0, out.length - 1);
        out[at] = prng.chance(0.3) ? prng.pick([0x00, 0x3c, 0x3e, 0x22, 0x26, 0xff, 0xfe, 0xc0, 0x80]) : (out[at] as number) ^ (1 << prng.int(0, 7));
      }
      return out;
    },
  },
  {
    name: 'insert-tags',
    apply: (bytes, { prng }) => fromLatin1(insertAt(prng, latin1(bytes), prng.int(1, 200), () => randomTag(prng))),
  },
  {
    name: 'insert-attributes',
    apply: (bytes, { prng, scale }) => {
      const text = latin1(bytes);
      const longest = Math.max(1000, Math.round(100_000 * scale));
      // After a tag's name: `<div` becomes `<div name=value`.
      return fromLatin1(
        text.replace(/<([a-z][a-z0-9]*)/gi, (match) =>
          prng.chance(0.1) ? `${match} ${prng.pick(ATTRIBUTE_NAMES)}=${prng.chance(0.1) ? `"${'x'.repeat(prng.int(1000, longest))}"` : prng.pick(ATTRIBUTE_VALUES)}${prng.chance(0.2) ? ' ' + prng.pick(ATTRIBUTE_NAMES) : ''}` : match,
        ),
      );
    },
  },
  {
    name: 'insert-entities',
    apply: (bytes, { prng }) => fromLatin1(insertAt(prng, latin1(bytes), prng.int(1, 300), () => prng.pick(ENTITIES).repeat(prng.chance(0.1) ? prng.int(2, 500) : 1))),
  },
  {
    name: 'unbalance-tags',
    apply: (bytes, { prng }) => {
      const text = latin1(bytes);
      const mode = prng.int(0, 2);
      if (mode === 0) return fromLatin1(text.replace(/<\/[a-z][a-z0-9]*\s*>/gi, (match) => (prng.chance(0.3) ? '' : match)));
      if (mode === 1) return fromLatin1(text.replace(/<[a-z][a-z0-9]*(\s[^>]*)?>/gi, (match) => (prng.chance(0.3) ? '' : match)));
      return fromLatin1(insertAt(prng, text, prng.int(1, 300), () => `</${prng.pick(TAGS)}>`));
    },
  },
  {
    name: 'inject-quotes',
    apply: (bytes, { prng }) => {
      const text = latin1(bytes);
      const positions = textPositions(text, 20_000);
      if (positions.length === 0) return fromLatin1(insertAt(prng, text, prng.int(1, 100), () => utf8AsLatin1(prng.pick(QUOTES))));
      const chosen = new Set(Array.from({ length: prng.int(1, 400) }, () => prng.pick(positions)));
      let out = '';
      let last = 0;
      for (const at of [...chosen].sort((a, b) => a - b)) {
        out += text.slice(last, at) + utf8AsLatin1(Array.from({ length: prng.int(1, 4) }, () => prng.pick(QUOTES)).join(''));
        last = at;
      }
      return fromLatin1(out + text.slice(last));
    },
  },
  {
    name: 'inject-colons',
    apply: (bytes, { prng }) => fromLatin1(insertAt(prng, latin1(bytes), prng.int(1, 300), () => prng.pick([':', '::', ' : ', ':"', 'Q:', 'A:', 'Mr. Smith:', '12:30', '— ', ';:']))),
  },
  {
    name: 'swap-encoding',
    apply: (bytes, { prng }) => {
      const mode = prng.int(0, 6);
      const text = bytes.toString('utf8');
      const meta = `<meta charset="${prng.pick(CHARSETS)}">`;
      switch (mode) {
        case 0: // UTF-16LE with or without its BOM
          return Buffer.concat([prng.chance(0.5) ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
        case 1: {
          const le = Buffer.from(text, 'utf16le');
          const be = Buffer.alloc(le.length);
          for (let i = 0; i + 1 < le.length; i += 2) {
            be[i] = le[i + 1] as number;
            be[i + 1] = le[i] as number;
          }
          return Buffer.concat([prng.chance(0.5) ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), be]);
        }
        case 2: // latin1, lossy, under whatever charset the page declares
          return Buffer.from(text, 'latin1');
        case 3: // a BOM that disagrees with the bytes
          return Buffer.concat([Buffer.from(prng.pick([[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x2b, 0x2f, 0x76]])), bytes]);
        case 4: // the declared charset rewritten
          return fromLatin1(latin1(bytes).replace(/charset\s*=\s*["']?[\w-]*/gi, `charset=${prng.pick(CHARSETS)}`));
        case 5: // a second, contradicting declaration up front
          return Buffer.concat([Buffer.from(meta, 'latin1'), bytes]);
        default: // UTF-8 encoded twice (mojibake)
          return Buffer.from(bytes.toString('latin1'), 'utf8');
      }
    },
  },
  {
    name: 'unclosed-raw-text',
    apply: (bytes, { prng }) => fromLatin1(insertAt(prng, latin1(bytes), 1, () => prng.pick(['<!--', '<script>', '<style>', '<textarea>', '<title>', '<plaintext>', '<xmp>', '<![CDATA[', '<noscript>', '<template>', '<svg><![CDATA[']))),
  },
];

export function mutatorByName(name: string): Mutator {
  const found = MUTATORS.find((m) => m.name === name);
  if (!found) throw new Error(`no mutator named ${name}`);
  return found;
}

/** A rough "save as text" view of a page, for text-capture inputs. */
export function asTextCapture(bytes: Buffer): Buffer {
  const text = bytes
    .toString('utf8')
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(p|div|li|h\d|tr|br|article|section|header|footer|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n');
  return Buffer.from(text, 'utf8');
}

/** Gzips, then maybe damages the stream (cut short or bytes flipped). */
export function gzipMaybeDamaged(bytes: Buffer, prng: Prng): { bytes: Buffer; damage: string } {
  const compressed = gzipSync(bytes);
  const mode = prng.weighted<'none' | 'truncated' | 'corrupted' | 'trailing'>([
    ['none', 3],
    ['truncated', 2],
    ['corrupted', 2],
    ['trailing', 1],
  ]);
  if (mode === 'truncated') return { bytes: compressed.subarray(0, prng.int(0, compressed.length - 1)), damage: mode };
  if (mode === 'corrupted') {
    const out = Buffer.from(compressed);
    for (let i = 0; i < prng.int(1, 8); i++) {
      const at = prng.int(0, out.length - 1);
      out[at] = (out[at] as number) ^ (1 << prng.int(0, 7));
    }
    return { bytes: out, damage: mode };
  }
  if (mode === 'trailing') return { bytes: Buffer.concat([compressed, prng.bytes(prng.int(1, 64))]), damage: mode };
  return { bytes: compressed, damage: mode };
}
