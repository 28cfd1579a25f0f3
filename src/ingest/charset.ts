import { sniffLegacyCharset } from './legacy-sniff.js';
import { CHARSET_PRESCAN_BYTES } from './limits.js';

/**
 * Works out how a page's bytes are encoded, in the order browsers do:
 * byte-order mark, the HTTP Content-Type charset, a `<meta charset>` (or
 * http-equiv, or XML declaration) near the start, then sniffing: bytes that
 * are valid UTF-8 are UTF-8, anything else is windows-1252.
 *
 * A declared charset is checked against the bytes, because declarations lie:
 * a page declared as a single-byte legacy charset whose bytes are valid
 * multibyte UTF-8 is read as UTF-8 (with a warning), and a page declared as
 * UTF-8 whose non-ASCII bytes are never valid UTF-8 is read as windows-1252.
 * Undeclared bytes that are not UTF-8 and are mostly non-ASCII text get a
 * script-aware guess (see legacy-sniff.ts) before falling back to windows-1252.
 *
 * Legacy charsets are decoded with Node's TextDecoder (full ICU: shift_jis,
 * gbk, gb18030, big5, euc-kr, koi8-r, iso-8859-x, windows-125x…).
 */

export type CharsetSource = 'bom' | 'content-type' | 'meta' | 'xml-declaration' | 'utf-16-pattern' | 'sniffed';

export interface CharsetDecision {
  /** A WHATWG encoding name TextDecoder accepts, e.g. "utf-8", "windows-1251". */
  encoding: string;
  source: CharsetSource;
  /** Bytes of byte-order mark to skip before decoding. */
  bomLength: number;
  warnings: string[];
}

export interface CharsetHints {
  /** An HTTP Content-Type header value. */
  contentType?: string | null;
  /** Whether `<meta>` declarations are looked for (HTML) or not (plain text). */
  lookForMeta?: boolean;
  /** The bytes are a prefix of a longer input, so a multibyte sequence may be cut at the end. */
  truncated?: boolean;
}

export function detectCharset(bytes: Uint8Array, hints: CharsetHints = {}): CharsetDecision {
  const bom = byteOrderMark(bytes);
  if (bom) return { encoding: bom.encoding, source: 'bom', bomLength: bom.length, warnings: [] };

  const warnings: string[] = [];
  const declared = declaredCharset(bytes, hints, warnings);
  if (declared) return checkDeclared(bytes, declared.encoding, declared.source, declared.label, hints, warnings);

  const utf16 = utf16ByPattern(bytes);
  if (utf16) return { encoding: utf16, source: 'utf-16-pattern', bomLength: 0, warnings };
  const utf8 = scanUtf8(bytes, hints.truncated ?? false);
  if (utf8.invalid === 0) return { encoding: 'utf-8', source: 'sniffed', bomLength: 0, warnings };
  const legacy = sniffLegacyCharset(bytes);
  if (legacy) warnings.push(`no charset declared; the text reads as ${legacy}`);
  return { encoding: legacy ?? 'windows-1252', source: 'sniffed', bomLength: 0, warnings };
}

/** Decodes bytes with a decision from detectCharset. */
export function decodeWith(bytes: Uint8Array, decision: CharsetDecision): string {
  const body = decision.bomLength > 0 ? bytes.subarray(decision.bomLength) : bytes;
  if (decision.encoding === 'windows-1252') return decodeWindows1252(body);
  return new TextDecoder(decision.encoding, { ignoreBOM: true }).decode(body);
}

/**
 * What windows-1252 puts at 0x80–0x9F (where ISO-8859-1 has C1 controls);
 * U+FFFD for its five unassigned bytes.
 */
const WINDOWS_1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

