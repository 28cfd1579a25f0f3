import type { AttributionJson } from '../attribution/result.js';
import type { AnalysisFailure, AnalysisResult, StatedDate } from '../model/result.js';
import { escapeControls } from './terminal.js';

/** How the analyze command writes results. */
export type OutputFormat = 'json' | 'jsonl' | 'text' | 'md';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'jsonl', 'text', 'md'];

/** One result in the given format, ending with a newline. JSON is pretty-printed; JSONL is one line. */
export function renderResult(result: AnalysisResult, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(result, null, 2)}\n`;
    case 'jsonl':
      return `${JSON.stringify(result)}\n`;
    case 'text':
      return renderText(result);
    case 'md':
      return renderMarkdown(result);
  }
}

/** A failed input as a record: JSON formats only (people read failures on stderr). */
export function renderFailure(failure: AnalysisFailure, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(failure, null, 2)}\n`;
  if (format === 'jsonl') return `${JSON.stringify(failure)}\n`;
  return '';
}

function describeDate(date: StatedDate | null): string | null {
  if (!date || date.stated === null) return null;
  const details = [date.source ? `from ${date.source}` : null, date.raw && date.raw !== date.stated ? `as "${date.raw}"` : null]
    .filter((part): part is string => part !== null)
    .join(', ');
  return details ? `${date.stated} (${details})` : date.stated;
}

function headerFields(result: AnalysisResult): [string, string | null][] {
  return [
    ['Title', result.title],
    ['Site', result.site],
    ['Authors', result.authors.length > 0 ? result.authors.join('; ') : null],
    ['Published', describeDate(result.published)],
    ['Written', describeEstimate(result)],
    ['Mis-dated', result.published.misdated ? `yes: ${result.published.misdatedReason ?? 'the stated date falls outside the estimate'}` : null],
    ['Modified', describeDate(result.modified)],
    ['Language', result.language],
    ['URL', result.url],
    ['Page type', result.pageTypeReason ? `${result.pageType} (${result.pageTypeReason})` : result.pageType],
  ];
}

/** When the text's own evidence says it was written, or null when the time stage did not run. */
function describeEstimate(result: AnalysisResult): string | null {
  const estimate = result.published.estimated;
  if (!estimate) return null;
  if ('unknown' in estimate) return `unknown (${estimate.reason})`;
  const range = estimate.earliest === estimate.latest ? estimate.earliest : `${estimate.earliest} – ${estimate.latest}`;
  return `${range} (estimated from the text, confidence ${estimate.confidence.toFixed(2)})`;
}

/**
 * Plain text for a terminal: a header of fields, the body, then what was
 * removed. Nearly all of it comes from the page, so control characters are
 * shown as escapes, never sent to the terminal.
 */
export function renderText(result: AnalysisResult): string {
  const lines: string[] = [`== ${result.input} ==`];
  for (const [label, value] of headerFields(result)) {
    if (value !== null && value !== '') lines.push(`${`${label}:`.padEnd(11)}${value}`);
  }
  for (const warning of result.warnings) lines.push(`Warning:   ${warning}`);
  lines.push('', result.text === '' ? '(no article body found)' : result.text, '');
  const attributions = result.attributions ?? [];
  if (attributions.length > 0) {
    lines.push(`-- Who said what (${attributions.length}) --`);
    for (const speaker of speechBySpeaker(attributions)) {
      lines.push(speaker.who);
      for (const said of speaker.statements) {
        lines.push(`  ${said.verb}: “${said.what}”${said.via ? ` (reported by ${said.via})` : ''}`);
      }
    }
    lines.push('');
  }
  if (result.chrome.length > 0) {
    lines.push(`-- Removed as chrome (${result.chrome.length}) --`);
    for (const item of result.chrome) lines.push(`[${item.kind}] ${oneLine(item.text)}`);
    lines.push('');
  }
  if (result.related.length > 0) {
    lines.push(`-- Related (${result.related.length}) --`);
    for (const link of result.related) lines.push(`- ${oneLine(link.title)}${link.url ? ` <${link.url}>` : ''}`);
    lines.push('');
  }
  if (result.tags.length > 0) lines.push(`-- Tags --`, result.tags.join(', '), '');
  return escapeControls(`${lines.join('\n')}\n`);
}

