import type { Block } from '../model/layers.js';
import type {
  ChromeItem,
  CodedWarning,
  MetadataProvenance,
  PageType,
  PublishedDate,
  RelatedLink,
  StatedDate,
} from '../model/result.js';

/** Metadata read from a page, each field with its provenance in `provenance`. */
export interface PageMetadata {
  title: string | null;
  authors: string[];
  site: string | null;
  language: string | null;
  published: PublishedDate;
  modified: StatedDate | null;
  /** Tags and keywords given by the page's metadata (meta keywords, article:tag, JSON-LD keywords). */
  tags: string[];
  provenance: MetadataProvenance;
}

/** What the extract stage hands on: the body as text with its block layer, plus everything removed. */
export interface Extraction {
  /** The article body: blocks joined by "\n\n" (paragraph-like) or "\n" (consecutive list items / table rows). */
  text: string;
  /** Blocks with offsets into `text`. */
  blocks: Block[];
  chrome: ChromeItem[];
  related: RelatedLink[];
  /** Tags found in the page body (tag links, tag lines), merged with metadata tags by the pipeline. */
  tags: string[];
  metadata: PageMetadata;
  pageType: PageType;
  pageTypeReason: string | null;
  warnings: string[];
  /** Warnings with a stable code; each message is also in `warnings`. */
  codedWarnings?: CodedWarning[];
}

export interface ExtractOptions {
  /** The page's URL, when known: used for metadata (URL dates, site) and to resolve relative links. */
  url?: string | null;
}

export function emptyPublished(): PublishedDate {
  return { stated: null, source: null, raw: null };
}

export function emptyMetadata(): PageMetadata {
  return {
    title: null,
    authors: [],
    site: null,
    language: null,
    published: emptyPublished(),
    modified: null,
    tags: [],
    provenance: {},
  };
}
