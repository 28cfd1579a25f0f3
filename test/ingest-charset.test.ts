import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectCharset, scanUtf8 } from '../src/ingest/charset.js';
import { decodePage } from '../src/ingest/decode.js';
import { sniffFormat } from '../src/ingest/format.js';
import { analyzePage } from '../src/analyze.js';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');

/** windows-1251 puts А…я at 0xC0…0xFF in order, which is enough to encode test text without a library. */
function windows1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0) as number;
      if (code >= 0x410 && code <= 0x44f) return 0xc0 + (code - 0x410);
      if (code < 0x80) return code;
      throw new Error(`cannot encode ${char}`);
    }),
  );
}

/** KOI8-R letters are not in alphabetical order; these few are enough for a word. */
const KOI8R: Record<string, number> = { М: 0xed, о: 0xcf, с: 0xd3, к: 0xcb, в: 0xd7, а: 0xc1 };

// "日本語のニュース" in Shift_JIS and "新闻" in GBK, written out byte by byte.
const SHIFT_JIS_NIHONGO_NEWS = [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x82, 0xcc, 0x83, 0x6a, 0x83, 0x85, 0x81, 0x5b, 0x83, 0x58];
const GBK_XINWEN = [0xd0, 0xc2, 0xce, 0xc5];

test('a UTF-8 byte-order mark wins and is not part of the text', () => {
  const decoded = decodePage({ input: 'bom.html', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Zürich</p>')]) });
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(decoded.charsetSource, 'bom');
  assert.equal(decoded.content, '<p>Zürich</p>');
});

test('a UTF-16LE byte-order mark decodes UTF-16 even though the bytes are full of NULs', () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body><p>Ça va</p></body></html>', 'utf16le')]);
  const decoded = decodePage({ input: 'utf16.html', bytes });
  assert.equal(decoded.encoding, 'utf-16le');
  assert.equal(decoded.content, '<html><body><p>Ça va</p></body></html>');
});

test('<meta charset="windows-1251"> decodes Cyrillic bytes', () => {
  const bytes = Buffer.concat([ascii('<html><head><meta charset="windows-1251"><title>'), windows1251('Новости'), ascii('</title></head><body><p>'), windows1251('Привет мир'), ascii('</p></body></html>')]);
  const decoded = decodePage({ input: 'ru.html', bytes });
  assert.equal(decoded.encoding, 'windows-1251');
  assert.equal(decoded.charsetSource, 'meta');
  assert.match(decoded.content, /<title>Новости<\/title>/);
  assert.match(decoded.content, /Привет мир/);
  assert.deepEqual(decoded.warnings, []);
});

test('http-equiv Content-Type with charset=Shift_JIS decodes Japanese', () => {
  const bytes = Buffer.concat([
    ascii('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>'),
    Buffer.from(SHIFT_JIS_NIHONGO_NEWS),
    ascii('</p></body></html>'),
  ]);
  const decoded = decodePage({ input: 'jp.html', bytes });
  assert.equal(decoded.encoding, 'shift_jis');
  assert.match(decoded.content, /<p>日本語のニュース<\/p>/);
});

test('the HTTP Content-Type charset outranks a <meta> declaration', () => {
  const koi8 = Buffer.from([...'Москва'].map((char) => KOI8R[char]));
  const bytes = Buffer.concat([ascii('<meta charset="iso-8859-5"><p>'), koi8, ascii('</p>')]);
  const decoded = decodePage({ input: 'http://example.test/a', bytes, contentType: 'text/html; charset="KOI8-R"' });
  assert.equal(decoded.encoding, 'koi8-r');
  assert.equal(decoded.charsetSource, 'content-type');
  assert.match(decoded.content, /<p>Москва<\/p>/);
});

test('GBK declared with its gb2312 label decodes Chinese', () => {
  const bytes = Buffer.concat([ascii('<meta charset=gb2312><p>'), Buffer.from(GBK_XINWEN), ascii('</p>')]);
  const decoded = decodePage({ input: 'cn.html', bytes });
  assert.equal(decoded.encoding, 'gbk');
  assert.match(decoded.content, /<p>新闻<\/p>/);
});

test('a charset that lies (latin-1 declared, UTF-8 bytes) is read as UTF-8 with a warning', () => {
  const bytes = Buffer.concat([ascii('<html><head><meta charset="iso-8859-1"></head><body><p>'), Buffer.from('Déjà vu in Kraków — “quoted”', 'utf8'), ascii('</p></body></html>')]);
  const decoded = decodePage({ input: 'liar.html', bytes });
  assert.equal(decoded.encoding, 'utf-8');
  assert.match(decoded.content, /Déjà vu in Kraków — “quoted”/);
  assert.equal(decoded.warnings.length, 1);
  assert.match(decoded.warnings[0], /declared charset "iso-8859-1" but the bytes are valid UTF-8/);
});

test('UTF-8 declared over windows-1252 bytes falls back to windows-1252 with a warning', () => {
  const bytes = Buffer.concat([ascii('<meta charset="utf-8"><p>caf'), Buffer.from([0xe9]), ascii(' cr'), Buffer.from([0xe8]), ascii('me '), Buffer.from([0x93]), ascii('ok'), Buffer.from([0x94]), ascii('</p>')]);
  const decoded = decodePage({ input: 'cafe.html', bytes });
  assert.equal(decoded.encoding, 'windows-1252');
  assert.match(decoded.content, /café crème “ok”/);
  assert.match(decoded.warnings.join('\n'), /not UTF-8; read as windows-1252/);
});

test('an unknown declared charset is reported and the bytes are sniffed instead', () => {
  const bytes = Buffer.concat([ascii('<meta charset="x-klingon"><p>'), Buffer.from('naïve', 'utf8'), ascii('</p>')]);
  const decoded = decodePage({ input: 'unknown.html', bytes });
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(decoded.charsetSource, 'sniffed');
  assert.match(decoded.warnings.join('\n'), /unknown charset "x-klingon"/);
});

test('a charset named inside an HTML comment is not a declaration', () => {
  const bytes = Buffer.concat([ascii('<!-- <meta charset="shift_jis"> --><p>'), windows1251('Да'), ascii('</p>')]);
  const decision = detectCharset(bytes);
  assert.equal(decision.source, 'sniffed');
  assert.equal(decision.encoding, 'windows-1252');
});

test('without any declaration, valid UTF-8 is UTF-8 and anything else is windows-1252', () => {
  assert.equal(detectCharset(Buffer.from('<p>Ελληνικά</p>', 'utf8')).encoding, 'utf-8');
  assert.equal(detectCharset(Buffer.from('<p>na\xefve</p>', 'latin1')).encoding, 'windows-1252');
  assert.equal(detectCharset(Buffer.from('plain ascii')).encoding, 'utf-8');
});

test('a plain-text capture is not searched for <meta> declarations', () => {
  const bytes = Buffer.concat([ascii('Someone wrote <meta charset="koi8-r"> in a story about '), Buffer.from('Zürich', 'utf8')]);
  const decoded = decodePage({ input: 'capture.txt', bytes });
  assert.equal(decoded.format, 'text');
  assert.equal(decoded.encoding, 'utf-8');
  assert.match(decoded.content, /Zürich/);
});

test('UTF-8 validation counts sequences and forgives one cut by truncation at the end', () => {
  assert.deepEqual(scanUtf8(Buffer.from('aé€😀', 'utf8'), false), { multibyte: 3, invalid: 0 });
  assert.deepEqual(scanUtf8(Buffer.from([0xc3]), false), { multibyte: 0, invalid: 1 });
  assert.deepEqual(scanUtf8(Buffer.from([0x61, 0xe2, 0x82]), true), { multibyte: 0, invalid: 0 });
  // Overlong encodings and surrogates are not UTF-8.
  assert.equal(scanUtf8(Buffer.from([0xc0, 0xaf]), false).invalid, 2);
  assert.equal(scanUtf8(Buffer.from([0xed, 0xa0, 0x80]), false).invalid > 0, true);
});

test('format sniffing: Content-Type, then the name, then the content', () => {
  assert.equal(sniffFormat('hello', { contentType: 'text/html; charset=utf-8' }), 'html');
  assert.equal(sniffFormat('<!DOCTYPE html><html>', { contentType: 'text/plain' }), 'html');
  assert.equal(sniffFormat('<p>x</p>', { name: 'capture.txt' }), 'text');
  assert.equal(sniffFormat('Plain words', { name: 'page.html.gz' }), 'html');
  assert.equal(sniffFormat('  \n<!doctype html>\n<html lang="en">')
, 'html');
  assert.equal(sniffFormat('12:04 GMT\nListen Live\nA story about <things>.'), 'text');
});

test('analyzePage reads legacy-encoded bytes and carries charset warnings into the result', () => {
  const bytes = Buffer.concat([ascii('<html><head><meta charset="latin1"><title>T</title></head><body><article><p>'), Buffer.from('Der Bürgermeister sagte, die Straße bleibe gesperrt. '.repeat(8), 'utf8'), ascii('</p></article></body></html>')]);
  const { result } = analyzePage({ input: 'de.html', bytes });
  assert.match(result.warnings.join('\n'), /valid UTF-8; read as UTF-8/);
  assert.match(result.text, /Bürgermeister sagte, die Straße/);
});

test('text encoded as UTF-8 twice is repaired, with a warning', () => {
  // “Déjà vu” — as UTF-8 bytes read as Latin-1 and written out as UTF-8 again.
  const doubled = Buffer.from(Buffer.from('<p>“Déjà vu” – café</p>', 'utf8').toString('latin1'), 'utf8');
  const decoded = decodePage({ input: 'double.html', bytes: doubled });
  assert.equal(decoded.content, '<p>“Déjà vu” – café</p>');
  assert.match(decoded.warnings.join('\n'), /repaired 6 character\(s\) that had been encoded as UTF-8 twice/);
});

test('Latin-1 look-alikes are left alone when the page shows no sign of double encoding', () => {
  // "Ã©" and "à »" are plain text here: no C1 control proves double encoding.
  const text = '<p>Marca Ã© registrada, voilà\u00a0» fin</p>';
  const decoded = decodePage({ input: 'plain.html', bytes: Buffer.from(text, 'utf8') });
  assert.equal(decoded.content, text);
  assert.deepEqual(decoded.warnings, []);
});

test('UTF-16 declared in Content-Type is checked against the bytes', () => {
  const ascii = decodePage({ input: 'http://example.test/', bytes: Buffer.from('<p>plain ascii page</p>'), contentType: 'text/html; charset=utf-16' });
  assert.equal(ascii.encoding, 'utf-8');
  assert.equal(ascii.content, '<p>plain ascii page</p>');
  assert.match(ascii.warnings.join('\n'), /declared charset "utf-16" but the bytes are not UTF-16; read as UTF-8/);
  const real = decodePage({ input: 'http://example.test/', bytes: Buffer.from('<p>real UTF-16 text</p>', 'utf16le'), contentType: 'text/html; charset=utf-16' });
  assert.equal(real.encoding, 'utf-16le');
  assert.equal(real.content, '<p>real UTF-16 text</p>');
});
