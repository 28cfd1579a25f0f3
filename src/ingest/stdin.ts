import { MAX_INPUT_BYTES, describeBytes } from './limits.js';
import type { PageInput } from './input.js';

/**
 * Reads a stream (stdin) into a PageInput, stopping at `maxBytes`: an
 * endless producer is cut rather than filling memory or hanging the batch.
 */
export function readStreamInput(
  stream: NodeJS.ReadableStream,
  input = '-',
  maxBytes = MAX_INPUT_BYTES,
): Promise<PageInput> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (truncated: boolean): void => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      const bytes = Buffer.concat(chunks, total);
      resolve({
        input,
        bytes,
        truncated,
        warnings: truncated ? [`input cut to its first ${describeBytes(maxBytes)}`] : [],
      });
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const room = maxBytes - total;
      if (buffer.length > room) {
        chunks.push(buffer.subarray(0, room));
        total += room;
        stream.pause();
        if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
        finish(true);
        return;
      }
      chunks.push(buffer);
      total += buffer.length;
    };
    const onEnd = (): void => finish(false);
    const onError = (error: Error): void => reject(error);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
