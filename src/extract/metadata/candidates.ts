import type { MetadataSource } from '../../model/result.js';

/** The metadata fields sources can propose values for. */
export type MetadataField = 'title' | 'author' | 'site' | 'language' | 'published' | 'modified' | 'date' | 'tag' | 'url' | 'page-kind';

/**
 * A value one source proposes for one field. `date` is a date whose kind the page does not
 * say (a bare <time>, a meta "date"); the chooser decides whether it counts as published.
 */
export interface Candidate {
  field: MetadataField;
  value: string;
  source: MetadataSource;
  /** Finer provenance: the meta key, JSON-LD type and key, element hints or URL pattern. */
  detail: string;
  /** Lower is stronger; set by the source from what it knows of the value's reliability. */
  rank: number;
  /**
   * For values a reader sees on the page: visible characters from the headline to the value
   * (negative above it). Absent for values only in markup (meta, JSON-LD, URL).
   */
  position?: number;
}

/** Rank bands shared by sources, so the chooser can compare across them. */
export const RANK = {
  /** Structured data on the article itself: JSON-LD Article.datePublished, article:published_time. */
  structuredArticle: 10,
  /** Well-known meta conventions (parsely, sailthru, Dublin Core issued). */
  knownMeta: 20,
  /** Microdata on elements. */
  microdata: 25,
  /** Structured data on the page rather than the article (WebPage.datePublished). */
  structuredPage: 30,
  /** <time> elements marked as publication dates. */
  markedElement: 40,
  url: 45,
  /** Elements whose class says they hold a date or a byline. */
  hintedElement: 50,
  /** Generic meta names ("date", "dc.date") that many CMSs fill with the build time. */
  genericMeta: 60,
  dateline: 65,
  /** Unmarked <time> elements. */
  unmarkedElement: 70,
  weak: 90,
  /** Sources add 15 for values inside navigation, sidebars or comments; at or past this a shown date is not the article's. */
  chromeFloor: 80,
} as const;
