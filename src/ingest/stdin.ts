import { MAX_INPUT_BYTES, describeBytes } from './limits.js';
import { InputError, type PageInput } from './input.js';

/**
 * Reads a stream (stdin) into a PageInput, stopping at `maxBytes`: an
 * endless producer is cut rather than filling memory or hanging the batch.
 * With `timeoutMs` (0 for none), a producer that has not finished by then
 * fails the input with "timed out after N ms" (an InputError) and the stream
 * is destroyed, so that a silent producer cannot keep the process alive.
 */
export function readStreamInput(
  stream: NodeJS.ReadableStream,
  input = '-',
  maxBytes = MAX_INPUT_BYTES,
  timeoutMs = 0,
): Promise<PageInput> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
    };
    const destroy = (): void => {
      stream.pause();
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
    };
    const finish = (truncated: boolean): void => {
      stop();
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
        destroy();
        finish(true);
        return;
      }
      chunks.push(buffer);
      total += buffer.length;
    };
    const onEnd = (): void => finish(false);
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            stop();
            destroy();
            reject(new InputError(input, `timed out after ${timeoutMs} ms`));
          }, timeoutMs)
        : null;
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
