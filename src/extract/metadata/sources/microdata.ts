import { RANK, type Candidate } from '../candidates.js';
import type { ItempropValue } from '../page-scan.js';

/** itemprop attributes on page elements (schema.org microdata). */
const ARTICLE_SCOPE = /article|blogposting|newsarticle|posting|report|review|creativework/;

export function microdataCandidates(itemprops: readonly ItempropValue[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const { prop, value, name, itemtype } of itemprops) {
    const inArticle = ARTICLE_SCOPE.test(itemtype);
    // A datePublished inside a Comment or Person scope dates something else.
    if (/comment|person|event|offer|product/.test(itemtype) && prop !== 'author' && prop !== 'name') continue;
    const rank = inArticle ? RANK.microdata : RANK.microdata + 10;
    const detail = `itemprop=${prop}`;
    switch (prop) {
      case 'datepublished':
      case 'datecreated':
      case 'uploaddate':
        if (value) candidates.push({ field: 'published', value, source: 'microdata', detail, rank: prop === 'datepublished' ? rank : rank + 3 });
        break;
      case 'datemodified':
        if (value) candidates.push({ field: 'modified', value, source: 'microdata', detail, rank });
        break;
      case 'author':
      case 'creator': {
        const author = name ?? value;
        if (author) candidates.push({ field: 'author', value: author, source: 'microdata', detail, rank });
        break;
      }
      case 'headline':
        if (value) candidates.push({ field: 'title', value, source: 'microdata', detail, rank });
        break;
      case 'inlanguage':
        if (value) candidates.push({ field: 'language', value, source: 'microdata', detail, rank });
        break;
      default:
        break;
    }
  }
  return candidates;
}
