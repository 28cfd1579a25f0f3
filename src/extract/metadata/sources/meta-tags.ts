import { RANK, type Candidate, type MetadataField } from '../candidates.js';
import type { MetaTag } from '../page-scan.js';

/**
 * <meta> conventions: Open Graph, Twitter cards, Dublin Core, article:*, Parse.ly, Sailthru,
 * itemprop on <meta>, and the plain names CMSs use. Each key maps to a field and a rank.
 */
const KEYS: Record<string, [MetadataField, number]> = {};
function keys(field: MetadataField, rank: number, list: string): void {
  for (const key of list.trim().split(/\s+/)) KEYS[key] = [field, rank];
}

keys('published', RANK.structuredArticle, 'article:published_time og:article:published_time article:published og:published_time datepublished');
keys('published', RANK.knownMeta, `parsely-pub-date sailthru.date dc.date.issued dcterms.issued dc.date.created dcterms.created
  publish-date publish_date publishdate published_time published-date pubdate pub_date publication_date publication-date
  article.published article:published_date article_date_original original-publish-date originalpublicationdate
  citation_publication_date citation_date cxenseparse:recs:publishtime rnews:datepublished og:pubdate datecreated
  date.available bt:pubdate release_date uploaddate pdate displaydate dc.date.published article.created created_at
  parsely-pub_date date_published`);
keys('modified', RANK.structuredArticle, 'article:modified_time og:article:modified_time article:modified og:updated_time datemodified');
keys('modified', RANK.knownMeta, `dc.date.modified dcterms.modified last-modified lastmod modified_time updated_time
  article.updated revised eomportal-lastupdate date_modified dc.modified`);
keys('date', RANK.genericMeta, 'date dc.date dcterms.date sailthru.date.published dc.date.available timestamp');

keys('author', RANK.knownMeta, `author article:author og:article:author dc.creator dcterms.creator parsely-author
  sailthru.author byl citation_author book:author cxenseparse:author author_name article.author dc.contributor`);
keys('title', RANK.structuredArticle, 'og:title');
keys('title', RANK.knownMeta, 'twitter:title parsely-title sailthru.title dc.title dcterms.title headline citation_title title');
keys('site', RANK.structuredArticle, 'og:site_name');
keys('site', RANK.knownMeta, 'application-name apple-mobile-web-app-title al:ios:app_name al:android:app_name dc.publisher dcterms.publisher publisher');
keys('language', RANK.knownMeta, 'content-language dc.language dcterms.language language inlanguage');
keys('language', RANK.genericMeta, 'og:locale');
keys('tag', RANK.knownMeta, 'article:tag og:article:tag keywords news_keywords parsely-tags sailthru.tags');
keys('url', RANK.knownMeta, 'og:url twitter:url parsely-link');
keys('page-kind', RANK.knownMeta, 'og:type');

/** Keys whose value is a list to split. */
const LIST_KEYS = new Set(['keywords', 'news_keywords', 'parsely-tags', 'sailthru.tags']);

/** Keys no list names but that say what they hold ("w-published-date", "article_modified_time"). */
function patternEntry(key: string): [MetadataField, number] | undefined {
  if (key.length > 60 || /^(?:og|twitter|fb|al):/.test(key)) return undefined;
  if (!/date|time|(?:^|[-_.:])(?:published|modified|updated)$/.test(key)) return undefined;
  if (/modif|updat|revis|lastmod/.test(key)) return ['modified', RANK.knownMeta + 5];
  if (/publish|pubdate|issued|release|created|posted/.test(key)) return ['published', RANK.knownMeta + 5];
  return undefined;
}

/** Slack/Twitter unfurl pairs: twitter:label1 "Written by" + twitter:data1 "Jane Doe". */
function labelledDataCandidates(metas: readonly MetaTag[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { key, content } of metas) {
    const label = /^twitter:label(\d)$/.exec(key);
    if (!label || !/^(?:written by|author|authors|by|auteur|autor|autore|geschrieben von|écrit par|escrito por)$/i.test(content.trim())) continue;
    const data = metas.find((m) => m.key === `twitter:data${label[1]}`);
    if (data?.content) candidates.push({ field: 'author', value: data.content, source: 'meta', detail: `twitter:data${label[1]}`, rank: RANK.knownMeta });
  }
  return candidates;
}

export function metaTagCandidates(metas: readonly MetaTag[]): Candidate[] {
  const candidates: Candidate[] = labelledDataCandidates(metas);
  for (const { key, content } of metas) {
    const entry = KEYS[key] ?? patternEntry(key);
    if (!entry || content === '') continue;
    const [field, rank] = entry;
    if (field === 'tag' && LIST_KEYS.has(key)) {
      for (const part of content.split(/[,;]/)) {
        const tag = part.trim();
        if (tag) candidates.push({ field, value: tag, source: 'meta', detail: key, rank });
      }
      continue;
    }
    candidates.push({ field, value: content, source: 'meta', detail: key, rank });
  }
  return candidates;
}
