import type { Document } from 'domhandler';
import type { MetadataSource } from '../../model/result.js';
import type { ExtractOptions, PageMetadata } from '../types.js';
import { cleanAuthors } from './authors.js';
import type { Candidate, MetadataField } from './candidates.js';
import { chooseDates } from './choose-date.js';
import { guessLanguage } from './language.js';
import { scanPage } from './page-scan.js';
import { datelineCandidates } from './sources/dateline.js';
import { bylineCandidates, dateElementCandidates } from './sources/dom-elements.js';
import { bylineTextCandidates } from './sources/byline-text.js';
import { jsonLdCandidates } from './sources/json-ld.js';
import { metaTagCandidates } from './sources/meta-tags.js';
import { microdataCandidates } from './sources/microdata.js';
import { timeElementCandidates } from './sources/time-elements.js';
import { siteFromUrl, urlDateCandidates } from './sources/url.js';
import { chooseTitle } from './title.js';

export { parseDateString, findDateMentions, type DateMention } from './dates/parse-date.js';
export type { ParsedDate, ParseDateOptions } from './dates/types.js';
export { guessLanguage } from './language.js';

export interface MetadataOptions extends ExtractOptions {
  /** When the page was captured: resolves relative dates ("2 hours ago") and bounds future ones. Defaults to now. */
  reference?: Date;
}

const MAX_TAGS = 50;
/** More names than this from one source is a list of people (comments, a staff page), not a byline. */
const MAX_AUTHORS_PER_SOURCE = 8;

function byRank(candidates: readonly Candidate[], field: MetadataField): Candidate[] {
  return candidates
    .map((candidate, order) => ({ candidate, order }))
    .filter(({ candidate }) => candidate.field === field)
    .sort((a, b) => a.candidate.rank - b.candidate.rank || a.order - b.order)
    .map(({ candidate }) => candidate);
}

/** "en-US", "en_GB", "EN" → "en"; null for "x-default", "*" and non-tags. */
export function primaryLanguage(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*\s*(?:[,;]|$)/i.exec(value);
  if (!match) return null;
  const tag = match[1].toLowerCase();
  return tag === 'x' || tag === 'und' || tag === 'mul' || tag === 'zxx' ? null : tag;
}

function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

