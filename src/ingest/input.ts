/** One page as it arrives, before decoding: bytes plus what is known about them from outside. */
export interface PageInput {
  /** How the user named the input (a path, "-", a URL); echoed in results and errors. */
  input: string;
  bytes: Uint8Array;
  /** The page's URL, when known (given, fetched, or from a manifest). */
  url?: string | null;
  /** An HTTP Content-Type header, when the page was fetched or came from a WARC record. */
  contentType?: string | null;
  /** A publication date known from outside the page (feed entry, crawl metadata). */
  published?: string | null;
  /** When the bytes were captured (fetch time, WARC-Date), ISO 8601. */
  capturedAt?: string | null;
  /** Where in a WARC file the page was read from, when it came from one. */
  warcRecord?: WarcRecordRef | null;
  /** Forces how the bytes are read; otherwise sniffed from the name and content. */
  format?: InputFormat;
  /** True when `bytes` hold only the first part of a larger input (cut at a size limit). */
  truncated?: boolean;
  /** Notes gathered while reading the input (e.g. that it was cut); carried into the result. */
  warnings?: string[];
}

export type InputFormat = 'html' | 'text';

/** A WARC record a page was read from. */
export interface WarcRecordRef {
  /** The WARC file's path as given. */
  file: string;
  /** Byte offset of the record (of its gzip member, for .warc.gz) in the file. */
  offset: number;
  /** WARC-Record-ID, when present. */
  recordId: string | null;
  /** WARC-Payload-Digest, when present (e.g. "sha1:…"). */
  payloadDigest: string | null;
}

/** Machine-readable kinds of InputError that a program may want to branch on. */
export type InputErrorCode =
  /** A manifest `path` that is absolute or leads outside the manifest's folder (refused unless allowed). */
  'manifest_path_outside';

/** A problem with one input: names the input and says what is wrong with it. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly input: string,
    readonly problem: string,
    /** Set for the kinds of problem listed in InputErrorCode. */
    readonly code?: InputErrorCode,
  ) {
    super(`${input}: ${problem}`);
  }
}
