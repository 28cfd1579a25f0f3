/**
 * Guesses the legacy charset of a page that declares none and is not UTF-8.
 *
 * Pages saved to disk lose the HTTP header that named their charset; for
 * Western text windows-1252 is then right, but a Russian, Japanese or
 * Chinese page would come out as mojibake. So when most letters of the page
 * are non-ASCII — which Western European text never is — each candidate
 * charset decodes a sample and is scored by how much of the result is
 * ordinary text in the script that charset exists to write. Below a clear
 * score the answer stays windows-1252.
 */

interface Candidate {
  encoding: string;
  /** Share of the decoded non-ASCII characters that are typical for the charset's language. */
  typical: (text: string) => number;
}

/** The most frequent characters of Chinese text, in simplified and traditional forms. */
const COMMON_SIMPLIFIED = new Set('的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日月新闻市区公司报记者表示问题发展工全民政府'.split(''));
const COMMON_TRADITIONAL = new Set('的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日月新聞市區公司報記者表示問題發展工全民政府'.split(''));

function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}
function isKana(code: number): boolean {
  return code >= 0x3040 && code <= 0x30ff;
}
function isCjkPunctuation(code: number): boolean {
  return (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef);
}

/** Counts, over the non-ASCII characters of `text`, how many `weight` scores, minus a heavy penalty for U+FFFD. */
function share(text: string, weight: (code: number) => number): number {
  let total = 0;
  let score = 0;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (code < 0x80) continue;
    total++;
    score += code === 0xfffd ? -3 : weight(code);
  }
  return total === 0 ? 0 : score / total;
}

function chinese(common: ReadonlySet<string>): (text: string) => number {
  return (text) => {
    let han = 0;
    let frequent = 0;
    for (const char of text) {
      if (isHan(char.codePointAt(0) as number)) {
        han++;
        if (common.has(char)) frequent++;
      }
    }
    // Random ideographs (another CJK charset read wrongly) are rarely the common ones; real text is full of them.
    const plausibility = han === 0 ? 0 : Math.min(1, frequent / han / 0.12);
    return share(text, (code) => (isHan(code) ? plausibility : isCjkPunctuation(code) ? 1 : 0));
  };
}

function japanese(text: string): number {
  const kana = share(text, (code) => (isKana(code) ? 1 : 0));
  // Japanese prose is written largely in kana; without it, ideographs are more likely Chinese.
  if (kana < 0.1) return 0;
  return share(text, (code) => (isKana(code) || isHan(code) || isCjkPunctuation(code) ? 1 : 0));
}

function inRange(low: number, high: number): (text: string) => number {
  return (text) => share(text, (code) => (code >= low && code <= high ? 1 : 0));
}

function cyrillic(text: string): number {
  // Running text is mostly lowercase; the wrong one of two Cyrillic charsets swaps the cases.
  return share(text, (code) => (code >= 0x0430 && code <= 0x045f ? 1 : code >= 0x0400 && code <= 0x042f ? 0.4 : 0));
}

const CANDIDATES: readonly Candidate[] = [
  { encoding: 'windows-1251', typical: cyrillic },
  { encoding: 'koi8-r', typical: cyrillic },
  { encoding: 'shift_jis', typical: japanese },
  { encoding: 'euc-jp', typical: japanese },
  { encoding: 'gbk', typical: chinese(COMMON_SIMPLIFIED) },
  { encoding: 'big5', typical: chinese(COMMON_TRADITIONAL) },
  { encoding: 'euc-kr', typical: (text) => share(text, (code) => ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x3130 && code <= 0x318f) || isCjkPunctuation(code) ? 1 : 0)) },
  { encoding: 'windows-1253', typical: inRange(0x0370, 0x03ff) },
  { encoding: 'windows-1255', typical: inRange(0x0590, 0x05ff) },
  { encoding: 'windows-1256', typical: inRange(0x0600, 0x06ff) },
  { encoding: 'windows-874', typical: inRange(0x0e00, 0x0e7f) },
];

/** How much of a page is sampled. */
const SAMPLE_BYTES = 64 * 1024;
/** Western European text stays far below this share of non-ASCII letters. */
const MIN_NON_ASCII_SHARE = 0.3;
/** The best candidate must make at least this much of the text typical. */
const MIN_SCORE = 0.6;

/** A legacy charset for undeclared, non-UTF-8 bytes, or null to keep windows-1252. */
export function sniffLegacyCharset(bytes: Uint8Array): string | null {
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SAMPLE_BYTES)).toString('latin1');
  // Markup, scripts and styles are ASCII whatever the charset; only the text says anything.
  const text = sample
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#?\w+;/g, ' ');
  let high = 0;
  let asciiLetters = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) high++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) asciiLetters++;
  }
  if (high < 8 || high / (high + asciiLetters) < MIN_NON_ASCII_SHARE) return null;
  const textBytes = Buffer.from(text, 'latin1');
  let best: { encoding: string; score: number } | null = null;
  for (const candidate of CANDIDATES) {
    const score = candidate.typical(new TextDecoder(candidate.encoding).decode(textBytes));
    if (best === null || score > best.score) best = { encoding: candidate.encoding, score };
  }
  return best !== null && best.score >= MIN_SCORE ? best.encoding : null;
}