/** Reads title, authors, site, language, dates and tags from a parsed HTML page, each with its provenance. */
export function readHtmlMetadata(document: Document, options: MetadataOptions = {}): PageMetadata {
  const scan = scanPage(document);
  const candidates: Candidate[] = [
    ...jsonLdCandidates(scan.jsonLd).candidates,
    ...metaTagCandidates(scan.metas),
    ...microdataCandidates(scan.itemprops),
    ...timeElementCandidates(scan.times, scan.headlineOffset),
    ...bylineCandidates(scan.bylines, scan.authorLinks),
    ...bylineTextCandidates(scan.leadText, scan.preHeadlineText),
    ...dateElementCandidates(scan.dateElements, scan.headlineOffset),
  ];

  // The page's own URL when given, else the one it declares (og:url, canonical, JSON-LD url).
  const declaredUrl =
    absoluteUrl(byRank(candidates, 'url')[0]?.value, options.url ?? null) ?? absoluteUrl(scan.canonical, options.url ?? null);
  const pageUrl = options.url ?? declaredUrl;
  candidates.push(...urlDateCandidates(pageUrl, options.url ? '' : 'declared '));

  // Site
  const siteCandidate = byRank(candidates, 'site').find((c) => c.value.trim().length > 0 && c.value.length <= 100);
  const host = siteFromUrl(pageUrl);
  const site = siteCandidate?.value.trim() ?? host;
  const siteSource: MetadataSource | null = siteCandidate ? siteCandidate.source : host ? 'url' : null;
  const siteNames = [site, host, siteCandidate?.value].filter((s): s is string => Boolean(s));

  // Language: declared before guessed; dayFirst for numeric dates follows it.
  let language: string | null = null;
  let languageSource: MetadataSource | null = null;
  const htmlLang = primaryLanguage(scan.htmlLang);
  if (htmlLang) {
    language = htmlLang;
    languageSource = 'dom';
  } else {
    for (const candidate of byRank(candidates, 'language')) {
      const tag = primaryLanguage(candidate.value);
      if (tag) {
        language = tag;
        languageSource = candidate.source;
        break;
      }
    }
  }
  if (!language) {
    const guessed = guessLanguage(`${scan.h1.join(' ')} ${scan.leadText}`);
    if (guessed) {
      language = guessed;
      languageSource = 'text';
    }
  }
  const usEnglish = /^en[-_]us/i.test(scan.htmlLang ?? '') || (language === 'en' && !/^en[-_](?:gb|au|nz|ie|in|za)/i.test(scan.htmlLang ?? ''));
  const dateOptions = { reference: options.reference, dayFirst: language !== null && !usEnglish };

  candidates.push(...datelineCandidates(scan.leadText, scan.preHeadlineText, dateOptions));

  // Title
  const titles = byRank(candidates, 'title');
  const og = titles.find((c) => c.detail === 'og:title')?.value ?? null;
  const headline = titles.find((c) => c.source === 'json-ld' || c.source === 'microdata')?.value ?? null;
  const otherMeta = titles.find((c) => c.source === 'meta' && c.detail !== 'og:title')?.value ?? null;
  const titleChoice = chooseTitle({ ogTitle: og, headline, otherMeta, h1: scan.h1, siteHeaderH1: scan.siteHeaderH1, titleTag: scan.title, siteNames });
  const titleSource: MetadataSource | null =
    titleChoice.from === 'og' || titleChoice.from === 'meta'
      ? 'meta'
      : titleChoice.from === 'headline'
        ? (titles.find((c) => c.value === headline)?.source ?? 'json-ld')
        : titleChoice.from
          ? 'dom'
          : null;

  // Authors: the strongest source that yields a clean name wins, with all its values.
  let authors: string[] = [];
  let authorsSource: MetadataSource | null = null;
  const authorCandidates = byRank(candidates, 'author');
  const groups = new Map<string, Candidate[]>();
  authorCandidates.forEach((candidate, index) => {
    // Byline elements stand alone: a page repeats author-like classes for comments and teasers.
    // Microdata authors repeat per post on forums and Q&A pages: the first is the page's.
    const single = (candidate.source === 'dom' && candidate.detail !== 'a[rel=author]') || candidate.source === 'microdata';
    const group = single ? `dom#${index}` : `${candidate.source}|${candidate.detail}|${candidate.rank}`;
    const members = groups.get(group) ?? [];
    if (members.length < MAX_AUTHORS_PER_SOURCE) groups.set(group, [...members, candidate]);
  });
  for (const group of groups.values()) {
    const names = cleanAuthors(group.map((c) => c.value), { siteNames });
    if (names.length > 0) {
      authors = names;
      authorsSource = group[0].source;
      break;
    }
  }

  // Tags
  const tags: string[] = [];
  const tagKeys = new Set<string>();
  for (const candidate of byRank(candidates, 'tag')) {
    const tag = candidate.value.trim();
    const key = tag.toLowerCase();
    if (!tag || tag.length > 60 || tagKeys.has(key)) continue;
    tagKeys.add(key);
    tags.push(tag);
    if (tags.length >= MAX_TAGS) break;
  }

  const pageKinds = candidates.filter((c) => c.field === 'page-kind').map((c) => c.value.toLowerCase());
  const productPage = pageKinds.some((k) => k.startsWith('product')) && !pageKinds.includes('article');
  const { published, modified } = chooseDates(candidates, dateOptions, productPage);

  return {
    title: titleChoice.title,
    authors,
    site,
    language,
    published,
    modified,
    tags,
    provenance: { title: titleSource, authors: authorsSource, site: siteSource, language: languageSource },
  };
}
