import type { Element } from 'domhandler';
import type { ChromeKind } from '../../model/result.js';

/**
 * What class names, ids, roles and tags say about an element. Class and id
 * values are split into lower-case words (on punctuation and camelCase), so
 * "shareBar", "share-bar" and "share_bar" read alike while "shared" or
 * "shareholders" do not match "share".
 */

/** Words in class/id that mark a kind of chrome, checked in this order (the first match names the kind). */
const CHROME_WORDS: ReadonlyArray<[ChromeKind, RegExp]> = [
  ['cookie', /\b(cookies?|consent|gdpr|ccpa)\b/],
  ['comments', /\b(comments?|commentlist|disqus|respond|replies|discussion|commenting)\b/],
  ['newsletter', /\b(newsletters?|subscribe|subscription|subscriptions|signup|sign up|optin|opt in|mailing ?list|paywall|regwall)\b/],
  ['share', /\b(share|shares|sharing|sharebar|social|socials|addthis|sharethis|social ?media|sociallinks|follow ?us)\b/],
  ['related', /\b(related|recommended|recommendations?|recirc|recirculation|more ?stories|more ?articles|read ?next|up ?next|most ?read|mostread|most ?popular|popular|trending|outbrain|taboola|also ?read|you ?may ?like|further ?reading|more ?from|morenews|more ?news)\b/],
  ['advert', /\b(ad|ads|adv|advert|adverts|advertisement|advertising|adslot|adunit|adcontainer|adwrapper|dfp|gpt|sponsor|sponsored|promo|promotion|promoted|banner|affiliate|commercial)\b/],
  ['navigation', /\b(nav|navbar|navigation|menu|menus|breadcrumbs?|pagination|pager|skip ?link|skiplinks?|subnav|megamenu|jump ?links?)\b/],
  ['footer', /\b(footer|foot|colophon|copyright)\b/],
  ['header', /\b(header|masthead|topbar|top ?bar|site ?header)\b/],
  ['byline', /\b(byline|bylines|author ?bio|author ?box|author ?info|about ?author|about ?the ?author|bio|contributor)\b/],
  ['tags', /\b(tags|tag ?list|taglist|tag ?cloud|topics|keywords)\b/],
  ['read-more', /\b(read ?more|readmore|continue ?reading)\b/],
  ['boilerplate', /\b(sidebar|side ?bar|rail|right ?rail|modal|popup|pop ?up|overlay|toolbar|print ?only|sr ?only|visually ?hidden|screen ?reader ?text|offscreen|noprint|disclaimer|login|signin|sign in|search)\b/],
];

/**
 * Stems that mark chrome even when glued to other words ("relatedposts",
 * "socialicons", "newsletterbox"); only stems that no content class starts with.
 */
const CHROME_STEMS: ReadonlyArray<[ChromeKind, RegExp]> = [
  ['cookie', /\b(cookie|gdpr)/],
  ['newsletter', /\b(newsletter)/],
  ['share', /\b(sharing|sharethis|socialicon|socialshare|socialmedia|sociallink)/],
  ['related', /\b(related|recommend|outbrain|taboola)/],
  ['advert', /\b(advert|adsense|adsbygoogle|sponsor)/],
  ['navigation', /\b(breadcrumb|navbar|navigation)/],
  ['boilerplate', /\b(sidebar)/],
];

/** Words in class/id that mark the article body itself. */
const CONTENT_WORDS = /\b(article|articlebody|article ?body|story|story ?body|entry|entry ?content|post|post ?content|post ?body|content|main|body|text|blog|prose|rich ?text|markdown|page ?content|hentry|instapaper ?body|caas)\b/;

/** Roles that mark chrome, with its kind. */
const CHROME_ROLES: ReadonlyMap<string, ChromeKind> = new Map([
  ['navigation', 'navigation'],
  ['banner', 'header'],
  ['contentinfo', 'footer'],
  ['complementary', 'boilerplate'],
  ['search', 'navigation'],
  ['dialog', 'boilerplate'],
  ['alertdialog', 'boilerplate'],
  ['menu', 'navigation'],
  ['menubar', 'navigation'],
  ['toolbar', 'boilerplate'],
  ['tablist', 'navigation'],
]);

/** Tags that are chrome wherever they occur, with its kind. */
const CHROME_TAGS: ReadonlyMap<string, ChromeKind> = new Map([
  ['nav', 'navigation'],
  ['aside', 'boilerplate'],
  ['footer', 'footer'],
  ['header', 'header'],
  ['button', 'boilerplate'],
  ['form', 'boilerplate'],
  ['dialog', 'boilerplate'],
  ['menu', 'navigation'],
  ['noscript', 'boilerplate'],
]);