/**
 * Node's TextDecoder takes a fast path for windows-1252 that decodes it as
 * ISO-8859-1, turning curly quotes and dashes into C1 controls; so the
 * 0x80–0x9F range is mapped here by table.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]);
}

/** The WHATWG name for a charset label, or null when TextDecoder does not know it. */
export function normalizeCharsetLabel(label: string): string | null {
  const trimmed = label.trim().replace(/^["']|["']$/g, '');
  if (trimmed === '') return null;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type value, as written. */
export function contentTypeCharset(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match ? match[2] : null;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

interface Declaration {
  label: string;
  encoding: string;
  source: 'content-type' | 'meta' | 'xml-declaration';
}

function declaredCharset(bytes: Uint8Array, hints: CharsetHints, warnings: string[]): Declaration | null {
  if (hints.contentType) {
    const label = contentTypeCharset(hints.contentType);
    if (label !== null) {
      const encoding = normalizeCharsetLabel(label);
      if (encoding) return { label, encoding, source: 'content-type' };
      warnings.push(`unknown charset "${label}" in Content-Type; ignored`);
    }
  }
  if (hints.lookForMeta === false) return null;
  // latin1 maps each byte to one char, so offsets and ASCII markup survive whatever the real encoding is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, CHARSET_PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const candidates: { label: string; source: Declaration['source'] }[] = [];
  if (xml) candidates.push({ label: xml[1], source: 'xml-declaration' });
  const withoutComments = head.replace(/<!--[\s\S]*?(-->|$)/g, '');
  const metaPattern = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'\/>;]+)/gi;
  for (let match = metaPattern.exec(withoutComments); match; match = metaPattern.exec(withoutComments)) {
    candidates.push({ label: match[1], source: 'meta' });
  }
  for (const candidate of candidates) {
    let encoding = normalizeCharsetLabel(candidate.label);
    if (encoding === null) {
      // The HTML spec reads x-user-defined as windows-1252; ICU does not know the label.
      if (candidate.label.toLowerCase() === 'x-user-defined') encoding = 'windows-1252';
      else {
        warnings.push(`unknown charset "${candidate.label}" declared in the page; ignored`);
        continue;
      }
    }
    // A page that could state its charset in ASCII markup is not UTF-16 (HTML spec, prescan step).
    if (encoding === 'utf-16le' || encoding === 'utf-16be') encoding = 'utf-8';
    return { label: candidate.label, encoding, source: candidate.source };
  }
  return null;
}

function checkDeclared(
  bytes: Uint8Array,
  encoding: string,
  source: Declaration['source'],
  label: string,
  hints: CharsetHints,
  warnings: string[],
): CharsetDecision {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const pattern = utf16ByPattern(bytes);
    if (pattern) return { encoding: pattern, source, bomLength: 0, warnings };
    // Only a Content-Type can declare UTF-16 here; bytes without its NUL pattern are an ASCII-based charset.
    const fallback = scanUtf8(bytes, hints.truncated ?? false).invalid === 0 ? 'utf-8' : 'windows-1252';
    warnings.push(`declared charset "${label}" but the bytes are not UTF-16; read as ${fallback === 'utf-8' ? 'UTF-8' : fallback}`);
    return { encoding: fallback, source: 'sniffed', bomLength: 0, warnings };
  }
  const utf8 = scanUtf8(bytes, hints.truncated ?? false);
  if (encoding === 'utf-8') {
    if (utf8.invalid > 0 && utf8.multibyte === 0) {
      const fallback = sniffLegacyCharset(bytes) ?? 'windows-1252';
      warnings.push(`declared charset "${label}" but the bytes are not UTF-8; read as ${fallback}`);
      return { encoding: fallback, source: 'sniffed', bomLength: 0, warnings };
    }
    if (utf8.invalid > 0) warnings.push(`${utf8.invalid} invalid UTF-8 sequence(s) replaced with U+FFFD`);
    return { encoding, source, bomLength: 0, warnings };
  }
  if (utf8.invalid === 0 && utf8.multibyte > 0) {
    warnings.push(`declared charset "${label}" but the bytes are valid UTF-8; read as UTF-8`);
    return { encoding: 'utf-8', source: 'sniffed', bomLength: 0, warnings };
  }
  return { encoding, source, bomLength: 0, warnings };
}

interface Utf8Scan {
  /** Well-formed multibyte sequences. */
  multibyte: number;
  /** Ill-formed sequences (each would decode to U+FFFD). */
  invalid: number;
}

/** Counts well- and ill-formed UTF-8 sequences; a sequence cut by truncation at the very end is not held against the input. */
export function scanUtf8(bytes: Uint8Array, truncated: boolean): Utf8Scan {
  let multibyte = 0;
  let invalid = 0;
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) min = 0xa0;
      if (lead === 0xed) max = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let j = 1;
    let ok = true;
    for (; j <= need; j++) {
      if (i + j >= length) {
        if (truncated) return { multibyte, invalid };
        ok = false;
        break;
      }
      const next = bytes[i + j];
      const low = j === 1 ? min : 0x80;
      const high = j === 1 ? max : 0xbf;
      if (next < low || next > high) {
        ok = false;
        break;
      }
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i += j;
    }
  }
  return { multibyte, invalid };
}

/**
 * UTF-16 without a byte-order mark: text in Latin script then has a NUL in
 * every other byte. Recognised only when the pattern is overwhelming.
 */
function utf16ByPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = Math.min(bytes.length, 4096) & ~1;
  if (sample < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = sample / 2;
  if (oddNul / pairs > 0.9 && evenNul / pairs < 0.1) return 'utf-16le';
  if (evenNul / pairs > 0.9 && oddNul / pairs < 0.1) return 'utf-16be';
  return null;
}
