import type { ChromeKind } from '../../model/result.js';

/**
 * The words page furniture is made of, by the kind of furniture. A short line
 * outside the prose that contains one of them is chrome of that kind. Cases are
 * tried in order: the first that matches names the kind, so the more specific
 * kinds (a comment-section link, a read-more link) come before the generic ones.
 * The words are the vocabulary of page templates in general, in the languages
 * whosaid reads most often, not the labels of any one site.
 */
interface ChromeWordCase {
  kind: ChromeKind;
  words: RegExp;
}

const CHROME_WORD_CASES: readonly ChromeWordCase[] = [
  {
    kind: 'cookie',
    words: wordsPattern('cookies?|consent|privacy settings|datenschutz'),
  },
  {
    kind: 'newsletter',
    words: wordsPattern('newsletters?|subscribe|subscription|sign[ -]?up|inbox|abonnieren|s\'abonner|suscr[ií]bete'),
  },
  {
    kind: 'comments',
    words: wordsPattern('comments?|commenting|discussions?|discuss|replies|reply|community (standards|guidelines|rules)|join the conversation|kommentare|commentaires|comentarios'),
  },
  {
    kind: 'read-more',
    words: wordsPattern('read more|read next|read also|also read|continue reading|see also|more on this|weiterlesen|lire aussi|lire la suite|leer m[aá]s'),
  },
  {
    kind: 'related',
    words: wordsPattern('related|recommended|most (read|popular|viewed|shared)|trending|top stories|more stories|you (may|might) also like|mehr zum thema|à lire aussi'),
  },
  {
    kind: 'share',
    words: wordsPattern('share|shares|sharing|tweet|short url|short link|copy link|permalink|e-?mail( this)?|print|facebook|twitter|whatsapp|telegram|linkedin|pinterest|reddit|teilen|partager|compartir'),
  },
  {
    kind: 'advert',
    words: wordsPattern('advertisement|advertising|advert|sponsored|promoted|partner content|anzeige|publicité|publicidad'),
  },
  {
    kind: 'tags',
    words: wordsPattern('tags?|topics?|keywords|filed under|themen|mots-clés|etiquetas'),
  },
  {
    kind: 'credit',
    words: wordsPattern('photo|photograph|image|picture|video|credit|getty|illustration|foto|bild'),
  },
  {
    kind: 'footer',
    words: wordsPattern('©|copyright|this (web ?)?site|our (web ?)?site|all rights reserved|terms of (use|service)|terms and conditions|privacy policy|contact us|about us|imprint|impressum|mentions légales'),
  },
  {
    kind: 'navigation',
    words: wordsPattern('home|menu|skip to|back to top|search|sections?|next|previous|listen|live|watch|radio|podcasts?|sign in|log ?in|register|my account|accueil|startseite|inicio'),
  },
];

/** Whole words only, with letter boundaries that also hold for accented letters (\\b does not). */
function wordsPattern(alternatives: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
}

/** The kind of chrome a phrase names, or null when it contains no template word. */
export function chromeKindOfWords(phrase: string): ChromeKind | null {
  for (const entry of CHROME_WORD_CASES) {
    if (entry.words.test(phrase)) return entry.kind;
  }
  return null;
}

/** Kinds whose words, said again and again, make a paragraph a notice rather than article text. */
const NOTICE_KINDS: ReadonlySet<ChromeKind> = new Set(['cookie', 'newsletter', 'footer', 'comments', 'advert']);

/** How many times a text uses the words of the notice kinds (cookie, newsletter, footer, comments, advert). */
export function chromeWordHits(text: string): number {
  let hits = 0;
  for (const words of NOTICE_WORDS) hits += text.match(words)?.length ?? 0;
  return hits;
}

const NOTICE_WORDS: readonly RegExp[] = CHROME_WORD_CASES.filter((entry) => NOTICE_KINDS.has(entry.kind)).map(
  (entry) => new RegExp(entry.words.source, 'giu'),
);
