import { RANK, type Candidate } from '../candidates.js';
import { decodeEntities } from '../entities.js';

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/*
 * JSON-LD blocks: single objects, arrays, @graph, nested author/publisher objects. Pages ship
 * broken JSON often (trailing commas, HTML comments, CDATA wrappers, raw newlines in strings,
 * several objects back to back), so parsing repairs the common faults before giving up.
 * The object walk is iterative and bounded in depth and node count.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const MAX_NODES = 20_000;
const MAX_DEPTH = 24;

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'blogposting', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'report', 'scholarlyarticle', 'techarticle',
  'liveblogposting', 'socialmediaposting', 'discussionforumposting', 'posting', 'howto', 'recipe',
  'videoobject', 'podcastepisode', 'creativework', 'medicalwebpage', 'satiricalarticle', 'advertisercontentarticle',
]);
const PAGE_TYPES = new Set(['webpage', 'itempage', 'aboutpage', 'collectionpage', 'faqpage', 'qapage', 'profilepage', 'searchresultspage', 'checkoutpage', 'contactpage']);
/** Objects whose dates are not the page's: events happen, people are born, offers expire, comments follow. */
const FOREIGN_TYPES = new Set(['person', 'organization', 'newsmediaorganization', 'event', 'offer', 'comment', 'answer', 'question', 'product', 'imageobject', 'breadcrumblist', 'listitem', 'website', 'place', 'localbusiness', 'rating', 'aggregaterating']);

export function parseJsonLoosely(text: string): Json | undefined {
  const cleaned = text
    .replace(/^\s*<!--/, '')
    .replace(/-->\s*$/, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[/, '')
    .replace(/\/\/\s*\]\]>\s*$/, '')
    .replace(/^\s*<!\[CDATA\[/, '')
    .replace(/\]\]>\s*$/, '')
    .trim();
  if (cleaned === '') return undefined;
  // Most blocks parse as shipped: repair only when they do not, and only once.
  const parsed = tryParse(cleaned);
  if (parsed !== undefined) return parsed;
  const repaired = repair(cleaned);
  const parsedRepaired = tryParse(repaired);
  if (parsedRepaired !== undefined) return parsedRepaired;
  return tryParse(`[${repaired.replace(/}\s*{/g, '},{')}]`);
}

function tryParse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** Trailing commas, raw control characters inside strings, a trailing semicolon. */
function repair(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      if (ch === '\n' || ch === '\r' || ch === '\t') {
        out += ' ';
        continue;
      }
      out += ch;
      continue;
    }
    if (ch === '"') inString = true;
    out += ch;
  }
  return out.replace(/,\s*([}\]])/g, '$1').replace(/;\s*$/, '');
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase().replace(/^.*[/#:]/, ''));
}

function asString(value: Json | undefined): string | null {
  if (typeof value === 'string') return collapseSpace(decodeEntities(value)) || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value['@value'] === 'string') return value['@value'];
  return null;
}

/** Authors that are organisations: kept, but after any person a byline names. */
function organisationAuthors(value: Json | undefined): Set<string> {
  const names = new Set<string>();
  const list = Array.isArray(value) ? value : [value];
  for (const item of list.slice(0, 30)) {
    if (item && typeof item === 'object' && !Array.isArray(item) && typesOf(item).some((t) => t === 'organization' || t === 'newsmediaorganization' || t === 'corporation')) {
      const name = asString(item.name);
      if (name) names.add(name);
    }
  }
  return names;
}

/** Names of authors written as strings, Person objects, arrays of either. */
function namesOf(value: Json | undefined, depth = 0): string[] {
  if (value === undefined || value === null || depth > 4) return [];
  if (typeof value === 'string') return [collapseSpace(decodeEntities(value))];
  if (Array.isArray(value)) return value.slice(0, 30).flatMap((item) => namesOf(item, depth + 1));
  if (typeof value === 'object') {
    const name = asString(value.name);
    if (name) return [name];
    const given = asString(value.givenName);
    const family = asString(value.familyName);
    if (given || family) return [[given, family].filter(Boolean).join(' ')];
  }
  return [];
}

