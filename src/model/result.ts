import type { AttributionJson } from '../attribution/result.js';
import type { Block } from './layers.js';
import type { EntityJson } from '../attribution/entities/types.js';
import type { PublicationEstimateResult } from '../time/result.js';

/** Where a stated date (or other metadata value) was read from. */
export type MetadataSource =
  | 'url'
  | 'meta'
  | 'json-ld'
  | 'microdata'
  | 'time-element'
  | 'dom'
  | 'dateline'
  | 'text'
  | 'external';

/** A date as the page states it, with where it came from. */
export interface StatedDate {
  /** ISO 8601; with the page's offset when it gives one, `Z` when the zone is UTC or unknown. Null when none was found. */
  stated: string | null;
  /** Where the chosen value came from. */
  source: MetadataSource | null;
  /** The string as it appeared in the page. */
  raw: string | null;
  /** What of the value is known: a full timestamp, a date without time, or a date whose zone is unknown. */
  precision?: 'datetime' | 'date' | 'datetime-no-zone' | null;
}

/** One date candidate found in the page, kept so a user can audit the choice. */
export interface DateCandidate {
  value: string;
  raw: string;
  source: MetadataSource;
  /** Finer provenance: the meta property, JSON-LD key, element selector or pattern. */
  detail: string;
  kind: 'published' | 'modified' | 'unknown';
}

export interface PublishedDate extends StatedDate {
  candidates?: DateCandidate[];
  /** When the text itself says it was written (see src/time): a range with evidence, or unknown. */
  estimated?: PublicationEstimateResult;
  /** True when the stated date lies outside the estimate by more than the threshold (default 180 days). */
  misdated?: boolean;
  /** Why the stated date was or was not judged misdated. */
  misdatedReason?: string;
}

/** A link the extractor found in a related-stories block. */
export interface RelatedLink {
  title: string;
  url?: string;
}

/** Why a removed piece was judged to be chrome. */
export type ChromeKind =
  | 'navigation'
  | 'dateline'
  | 'byline'
  | 'share'
  | 'related'
  | 'tags'
  | 'comments'
  | 'newsletter'
  | 'cookie'
  | 'advert'
  | 'credit'
  | 'read-more'
  | 'footer'
  | 'header'
  | 'title'
  | 'boilerplate';

/** A line or block removed from the page as chrome, kept so a reader can audit the cut. */
export interface ChromeItem {
  text: string;
  kind: ChromeKind;
}

/** "article", or why the page is not one. */
export type PageType = 'article' | 'listing' | 'short' | 'empty' | 'non-text' | 'error-page';

export interface ExtractorInfo {
  name: string;
  version: string;
}

/** Provenance of each metadata field: which source won for it. */
export interface MetadataProvenance {
  title?: MetadataSource | null;
  authors?: MetadataSource | null;
  site?: MetadataSource | null;
  language?: MetadataSource | null;
}

/** What whosaid returns for one page. Later stages fill the optional fields. */
export interface AnalysisResult {
  /** The input as given: a path, "-", or a URL. */
  input: string;
  url: string | null;
  title: string | null;
  authors: string[];
  site: string | null;
  /** BCP 47 primary language tag, e.g. "en". */
  language: string | null;
  published: PublishedDate;
  modified: StatedDate | null;
  /** The article body: paragraphs separated by a blank line; headings, list items, quotes and table rows on their own lines. */
  text: string;
  /** The body's blocks with offsets into `text`. */
  blocks: Block[];
  tags: string[];
  related: RelatedLink[];
  chrome: ChromeItem[];
  pageType: PageType;
  /** Why the page type was chosen, in words. */
  pageTypeReason: string | null;
  /** Where each metadata field came from. */
  provenance: MetadataProvenance;
  /** What read the page: recorded on every result. */
  extractor: ExtractorInfo;
  /** Notes about the input that did not stop the analysis (e.g. a charset that lied). */
  warnings: string[];
  /** The warnings a program may branch on, each with a stable code (its message is also in `warnings`); absent when there are none. */
  codedWarnings?: CodedWarning[];
  /** Who said what: added by the attribution stage (see src/attribution/result.ts for the shape). */
  attributions?: AttributionJson[];
  /** The people, organisations, publications, documents and groups the text mentions, with roles: added with attributions. */
  entities?: EntityJson[];
}

/**
 * Kinds of coded warning. "text_unbroken": a text capture's text was all set
 * aside, because it is unbroken runs of characters without spaces (a single
 * 50,000-character "word"), which do not read as words; the body is empty.
 */
export type WarningCode = 'text_unbroken';

/** A warning with a stable code, for programs to branch on rather than read the words. */
export interface CodedWarning {
  /** What kind of warning it is. */
  code: WarningCode;
  /** The same words as its entry in `warnings`. */
  message: string;
}

/** What a batch yields for an input that could not be analysed. */
export interface AnalysisFailure {
  input: string;
  error: string;
  /** A machine-readable kind, for the problems that have one (e.g. "manifest_path_outside"). */
  code?: string;
}
