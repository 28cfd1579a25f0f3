import type { Span } from '../model/span.js';

/**
 * Attributions reported inside other attributions. PolNeAR marks only the
 * outermost one, so the learned tagger rarely finds the inner ones; these
 * patterns find the common shapes of reported speech inside a span of text
 * (an attribution's content, or the sentence holding a "quoted … as saying"
 * chain).
 */
export interface InnerAttribution {
  source: Span;
  cue: Span;
  content: Span;
}

// Words that are also common adjectives or nouns ("alleged", "reports", "claims", "notes") are left
// out: as patterns without a parser they would read "Russia's alleged interference" as speech.
const SPEECH_VERBS =
  'said|says|say|told|tells|added|adds|stated|wrote|writes|claimed|argued|argues|warned|warns|noted|insisted|insists|explained|explains|declared|declares|announced|announces|believes|believed|thinks|suggested|suggests|acknowledged|acknowledges|admitted|admits|asserted|asserts';
/** A name of up to six capitalised words ("New York Times columnist Charles M. Blow"), or a pronoun. */
const SOURCE = String.raw`((?:\p{Lu}[\p{L}\p{M}'’.-]*\s+(?:(?:of|the|for|de|von)\s+)?){0,6}\p{Lu}[\p{L}\p{M}'’.-]*|he|she|they|we|I)`;
/** "quoted|quoting|cited X as saying (that)". */
const QUOTED_AS = new RegExp(
  String.raw`\b(?:quoted|quoting|quotes|cited|citing|cites)\s+(?<source>(?:(?:the|a|an)\s+)?(?:[\p{L}\p{M}'’.,-]+\s+){0,10}?[\p{L}\p{M}'’.-]+)\s+(?<cue>as\s+(?:saying|stating|writing|telling\s+[\p{L}]+|having\s+said))(?:\s+that)?\s*`,
  'gu',
);
/** "X said (that) C" inside a content. */
const SAYS_THAT = new RegExp(String.raw`(?<![\p{L}])${SOURCE}\s+(?<cue>${SPEECH_VERBS})(?:,)?\s+(?:that\s+)?`, 'gu');
/** "according to X". */
const ACCORDING_TO = new RegExp(String.raw`\b(?<cue>[Aa]ccording\s+to)\s+(?<source>(?:(?:the|a|an)\s+)?(?:[\p{L}\p{M}'’.-]+\s+){0,6}?[\p{L}\p{M}'’.-]+)(?=\s*[,.;:]|$)`, 'gu');

/** Where the content that starts at `from` ends: a matching closing quote, or the end of the sentence, within `limit`. */
function contentEnd(text: string, from: number, limit: number): number {
  const open = text[from];
  if (open === '"' || open === '“') {
    const close = text.indexOf(open === '"' ? '"' : '”', from + 1);
    if (close >= 0 && close < limit) return close + 1;
  }
  const sentence = /[.!?](?=["”’]?\s|["”’]?$)/gu;
  sentence.lastIndex = from;
  const m = sentence.exec(text);
  const end = m && m.index < limit ? m.index : limit;
  return end;
}

function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && /[\s,;:]/.test(text[start] as string)) start++;
  while (end > start && /[\s,;:]/.test(text[end - 1] as string)) end--;
  return end > start ? { start, end } : null;
}

/** "… quoted X as saying that C" chains anywhere in `region`: X's words reported by whoever quoted them. */
export function findQuotedAsSaying(text: string, region: Span): InnerAttribution[] {
  const found: InnerAttribution[] = [];
  const slice = text.slice(region.start, region.end);
  QUOTED_AS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED_AS.exec(slice)) !== null && found.length < 1000) {
    const groups = m.groups as { source: string; cue: string };
    const sourceStart = region.start + m.index + m[0].indexOf(groups.source, m[0].search(/\s/));
    const source = trimmed(text, sourceStart, sourceStart + groups.source.length);
    const cueStart = region.start + m.index + m[0].lastIndexOf(groups.cue);
    const contentStart = region.start + m.index + m[0].length;
    let content = /^[\s]*[.;]|^\s*$/.test(text.slice(contentStart, contentStart + 2))
      ? null
      : trimmed(text, contentStart, contentEnd(text, contentStart, region.end));
    if (content === null) content = quotationBefore(text, region.start, region.start + m.index);
    if (source && content) found.push({ source, cue: { start: cueStart, end: cueStart + groups.cue.length }, content });
  }
  return found;
}

