import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** One character range of a (possibly discontinuous) span; `end` is exclusive. */
export interface Fragment {
  start: number;
  end: number;
}

/** The roles a PolNeAR attribution ties together. */
export type AttributionRole = 'source' | 'cue' | 'content';

/** One attribution relation as a list of fragments per role; a role that is absent is null. */
export interface SpanTriple {
  source: Fragment[] | null;
  cue: Fragment[] | null;
  content: Fragment[] | null;
}

/** One article of PolNeAR with the single annotation scored against. */
export interface PolnearArticle {
  name: string;
  text: string;
  /** The annotator whose annotation is used (the id that sorts first). */
  annotator: string;
  attributions: SpanTriple[];
}

/** Raised when a brat file cannot be read as PolNeAR annotation. */
export class BratFormatError extends Error {
  override name = 'BratFormatError';
}

interface TextBound {
  label: string;
  fragments: Fragment[];
}

/**
 * Parses brat standoff as PolNeAR uses it. `T` lines carry a label and one or
 * more fragments ("s e;s e"); `E` lines tie an Attribution (or
 * Attribution-no-source) trigger to its Cue, Source and Content (and
 * sometimes Content2, a second content span of the same relation). Discard
 * and Discuss spans are flags for annotators, not attributions, and are
 * skipped. Text after the offsets may contain newlines in the file, so
 * continuation lines (no T/E/# prefix) are ignored.
 */
export function parseBrat(ann: string): SpanTriple[] {
  const bounds = new Map<string, TextBound>();
  const events: string[][] = [];
  for (const line of ann.split(/\r?\n/)) {
    if (/^T\d+\t/.test(line)) {
      const [id, spec] = line.split('\t');
      if (spec === undefined) continue;
      const space = spec.indexOf(' ');
      if (space < 0) throw new BratFormatError(`text-bound ${id} has no offsets: ${line}`);
      const label = spec.slice(0, space);
      const fragments: Fragment[] = [];
      for (const part of spec.slice(space + 1).split(';')) {
        const m = /^(\d+) (\d+)$/.exec(part.trim());
        if (!m) throw new BratFormatError(`text-bound ${id} has bad offsets "${part}"`);
        fragments.push({ start: Number(m[1]), end: Number(m[2]) });
      }
      bounds.set(id as string, { label, fragments });
    } else if (/^E\d+\t/.test(line)) {
      events.push((line.split('\t')[1] ?? '').trim().split(/\s+/).filter(Boolean));
    }
  }
  const triples: SpanTriple[] = [];
  for (const args of events) {
    const triple: SpanTriple = { source: null, cue: null, content: null };
    for (const arg of args) {
      const colon = arg.lastIndexOf(':');
      const role = arg.slice(0, colon);
      const bound = bounds.get(arg.slice(colon + 1));
      if (!bound || bound.label === 'Discard' || bound.label === 'Discuss') continue;
      if (role === 'Source') triple.source = mergeFragments(triple.source, bound.fragments);
      else if (role === 'Cue') triple.cue = mergeFragments(triple.cue, bound.fragments);
      else if (/^Content\d*$/.test(role)) triple.content = mergeFragments(triple.content, bound.fragments);
    }
    if (triple.cue || triple.content || triple.source) triples.push(triple);
  }
  return triples;
}

function mergeFragments(existing: Fragment[] | null, added: Fragment[]): Fragment[] {
  return [...(existing ?? []), ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Splits "name_annotator.ann" into its article name and annotator id. */
export function splitAnnotationName(file: string): { name: string; annotator: string } | null {
  const m = /^(.*)_([^_]+)\.ann$/.exec(file);
  return m ? { name: m[1] as string, annotator: m[2] as string } : null;
}

/**
 * Reads one split of PolNeAR: every article in `<root>/<split>/text` with the
 * annotation of the annotator whose id sorts first, so each article is scored
 * against one fixed annotation. Articles without any annotation file are skipped.
 */
export function readPolnearSplit(root: string, split: string): PolnearArticle[] {
  const textDir = join(root, split, 'text');
  const annDir = join(root, split, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new BratFormatError(`PolNeAR split "${split}" not found under ${root} (expected ${textDir} and ${annDir})`);
  }
  const pinned = new Map<string, string>();
  for (const file of readdirSync(annDir).sort()) {
    const parts = splitAnnotationName(file);
    if (!parts) continue;
    const current = pinned.get(parts.name);
    if (current === undefined || parts.annotator < current) pinned.set(parts.name, parts.annotator);
  }
  const articles: PolnearArticle[] = [];
  for (const file of readdirSync(textDir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const name = file.slice(0, -4);
    const annotator = pinned.get(name);
    if (annotator === undefined) continue;
    const text = readFileSync(join(textDir, file), 'utf8');
    const attributions = parseBrat(readFileSync(join(annDir, `${name}_${annotator}.ann`), 'utf8'));
    articles.push({ name, text, annotator, attributions });
  }
  return articles;
}
