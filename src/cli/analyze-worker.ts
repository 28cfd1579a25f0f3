import { workerData } from 'node:worker_threads';
import { analyzePage, warmUpAnalysis, type AnalysisDepth } from '../analyze.js';
import { InputError } from '../ingest/input.js';
import { loadSource, sourceName, type InputSource } from '../ingest/sources.js';
import { renderResult, type OutputFormat } from './render.js';
import { serveTasks } from '../ingest/worker-protocol.js';

/** What the analyze command hands its workers once, at start. */
export interface AnalyzeWorkerSettings {
  format: OutputFormat;
  fetchTimeoutMs: number;
  /** Read each input as the text itself, offsets indexing it (--raw). */
  raw: boolean;
  /** How far to read (--depth). */
  depth: AnalysisDepth;
  /** A publication date known from outside, for inputs that carry none of their own (--published). */
  published: string | null;
  /** Let URL inputs reach loopback and private networks (--allow-private-addresses). */
  allowPrivateAddresses?: boolean;
}

/** One input's outcome: the rendered result, or "<input>: <problem>". */
export type AnalyzeWorkerReply = { output: string } | { error: string };

const settings = workerData as AnalyzeWorkerSettings;

// Rendering happens here rather than in the main thread, which then only writes.
serveTasks<InputSource, AnalyzeWorkerReply>(
  async (source) => {
    try {
      const page = await loadSource(source, { fetchTimeoutMs: settings.fetchTimeoutMs, allowPrivateAddresses: settings.allowPrivateAddresses });
      if (settings.published !== null && !page.published) page.published = settings.published;
      const { result } = analyzePage(page, { raw: settings.raw, depth: settings.depth });
      return { output: renderResult(result, settings.format) };
    } catch (error) {
      if (error instanceof InputError) return { error: error.message };
      const problem = error instanceof Error ? error.message : String(error);
      return { error: `${sourceName(source)}: analysis failed (${problem})` };
    }
  },
  // Models load before the first page is taken: --timeout counts a page's own work, not the worker's start.
  { warmUp: () => warmUpAnalysis(settings.depth) },
);