/**
 * The quotation just before "he quoted them as saying": a closing mark
 * followed by a comma or nothing and a short reporter ("," he / , the
 * newspaper), then back to its opening mark.
 */
function quotationBefore(text: string, floor: number, reporterEnd: number): Span | null {
  const lead = text.slice(Math.max(floor, reporterEnd - 80), reporterEnd);
  const m = /[,.?!]?["”]\s*(?:[\p{L}'’.-]+\s+){1,6}$/u.exec(lead);
  if (!m) return null;
  const close = reporterEnd - lead.length + m.index + m[0].search(/["”]/) + 1;
  const content = precedingContent(text, floor, close);
  return content && content.end - content.start >= 12 ? content : null;
}

/** Reported speech nested inside `region` (an attribution's content): "X said (that) C" and "C, according to X". */
export function findNestedSpeech(text: string, region: Span): InnerAttribution[] {
  const found: InnerAttribution[] = [];
  const slice = text.slice(region.start, region.end);
  SAYS_THAT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SAYS_THAT.exec(slice)) !== null && found.length < 1000) {
    const sourceText = m[1] as string;
    const cueText = (m.groups as { cue: string }).cue;
    const sourceStart = region.start + m.index;
    const cueStart = sourceStart + m[0].indexOf(cueText, sourceText.length);
    const contentStart = region.start + m.index + m[0].length;
    const content = trimmed(text, contentStart, contentEnd(text, contentStart, region.end));
    // A content of one or two words is more likely a phrase ("he said so") than reported speech.
    if (!content || content.end - content.start < 12) continue;
    found.push({ source: { start: sourceStart, end: sourceStart + sourceText.length }, cue: { start: cueStart, end: cueStart + cueText.length }, content });
  }
  ACCORDING_TO.lastIndex = 0;
  while ((m = ACCORDING_TO.exec(slice)) !== null && found.length < 1000) {
    const groups = m.groups as { cue: string; source: string };
    const cueStart = region.start + m.index;
    const sourceStart = cueStart + m[0].length - groups.source.length;
    // The content of "according to X" is the clause before it, back to the sentence start.
    let back = cueStart;
    while (back > region.start && !/[.!?\n]/.test(text[back - 1] as string)) back--;
    const content = trimmed(text, back, cueStart);
    if (!content || content.end - content.start < 12) continue;
    // A stop after a lower-case word ends the sentence; after "U.S" or "Mr" it belongs to the name.
    const sourceEnd = sourceStart + groups.source.length - (/\p{Ll}{2}\.$/u.test(groups.source) ? 1 : 0);
    found.push({ source: { start: sourceStart, end: sourceEnd }, cue: { start: cueStart, end: cueStart + groups.cue.length }, content });
  }
  return found;
}

/** A source after a quotation may also be a description: "the minister", "a senior official". */
const DESCRIBED_SOURCE = String.raw`((?:the|a|an|his|her|their|its)\s+(?:[\p{Ll}\p{Lu}][\p{L}'’-]*\s+){0,3}[\p{L}'’-]+|(?:\p{Lu}[\p{L}\p{M}'’.-]*\s+(?:(?:of|the|for|de|von)\s+)?){0,6}\p{Lu}[\p{L}\p{M}'’.-]*|he|she|they|we|I)`;

/** "…," X said. — the report follows what was said: a closing quotation or a clause, a comma, a name or pronoun and a speech verb. */
const TRAILING_CUE = new RegExp(String.raw`([,?!]["”]?|["”])\s+${DESCRIBED_SOURCE}\s+(?<cue>${SPEECH_VERBS})(?=\s*[.,;]|\s+(?:on|in|at|last|this|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)`, 'gu');
/** The reverse order of the same: "…," said X. */
const TRAILING_CUE_INVERTED = new RegExp(String.raw`([,?!]["”]?|["”])\s+(?<cue>said|says|added|adds|wrote|writes|told|asked|explained|noted)\s+${SOURCE}(?=\s*[.,;])`, 'gu');

/**
 * Speech the tagger may miss in short or unusual texts, found by the
 * plainest patterns of news reporting: "X said (that) C", "C, according to
 * X" and "'C,' X said" / "'C,' said X". Used only where the tagger found
 * nothing, so it adds recall without overriding the learned spans.
 */
export function findPlainSpeech(text: string, region: Span): InnerAttribution[] {
  const found = findNestedSpeech(text, region);
  const slice = text.slice(region.start, region.end);
  for (const [re, sourceGroup] of [
    [TRAILING_CUE, 2],
    [TRAILING_CUE_INVERTED, 2],
  ] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) !== null && found.length < 2000) {
      const lead = m[1] as string;
      const sourceText = m[sourceGroup] as string;
      const cueText = (m.groups as { cue: string }).cue;
      const at = region.start + m.index;
      const sourceStart = re === TRAILING_CUE ? at + m[0].indexOf(sourceText, lead.length) : at + m[0].lastIndexOf(sourceText);
      const cueStart = re === TRAILING_CUE ? at + m[0].lastIndexOf(cueText) : at + m[0].indexOf(cueText, lead.length);
      const contentEnd = at + lead.length;
      const content = precedingContent(text, region.start, contentEnd);
      if (!content || content.end - content.start < 12) continue;
      found.push({ source: { start: sourceStart, end: sourceStart + sourceText.length }, cue: { start: cueStart, end: cueStart + cueText.length }, content });
    }
  }
  findHeadlineSpeech(text, region, found);
  return found;
}

