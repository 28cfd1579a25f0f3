import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeWindows1252 } from '../src/ingest/charset.js';
import { decodePage } from '../src/ingest/decode.js';
import { sniffLegacyCharset } from '../src/ingest/legacy-sniff.js';

/**
 * An encoder for a legacy charset, built by inverting Node's own decoder over
 * every one- and two-byte sequence, so test pages can be written in any
 * charset without a library.
 */
function encoderFor(encoding: string): (text: string) => Buffer {
  // Node reads windows-1252 as ISO-8859-1, so that one is inverted from whosaid's own table.
  const decode =
    encoding === 'windows-1252'
      ? (bytes: Uint8Array): string => {
          if (bytes.length > 1) throw new Error('single-byte charset');
          return decodeWindows1252(bytes);
        }
      : (bytes: Uint8Array): string => new TextDecoder(encoding, { fatal: true }).decode(bytes);
  const table = new Map<string, number[]>();
  const learn = (bytes: number[]): void => {
    try {
      const char = decode(Uint8Array.from(bytes));
      if ([...char].length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, bytes);
    } catch {
      // not a character in this charset
    }
  };
  for (let byte = 0x80; byte <= 0xff; byte++) learn([byte]);
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) learn([lead, trail]);
  return (text) =>
    Buffer.from(
      [...text].flatMap((char) => {
        if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)];
        const bytes = table.get(char);
        if (!bytes) throw new Error(`${encoding} cannot encode ${char}`);
        return bytes;
      }),
    );
}

function page(body: string): string {
  return `<html><head><title>News</title><style>body { margin: 0 }</style></head><body><nav><a href="/">Home</a></nav><article><h1>${body.slice(0, 12)}</h1><p>${body}</p><p>${body}</p></article></body></html>`;
}

const SAMPLES: [string, string][] = [
  ['windows-1251', 'Председатель правительства заявил, что бюджет будет опубликован в четверг после окончательной проверки.'],
  ['koi8-r', 'Председатель правительства заявил, что бюджет будет опубликован в четверг после окончательной проверки.'],
  ['shift_jis', '首相は木曜日に予算案を公表すると述べた。関係者によると、最終的な確認が行われている。'],
  ['euc-jp', '首相は木曜日に予算案を公表すると述べた。関係者によると、最終的な確認が行われている。'],
  ['gbk', '国务院总理表示，政府将在星期四公布预算报告。记者了解到，有关部门正在进行最后的审查。'],
  ['big5', '行政院長表示，政府將在星期四公布預算報告。記者了解到，有關部門正在進行最後的審查。'],
  ['euc-kr', '국무총리는 정부가 목요일에 예산안을 발표할 것이라고 말했다. 관계자에 따르면 최종 검토가 진행 중이다.'],
  ['windows-1253', 'Ο πρωθυπουργός δήλωσε ότι ο προϋπολογισμός θα δημοσιευθεί την Πέμπτη μετά τον τελικό έλεγχο.'],
];

for (const [encoding, text] of SAMPLES) {
  test(`an undeclared ${encoding} page is recognised and decoded`, () => {
    const bytes = encoderFor(encoding)(page(text));
    assert.equal(sniffLegacyCharset(bytes), encoding);
    const decoded = decodePage({ input: 'saved-page.html', bytes });
    assert.equal(decoded.encoding, encoding);
    assert.ok(decoded.content.includes(text), 'the text comes back intact');
    assert.match(decoded.warnings.join('\n'), new RegExp(`no charset declared; the text reads as ${encoding}`));
  });
}

test('undeclared Western European text stays windows-1252', () => {
  const encode = encoderFor('windows-1252');
  for (const text of [
    'Le ministre a déclaré que le budget serait publié jeudi après une dernière vérification. « Nous sommes prêts », a-t-il ajouté.',
    'Der Bürgermeister sagte, die Straße bleibe wegen der Schäden bis Donnerstag gesperrt – „bis auf Weiteres“.',
    'Þórður sagði að fjárlögin yrðu birt á fimmtudaginn eftir lokaúttekt ráðuneytisins.',
  ]) {
    const bytes = encode(page(text));
    assert.equal(sniffLegacyCharset(bytes), null);
    const decoded = decodePage({ input: 'saved-page.html', bytes });
    assert.equal(decoded.encoding, 'windows-1252');
    assert.ok(decoded.content.includes(text));
  }
});

test('a page declared UTF-8 whose bytes are Cyrillic windows-1251 is read as windows-1251', () => {
  const text = 'Министр сообщил журналистам, что переговоры продолжатся на следующей неделе.';
  const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8">'), encoderFor('windows-1251')(page(text))]);
  const decoded = decodePage({ input: 'liar.html', bytes });
  assert.equal(decoded.encoding, 'windows-1251');
  assert.ok(decoded.content.includes(text));
  assert.match(decoded.warnings.join('\n'), /declared charset "utf-8" but the bytes are not UTF-8; read as windows-1251/);
});

test('binary-looking or tiny non-ASCII samples are not guessed at', () => {
  assert.equal(sniffLegacyCharset(Buffer.from([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e])), null);
});
