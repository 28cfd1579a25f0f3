import { workerData } from 'node:worker_threads';
import { analyzePage } from '../analyze.js';
import { InputError } from '../ingest/input.js';
import { loadSource, sourceName, type InputSource } from '../ingest/sources.js';
import { renderResult, type OutputFormat } from './render.js';
import { serveTasks } from './worker-protocol.js';

/** What the analyze command hands its workers once, at start. */
export interface AnalyzeWorkerSettings {
  format: OutputFormat;
  fetchTimeoutMs: number;
}

/** One input's outcome: the rendered result, or "<input>: <problem>". */
export type AnalyzeWorkerReply = { output: string } | { error: string };

const settings = workerData as AnalyzeWorkerSettings;

// Rendering happens here rather than in the main thread, which then only writes.
serveTasks<InputSource, AnalyzeWorkerReply>(async (source) => {
  try {
    const page = await loadSource(source, { fetchTimeoutMs: settings.fetchTimeoutMs });
    const { result } = analyzePage(page);
    return { output: renderResult(result, settings.format) };
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    const problem = error instanceof Error ? error.message : String(error);
    return { error: `${sourceName(source)}: analysis failed (${problem})` };
  }
});