const HEADLINE_NAME = String.raw`(?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,3}`;
/** "Putin: Russia will respond" — a headline line opening with a name and a colon. */
const HEADLINE_COLON = new RegExp(String.raw`^[ \t]*(?<source>${HEADLINE_NAME})(?<cue>:)[ \t]+(?<content>[^\n]{8,300}?)[ \t]*$`, 'gmu');
/** "Nobody believed in his victory – Putin" — a headline line closing with a dash and a name. */
const HEADLINE_DASH = new RegExp(String.raw`^[ \t]*(?<content>[^\n]{8,300}?)[ \t]+(?<cue>[–—-])[ \t]+(?<source>${HEADLINE_NAME})[ \t]*$`, 'gmu');

/**
 * Headline styles of attribution: "Name: what they said" and "what they said – Name", on a line
 * of its own without a closing stop (a sentence ending in a stop is prose, not a headline).
 */
function findHeadlineSpeech(text: string, region: Span, found: InnerAttribution[]): void {
  const slice = text.slice(region.start, region.end);
  for (const re of [HEADLINE_COLON, HEADLINE_DASH]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) !== null && found.length < 2000) {
      const g = m.groups as { source: string; cue: string; content: string };
      if (/[.]$/.test(g.content) || /[.!?]$/.test(g.source)) continue;
      const at = region.start + m.index;
      const line = m[0];
      const offset = (part: string, from = 0): number => at + line.indexOf(part, from);
      const source = offset(g.source, re === HEADLINE_DASH ? line.length - g.source.length - 1 : 0);
      const cue = re === HEADLINE_COLON ? offset(':', g.source.length) : at + line.lastIndexOf(g.cue, line.length - g.source.length);
      const content = offset(g.content);
      found.push({
        source: { start: source, end: source + g.source.length },
        cue: { start: cue, end: cue + 1 },
        content: { start: content, end: content + g.content.length },
      });
    }
  }
}

/** The quotation or clause ending at `end`: back to its opening quote mark, or to the start of the sentence. */
function precedingContent(text: string, floor: number, end: number): Span | null {
  const closing = text.slice(Math.max(floor, end - 2), end);
  let start = end;
  if (/["”]/.test(closing)) {
    const limit = Math.max(floor, end - 3000);
    let k = end - 2;
    while (k >= limit && text[k] !== '"' && text[k] !== '“' && text[k] !== '\n') k--;
    if (k >= limit && text[k] !== '\n') return { start: k, end };
    return null;
  }
  while (start > floor && !/[.!?\n]/.test(text[start - 1] as string) && end - start < 1000) start--;
  let e = end;
  while (e > start && /[\s,]/.test(text[e - 1] as string)) e--;
  return trimmed(text, start, e);
}