/** Lower-case words of an element's class and id: "shareBar js-x" becomes " share bar js x ". */
export function attributeWords(element: Element): string {
  const { class: className, id } = element.attribs;
  if (!className && !id) return '';
  const raw = `${className ?? ''} ${id ?? ''}`;
  let words = WORDS_OF_ATTRIBUTES.get(raw);
  if (words === undefined) {
    words = ` ${raw.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
    remember(WORDS_OF_ATTRIBUTES, raw, words);
  }
  return words;
}

/**
 * Pages repeat the same few class strings thousands of times and the
 * extractor reads each element's words more than once: both readings are
 * remembered per spelling. Bounded so a page of unique ids cannot grow them
 * without limit; they are pure functions of the key, so forgetting is safe.
 */
const MAX_REMEMBERED = 20_000;
const WORDS_OF_ATTRIBUTES = new Map<string, string>();
const CHROME_KIND_OF_WORDS = new Map<string, ChromeKind | null>();

/** Empties the remembered readings (each extraction starts with its own, so one page's classes cost the next nothing). */
export function forgetAttributeReadings(): void {
  WORDS_OF_ATTRIBUTES.clear();
  CHROME_KIND_OF_WORDS.clear();
}

function remember<V>(memory: Map<string, V>, key: string, value: V): void {
  if (memory.size >= MAX_REMEMBERED) memory.clear();
  memory.set(key, value);
}

/** The chrome kind that class/id words name, if any. */
export function chromeKindFromWords(words: string): ChromeKind | null {
  if (words === '') return null;
  const remembered = CHROME_KIND_OF_WORDS.get(words);
  if (remembered !== undefined) return remembered;
  const kind = readChromeKind(words);
  remember(CHROME_KIND_OF_WORDS, words, kind);
  return kind;
}

function readChromeKind(words: string): ChromeKind | null {
  for (const [kind, pattern] of CHROME_WORDS) if (pattern.test(words)) return kind;
  for (const [kind, pattern] of CHROME_STEMS) if (pattern.test(words)) return kind;
  return null;
}

export function hasContentWords(words: string): boolean {
  return words !== '' && CONTENT_WORDS.test(words);
}

export function chromeKindFromRole(element: Element): ChromeKind | null {
  const role = element.attribs.role;
  return role ? CHROME_ROLES.get(role.trim().toLowerCase()) ?? null : null;
}

export function chromeKindFromTag(element: Element): ChromeKind | null {
  return CHROME_TAGS.get(element.name) ?? null;
}

/** True for elements the page hides from readers (hidden attribute, inline display:none / visibility:hidden). */
export function isHidden(element: Element): boolean {
  const attribs = element.attribs;
  if ('hidden' in attribs) return true;
  if (attribs['aria-hidden'] === 'true') return true;
  const style = attribs.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Marks that the element is the article body by schema.org or ARIA semantics. */
export function isArticleMarker(element: Element): boolean {
  if (element.name === 'article' || element.name === 'main') return true;
  const itemprop = element.attribs.itemprop;
  if (itemprop !== undefined && /\barticleBody\b/i.test(itemprop)) return true;
  const role = element.attribs.role;
  return role === 'main' || role === 'article';
}

const CAPTION_WORDS = /\b(caption|captions|figcaption|credit|credits|photo ?credit|image ?credit)\b/;

/**
 * Photo captions and credits: readers and benchmarks treat them as apart from
 * an article's text. On a page of items (a shop grid) the caption is the item's
 * name, so this is only applied to articles.
 */
export function isCaption(element: Element): boolean {
  if (element.name === 'figcaption') return true;
  const words = attributeWords(element);
  return words !== '' && CAPTION_WORDS.test(words);
}

/** Short lines that are chrome whatever their markup: they announce, promote or credit rather than report. */
const BOILERPLATE_LINES: ReadonlyArray<[ChromeKind, RegExp]> = [
  ['advert', /^(advertisement|advertising|ad|sponsored( content)?|paid (content|post)|story continues below( advertisement)?|continue reading (the )?(main )?story( below)?|article continues (below|after advertisement))\W*$/i],
  ['read-more', /^(read more|read the full story|more:|related:|see also:|also read:|read also:|recommended:|watch:|listen:|click here to|more on this|most read)\b/i],
  ['share', /^(share( this( article| story)?)?( on)?|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin|pinterest|reddit)(\s*[|·,/]\s*(share|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin|pinterest|reddit))*\W*$/i],
  ['newsletter', /^(sign up|subscribe|get (our|the) .{0,40}newsletter|newsletter sign ?up|enter your email|join our mailing list)\b|\b(subscribe to .{0,40}newsletters?|sign up for .{0,40}newsletters?)\W*$/i],
  ['credit', /^((photo|image|picture|video|graphic|illustration)s?( credit)?\s*:|\(?(photo|image|picture)s?( by)?\s*:?|©|copyright\b|(getty images|ap photo|reuters|afp|shutterstock|istock)\b\W*$)/i],
  ['tags', /^(tags|tagged|topics|filed under|categories|category|keywords|schlagworte|themen|etiquetas|palavras-chave)\s*:?\s+\S/i],
  ['cookie', /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings))\b/i],
];

/** The news-agency caption convention, "In this Nov. 18, 2019, file photo, ...": captions run longer than other chrome lines. */
const AGENCY_CAPTION = /^(in )?this (undated |handout |file |\w+\.? \d{1,2}, \d{4},? (file )?)?(photo|image|picture|photograph|video|screenshot|still)\b/i;

export function boilerplateLineKind(text: string): ChromeKind | null {
  if (text.length <= 500 && AGENCY_CAPTION.test(text)) return 'credit';
  if (text.length > 200) return null;
  for (const [kind, pattern] of BOILERPLATE_LINES) if (pattern.test(text)) return kind;
  return null;
}
