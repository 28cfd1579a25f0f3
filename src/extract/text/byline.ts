/** "By", in the languages whosaid reads most often, opening a byline. */
const BYLINE_OPENER = /^(?:by|written by|words by|posted by|von|par|por|di|door|av|af)\s*:?\s+/iu;
/** Between two author names. */
const NAME_SEPARATOR = /\s*,\s*(?:(?:and|und|et|y|e|en|och|og|&)\s+)?|\s+(?:and|und|et|y|e|en|och|og|&)\s+/iu;
/** Lower-case words that may sit inside a personal name. */
const NAME_PARTICLE = /^(?:de|da|di|del|della|der|den|van|von|la|le|du|dos|das|bin|ibn|al|el|ter|ten|y)$/u;
/** What may follow the names: "| Reuters", "- Staff writer", "for The Times". */
const BYLINE_TAIL = /\s*(?:[|·•]|\s[-–—]\s|\bfor\b|\bin\b|\bon\b).*$/iu;

/**
 * Reads a byline ("By Jane Doe and John Roe", "by A. Smith, B. Jones | Agency")
 * into author names. Null when the text is not a byline: it must open with "by"
 * and every name must be one to five capitalised words.
 */
export function readByline(text: string): string[] | null {
  const opener = BYLINE_OPENER.exec(text);
  if (opener === null || text.length > 160) return null;
  const names = text
    .slice(opener[0].length)
    .replace(BYLINE_TAIL, '')
    .split(NAME_SEPARATOR)
    .map((name) => name.trim().replace(/[,;:]+$/u, ''))
    .filter((name) => name !== '');
  if (names.length === 0) return null;
  for (const name of names) {
    if (!isNameShaped(name)) return null;
  }
  return names;
}

function isNameShaped(name: string): boolean {
  const words = name.split(/\s+/u);
  if (words.length > 5) return false;
  return words.every((word) => /^[\p{Lu}][\p{L}\p{M}'’.\-]*$/u.test(word) || NAME_PARTICLE.test(word));
}
