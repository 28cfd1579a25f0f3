/**
 * Size limits for one input. They bound memory per page so that a batch of
 * arbitrary files cannot exhaust a worker: anything past a limit is cut and
 * the result carries a warning saying so.
 */

/** Raw bytes read from a file, stdin or URL; also the most a gzip stream may expand to. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** Decoded characters handed to the extractors (the HTML parser has its own, lower cap). */
export const MAX_DECODED_CHARS = 20_000_000;

/** How far into an HTML page a `<meta charset>` declaration is looked for. */
export const CHARSET_PRESCAN_BYTES = 4096;

/** Describes a byte count for people: "20 MB", "512 KB". */
export function describeBytes(count: number): string {
  if (count >= 1024 * 1024) return `${Math.round((count / (1024 * 1024)) * 10) / 10} MB`;
  if (count >= 1024) return `${Math.round(count / 1024)} KB`;
  return `${count} bytes`;
}