function keywordsOf(value: Json | undefined): string[] {
  if (typeof value === 'string') return value.split(/[,;]/).map((k) => k.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.slice(0, 100).flatMap((v) => (typeof v === 'string' ? keywordsOf(v) : []));
  return [];
}

/** Every object with an @type, found breadth-first through arrays, @graph and nested values. */
function typedObjects(root: Json): { object: JsonObject; types: string[]; depth: number }[] {
  const found: { object: JsonObject; types: string[]; depth: number }[] = [];
  const queue: { value: Json; depth: number }[] = [{ value: root, depth: 0 }];
  let visited = 0;
  for (let head = 0; head < queue.length && visited < MAX_NODES; head++) {
    const { value, depth } = queue[head];
    visited++;
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) queue.push({ value: item, depth: depth + 1 });
      continue;
    }
    const types = typesOf(value);
    if (types.length > 0) found.push({ object: value, types, depth });
    for (const [key, child] of Object.entries(value)) {
      // Authors, publishers and comments are read from their parent; their own dates are not the page's.
      if (child && typeof child === 'object' && key !== 'author' && key !== 'publisher' && key !== 'comment' && key !== 'review') {
        queue.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return found;
}

export function jsonLdCandidates(scripts: readonly string[]): { candidates: Candidate[]; invalid: number } {
  const candidates: Candidate[] = [];
  let invalid = 0;
  for (const script of scripts) {
    const parsed = parseJsonLoosely(script);
    if (parsed === undefined) {
      invalid++;
      continue;
    }
    for (const { object, types, depth } of typedObjects(parsed)) {
      if (depth <= 3 && types.some((t) => t === 'product' || t === 'productgroup' || t === 'softwareapplication')) {
        candidates.push({ field: 'page-kind', value: 'product', source: 'json-ld', detail: `${types[0]}`, rank: RANK.structuredPage });
      }
      if (types.some((t) => FOREIGN_TYPES.has(t))) {
        if (types.includes('website') || types.includes('organization') || types.includes('newsmediaorganization')) {
          // A site-level object names the site, when it is the top-level or graph object.
          const name = asString(object.name);
          if (name && depth <= 3) candidates.push({ field: 'site', value: name, source: 'json-ld', detail: `${types[0]}.name`, rank: RANK.structuredPage });
        }
        continue;
      }
      const isArticle = types.some((t) => ARTICLE_TYPES.has(t));
      const isPage = types.some((t) => PAGE_TYPES.has(t));
      const typeName = String(Array.isArray(object['@type']) ? object['@type'][0] : object['@type']);
      const rank = isArticle ? RANK.structuredArticle : isPage ? RANK.structuredPage : RANK.structuredPage + 5;
      const add = (field: Candidate['field'], key: string, value: string | null, fieldRank = rank): void => {
        if (value) candidates.push({ field, value, source: 'json-ld', detail: `${typeName}.${key}`, rank: fieldRank });
      };
      add('published', 'datePublished', asString(object.datePublished));
      add('published', 'dateCreated', asString(object.dateCreated), rank + 3);
      // A video's upload date dates the video, which is often embedded in a page about something else.
      add('published', 'uploadDate', asString(object.uploadDate), RANK.structuredPage + 5);
      add('modified', 'dateModified', asString(object.dateModified));
      if (isArticle || isPage) {
        add('title', 'headline', asString(object.headline), isArticle ? rank : rank + 10);
        if (isArticle && !object.headline) add('title', 'name', asString(object.name), rank + 5);
        const organisations = organisationAuthors(object.author);
        for (const name of namesOf(object.author)) {
          add('author', 'author', name, organisations.has(name) ? RANK.hintedElement + 10 : isArticle ? rank : rank + 5);
        }
        for (const name of namesOf(object.creator)) add('author', 'creator', name, rank + 10);
        for (const name of namesOf(object.publisher)) add('site', 'publisher.name', name, rank + 5);
        add('language', 'inLanguage', asString(object.inLanguage));
        for (const keyword of keywordsOf(object.keywords)) add('tag', 'keywords', keyword);
        add('url', 'url', asString(object.url) ?? asString(object.mainEntityOfPage));
      }
    }
  }
  return { candidates, invalid };
}
