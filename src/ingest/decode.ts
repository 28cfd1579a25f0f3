import { binaryProblem } from './binary.js';
import { decodeWith, detectCharset, type CharsetSource } from './charset.js';
import { sniffFormat } from './format.js';
import { GzipProblem, gunzipLimited, isGzip } from './gzip.js';
import { InputError, type InputFormat, type PageInput } from './input.js';
import { repairDoubleEncoding } from './mojibake.js';
import { MAX_DECODED_CHARS, MAX_INPUT_BYTES } from './limits.js';

/** A page's bytes turned into text, with how that was done. */
export interface DecodedPage {
  content: string;
  format: InputFormat;
  /** The encoding the bytes were read with (WHATWG name). */
  encoding: string;
  charsetSource: CharsetSource;
  /** Notes for the result: truncation, a charset that lied, an unknown declaration. */
  warnings: string[];
}

/**
 * Bytes to text: gunzip when gzip, refuse binary, find the charset, decode,
 * cap the length, and tell HTML from plain text. Throws InputError with a
 * problem a person can act on.
 */
export function decodePage(page: PageInput): DecodedPage {
  const warnings = [...(page.warnings ?? [])];
  let bytes = page.bytes;
  let truncated = page.truncated ?? false;
  if (bytes.length === 0) throw new InputError(page.input, 'the input is empty');

  if (isGzip(bytes)) {
    try {
      const gunzipped = gunzipLimited(bytes, MAX_INPUT_BYTES, truncated);
      bytes = gunzipped.bytes;
      truncated ||= gunzipped.truncated;
      warnings.push(...gunzipped.warnings);
    } catch (error) {
      if (error instanceof GzipProblem) throw new InputError(page.input, error.message);
      throw error;
    }
    if (bytes.length === 0) throw new InputError(page.input, 'the input is empty (after gzip decompression)');
  }

  const looksText = page.format === 'text' || (page.format === undefined && /\.(txt|text)(\.gz)?$/i.test(page.input));
  const charset = detectCharset(bytes, { contentType: page.contentType, lookForMeta: !looksText, truncated });
  if (charset.source !== 'bom' && !charset.encoding.startsWith('utf-16')) {
    const problem = binaryProblem(bytes);
    if (problem) throw new InputError(page.input, problem);
  }
  warnings.push(...charset.warnings);

  let content = decodeWith(bytes, charset);
  const repair = repairDoubleEncoding(content);
  if (repair.repaired > 0) {
    content = repair.text;
    warnings.push(`repaired ${repair.repaired} character(s) that had been encoded as UTF-8 twice`);
  }
  if (content.length > MAX_DECODED_CHARS) {
    content = content.slice(0, MAX_DECODED_CHARS);
    warnings.push(`page cut to its first ${MAX_DECODED_CHARS} characters`);
  }
  if (content.trim() === '') throw new InputError(page.input, 'the input holds only whitespace');

  const format = page.format ?? sniffFormat(content, { name: page.input, contentType: page.contentType });
  return { content, format, encoding: charset.encoding, charsetSource: charset.source, warnings };
}