/** Markdown: the title as a heading, fields as a list, the body with its block structure; control characters escaped as in text. */
export function renderMarkdown(result: AnalysisResult): string {
  const lines: string[] = [`# ${escapeInline(result.title ?? result.input)}`, ''];
  for (const [label, value] of headerFields(result)) {
    if (label === 'Title' || value === null || value === '') continue;
    lines.push(`- **${label}:** ${escapeInline(value)}`);
  }
  if (result.title !== null) lines.push(`- **Input:** ${escapeInline(result.input)}`);
  for (const warning of result.warnings) lines.push(`- **Warning:** ${escapeInline(warning)}`);
  lines.push('');
  if (result.blocks.length === 0) lines.push(result.text === '' ? '*No article body found.*' : result.text, '');
  for (const block of result.blocks) {
    const text = result.text.slice(block.start, block.end);
    switch (block.kind) {
      case 'heading':
        lines.push(`${'#'.repeat(Math.min(6, Math.max(2, (block.level ?? 2) + 1)))} ${oneLine(text)}`, '');
        break;
      case 'list-item':
        lines.push(`- ${oneLine(text)}`);
        break;
      case 'quote':
        lines.push(...text.split('\n').map((line) => `> ${line}`), '');
        break;
      case 'preformatted':
        lines.push('```', text, '```', '');
        break;
      default:
        lines.push(text, '');
    }
  }
  const attributions = result.attributions ?? [];
  if (attributions.length > 0) {
    lines.push('', '## Who said what', '');
    for (const speaker of speechBySpeaker(attributions)) {
      lines.push(`- **${escapeInline(speaker.who)}**`);
      for (const said of speaker.statements) {
        const via = said.via ? ` *(reported by ${escapeInline(said.via)})*` : '';
        lines.push(`  - ${escapeInline(said.verb)}: “${escapeInline(said.what)}”${via}`);
      }
    }
  }
  if (result.chrome.length > 0) {
    lines.push('', '## Removed as chrome', '');
    for (const item of result.chrome) lines.push(`- *${item.kind}*: ${escapeInline(oneLine(item.text))}`);
  }
  if (result.related.length > 0) {
    lines.push('', '## Related', '');
    for (const link of result.related) {
      const title = escapeInline(oneLine(link.title));
      lines.push(link.url ? `- [${title}](${link.url.replace(/[()\s]/g, encodeURIComponent)})` : `- ${title}`);
    }
  }
  if (result.tags.length > 0) lines.push('', '## Tags', '', result.tags.map(escapeInline).join(', '));
  return escapeControls(`${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n\n`);
}

/** One speaker and everything they were reported saying, in text order. */
export interface SpeakerStatements {
  who: string;
  statements: Array<{ verb: string; what: string; via: string | null }>;
}

/**
 * Groups attributions by speaker (the resolved entity, else the source's
 * words), in order of first appearance. A statement reported inside another
 * names the speaker it came through, so chains read "Peskov … (reported by
 * Ilyashenko)".
 */
export function speechBySpeaker(attributions: readonly AttributionJson[]): SpeakerStatements[] {
  const byId = new Map(attributions.map((a) => [a.id, a]));
  const groups = new Map<string, SpeakerStatements>();
  for (const attribution of attributions) {
    const key = attribution.speaker?.entity ?? `source:${speakerLabel(attribution)}`;
    let group = groups.get(key);
    if (!group) {
      group = { who: speakerLabel(attribution), statements: [] };
      groups.set(key, group);
    }
    const parent = attribution.parent !== null ? byId.get(attribution.parent) : undefined;
    group.statements.push({
      verb: oneLine(attribution.cue.text),
      what: unquote(oneLine(attribution.content.text)),
      via: parent ? speakerLabel(parent) : null,
    });
  }
  return [...groups.values()];
}

/** The speaker in words: resolved name and role when known, else the source span, else "(unnamed source)". */
function speakerLabel(attribution: AttributionJson): string {
  const speaker = attribution.speaker;
  if (speaker) return `${speaker.name}${speaker.role ? ` (${speaker.role})` : ''}`;
  return attribution.source ? oneLine(attribution.source.text) : '(unnamed source)';
}

/** Drops the quotation marks (and the comma inside them) that wrap a whole direct quote, since the view adds its own. */
function unquote(text: string): string {
  const match = /^["“](.*?)[,.]?["”]$/su.exec(text);
  return match && !/["“”]/u.test(match[1]) ? match[1] : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Keeps page text from being read as Markdown markup in one-line fields. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
