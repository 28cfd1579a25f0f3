/**
 * Tells text from binary before any decoding is attempted, so that an image,
 * PDF or archive handed in by mistake is reported as such instead of being
 * "read" as a page full of mojibake.
 */

interface Signature {
  bytes: readonly number[];
  /** Where the signature starts in the file. */
  offset?: number;
  what: string;
}

const SIGNATURES: readonly Signature[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
  { bytes: [0x42, 0x5a, 0x68], what: 'a bzip2 stream' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz stream' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd stream' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable' },
  { bytes: [0x77, 0x4f, 0x46, 0x46], what: 'a web font' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], what: 'an Ogg media file' },
  { bytes: [0x49, 0x44, 0x33], what: 'an MP3 file' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'an MP4 media file' },
  { bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, what: 'a WebP image' },
];

/** How many leading bytes are inspected, as git does. */
const SAMPLE_BYTES = 8000;

/** NULs in the sample that make it binary: random bytes hold about 31 in 8000. */
const MIN_BINARY_NULS = 16;
/** For short inputs: the share of NULs that makes them binary. */
const MIN_BINARY_NUL_SHARE = 0.01;

/** Above this share of C0 control bytes the input is noise, not text in any encoding. */
const MAX_CONTROL_SHARE = 0.05;

/**
 * Says why the bytes look binary, or null when they may be text. Inputs that
 * are UTF-16 (which is full of NULs) must be recognised before calling this.
 */
export function binaryProblem(bytes: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    if (startsWithAt(bytes, signature.bytes, signature.offset ?? 0)) return `looks binary (${signature.what})`;
  }
  const sampleLength = Math.min(bytes.length, SAMPLE_BYTES);
  let controls = 0;
  let nuls = 0;
  for (let i = 0; i < sampleLength; i++) {
    const byte = bytes[i];
    if (byte === 0) nuls++;
    // Tab, line feed, vertical tab, form feed, carriage return and escape occur in real text.
    else if (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b) controls++;
  }
  if (sampleLength === 0) return null;
  // A stray NUL or two happens in real pages (browsers show them); binary data has them throughout.
  if (nuls >= MIN_BINARY_NULS || nuls / sampleLength >= MIN_BINARY_NUL_SHARE) return 'looks binary (NUL bytes)';
  if ((controls + nuls) / sampleLength > MAX_CONTROL_SHARE) return 'looks binary (control bytes)';
  return null;
}

function startsWithAt(bytes: Uint8Array, prefix: readonly number[], offset: number): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}
