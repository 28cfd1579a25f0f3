import { workerData } from 'node:worker_threads';
import { analyzePage, warmUpAnalysis, type AnalysisDepth } from '../../analyze.js';
import { InputError, type PageInput } from '../../ingest/input.js';
import { serveTasks } from '../../ingest/worker-protocol.js';
import type { AnalysisResult } from '../../model/result.js';
import { minhashSignature } from '../dedupe/minhash.js';

/** What the ingest job hands its workers once, at start. */
export interface IngestWorkerSettings {
  depth: AnalysisDepth;
}

/** One page's analysis, or why there is none (the message names the input). */
export type IngestWorkerReply = { result: AnalysisResult; minhash: Uint32Array | null } | { error: string };

const settings = workerData as IngestWorkerSettings;

// Workers only analyse: reading, skipping and storing happen in the job's
// thread, so that the store has one writer and fetch politeness is global.
serveTasks<PageInput, IngestWorkerReply>(
  (page) => {
    try {
      const { result } = analyzePage(page, { depth: settings.depth });
      return { result, minhash: minhashSignature(result.text) };
    } catch (error) {
      if (error instanceof InputError) return { error: error.message };
      return { error: `${page.input}: analysis failed (${error instanceof Error ? error.message : String(error)})` };
    }
  },
  // The models load while the job is still reading its first inputs, not inside the first page's time limit.
  { warmUp: () => warmUpAnalysis(settings.depth) },
);
