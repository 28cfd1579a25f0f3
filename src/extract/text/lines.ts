import { normalizeSpacesInPlace } from '../blocks.js';

/**
 * A piece of a unit's text and where it lies in the original capture.
 * Spaces are normalised one code unit for one, so a piece of `length`
 * characters in the unit is exactly `length` characters in the capture.
 */
export interface SourceSegment {
  /** Offset in the unit's (or, once placed, the body's) text. */
  textStart: number;
  /** Offset of the same character in the original capture. */
  sourceStart: number;
  length: number;
}

/**
 * One paragraph candidate of a capture: a non-blank line, or several lines
 * of a hard-wrapped paragraph joined by single spaces.
 */
export interface CaptureUnit {
  /** The text with odd spaces made plain and indentation trimmed. */
  text: string;
  /** Where each piece of `text` came from in the capture. */
  segments: SourceSegment[];
  /** Index of the blank-line-separated group the unit belongs to. */
  group: number;
  /** Offset in the capture of the unit's first character. */
  sourceStart: number;
}

interface CaptureLine {
  text: string;
  sourceStart: number;
  group: number;
}

/** Tabs and form feeds become spaces like the odd Unicode spaces: one for one, so offsets hold. */
const CONTROL_SPACES = /[\t\v\f]/g;

/** Share of a group's line breaks that must fall where a wrapper would break for the group to be joined. */
const MIN_WRAPPED_BREAK_SHARE = 0.4;

/** Widths above this are not hard wrapping: no tool wraps prose that wide. */
const MAX_WRAP_WIDTH = 200;

/**
 * Splits a capture into units. Any line ending (LF, CRLF, CR) ends a line;
 * blank lines separate groups; lines of a hard-wrapped capture are joined
 * back into their paragraphs.
 */
export function readCaptureUnits(capture: string): CaptureUnit[] {
  const lines = splitLines(capture);
  const width = hardWrapWidth(lines);
  const wrappedGroups = width === null ? new Set<number>() : groupsThatWrap(lines, width);
  const units: CaptureUnit[] = [];
  let current: CaptureUnit | null = null;
  let previous: CaptureLine | null = null;
  for (const line of lines) {
    const joins =
      current !== null &&
      previous !== null &&
      width !== null &&
      previous.group === line.group &&
      wrappedGroups.has(line.group) &&
      isWrapBreak(previous, line, width);
    if (joins && current !== null) {
      current.text += ' ';
      current.segments.push({ textStart: current.text.length, sourceStart: line.sourceStart, length: line.text.length });
      current.text += line.text;
    } else {
      current = {
        text: line.text,
        segments: [{ textStart: 0, sourceStart: line.sourceStart, length: line.text.length }],
        group: line.group,
        sourceStart: line.sourceStart,
      };
      units.push(current);
    }
    previous = line;
  }
  return units;
}

/**
 * Groups whose line breaks look like a wrapper's: a good share of their breaks
 * fall where the next word would not have fitted. A list of headlines of
 * similar length breaks there only by chance, and rarely twice.
 */
function groupsThatWrap(lines: readonly CaptureLine[], width: number): Set<number> {
  const breaks = new Map<number, { total: number; wrapped: number }>();
  for (let i = 0; i + 1 < lines.length; i += 1) {
    if (lines[i].group !== lines[i + 1].group) continue;
    const tally = breaks.get(lines[i].group) ?? { total: 0, wrapped: 0 };
    tally.total += 1;
    if (isWrapBreak(lines[i], lines[i + 1], width)) tally.wrapped += 1;
    breaks.set(lines[i].group, tally);
  }
  const wrapped = new Set<number>();
  for (const [group, tally] of breaks) {
    if (tally.wrapped >= 1 && tally.wrapped / tally.total >= MIN_WRAPPED_BREAK_SHARE) wrapped.add(group);
  }
  return wrapped;
}

function splitLines(capture: string): CaptureLine[] {
  const lines: CaptureLine[] = [];
  const breaks = /\r\n|\r|\n/g;
  let group = 0;
  let blankSinceLast = false;
  let start = 0;
  for (;;) {
    const match = breaks.exec(capture);
    const end = match === null ? capture.length : match.index;
    const raw = normalizeSpacesInPlace(capture.slice(start, end).replace(CONTROL_SPACES, ' '));
    // \s covers the byte-order mark and every Unicode space, so a BOM at the start is trimmed like indentation.
    const lead = /^\s*/.exec(raw)?.[0].length ?? 0;
    const trimmed = raw.trim();
    if (trimmed === '') {
      blankSinceLast = true;
    } else {
      if (blankSinceLast && lines.length > 0) group += 1;
      blankSinceLast = false;
      lines.push({ text: trimmed, sourceStart: start + lead, group });
    }
    if (match === null) break;
    start = match.index + match[0].length;
  }
  return lines;
}

/**
 * The width a capture was hard-wrapped at, or null when it was not wrapped.
 * A wrapped capture has most of its non-final paragraph lines close to one
 * width; a capture with one line per paragraph has lengths spread widely.
 */
function hardWrapWidth(lines: readonly CaptureLine[]): number | null {
  const continued: CaptureLine[] = [];
  for (let i = 0; i + 1 < lines.length; i += 1) {
    if (lines[i].group === lines[i + 1].group) continued.push(lines[i]);
  }
  if (continued.length < 3) return null;
  let width = 0;
  for (const line of lines) width = Math.max(width, line.text.length);
  if (width > MAX_WRAP_WIDTH || width < 30) return null;
  const nearWidth = continued.filter((line) => line.text.length >= width - 20).length;
  return nearWidth * 2 >= continued.length ? width : null;
}

/**
 * A greedy wrapper breaks a line only when the next word would not fit:
 * so a line followed by a word that would have fitted was ended on purpose
 * (a heading, a list entry, a headline in a list).
 */
function isWrapBreak(previous: CaptureLine, next: CaptureLine, width: number): boolean {
  const firstWord = /^\S+/.exec(next.text)?.[0] ?? '';
  return previous.text.length + 1 + firstWord.length > width;
}

/** Maps an offset in a text built from segments back to the capture; null when it falls between segments. */
export function sourceOffsetOf(segments: readonly SourceSegment[], offset: number): number | null {
  for (const segment of segments) {
    if (offset >= segment.textStart && offset <= segment.textStart + segment.length) {
      return segment.sourceStart + (offset - segment.textStart);
    }
  }
  return null;
}
