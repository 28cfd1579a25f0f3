/** Worker thread for POST /api/analyze: one page per task, so a slow or huge page cannot stall the server. */
import { analyzePage, analyzeString, warmUpAnalysis } from '../analyze.js';
import { InputError } from '../ingest/input.js';
import { serveTasks } from '../ingest/worker-protocol.js';
import type { AnalyzeTask, AnalyzeTaskReply } from './analyzer.js';

serveTasks<AnalyzeTask, AnalyzeTaskReply>((task) => {
  try {
    if (task.kind === 'bytes') {
      // Raw bodies go through the same decoding as files: charset from the header or the page, binary refused.
      const { result } = analyzePage(
        { input: task.input, bytes: task.bytes, url: task.url, contentType: task.contentType, published: task.published, format: task.format },
        { depth: 'full' },
      );
      return { ok: true, result };
    }
    const { result } = analyzeString(task.content, {
      input: task.input,
      url: task.url,
      published: task.published,
      format: task.format,
      depth: 'full',
    });
    return { ok: true, result };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, notAPage: true, problem: error.problem };
    return { ok: false, notAPage: false, problem: error instanceof Error ? error.message : String(error) };
  }
}, { warmUp: () => warmUpAnalysis('full') });
