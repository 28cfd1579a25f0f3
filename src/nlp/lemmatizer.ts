import { normalizeWord } from './features.js';

/**
 * Serialised lemma model, learned from (word, tag, lemma) triples:
 * suffix rules for words never seen, and whole-word exceptions where the
 * rules would be wrong.
 */
export interface LemmaModelData {
  /** `class|suffix` → `cut|append`: remove `cut` characters, then add `append`. */
  suffixRules: Record<string, string>;
  /** `class|lower-case word` → lemma. */
  exceptions: Record<string, string>;
}

/** Longest suffix a rule is keyed on. */
const MAX_SUFFIX = 6;

/**
 * Coarse word class for lemmatisation: nouns (N), proper nouns (P, which keep
 * their case), verbs (V), adjectives (J), adverbs (R), everything else (O).
 */
export function lemmaClass(tag: string): string {
  const c = tag.charCodeAt(0);
  if (c === 78 /* N */) return tag.startsWith('NNP') ? 'P' : 'N';
  if (c === 86 /* V */) return 'V';
  if (c === 74 /* J */) return 'J';
  if (c === 82 /* R */ && tag.startsWith('RB')) return 'R';
  if (tag === 'MD') return 'V';
  return 'O';
}

/** The edit that turns `word` into `lemma`, as `cut|append`. */
export function editRule(word: string, lemma: string): string {
  let common = 0;
  const limit = Math.min(word.length, lemma.length);
  while (common < limit && word.charCodeAt(common) === lemma.charCodeAt(common)) common++;
  return `${word.length - common}|${lemma.slice(common)}`;
}

function applyRule(word: string, rule: string): string {
  const bar = rule.indexOf('|');
  const cut = Number(rule.slice(0, bar));
  if (cut >= word.length) return word;
  return word.slice(0, word.length - cut) + rule.slice(bar + 1);
}

export class Lemmatizer {
  readonly #rules: Map<string, string>;
  readonly #exceptions: Map<string, string>;

  constructor(data: LemmaModelData) {
    this.#rules = new Map(Object.entries(data.suffixRules));
    this.#exceptions = new Map(Object.entries(data.exceptions));
  }

  get size(): number {
    return this.#rules.size + this.#exceptions.size;
  }

  /** The lemma of `word` tagged `tag` ("said"/VBD → "say", "Democrats"/NNPS → "Democrats"). */
  lemma(word: string, tag: string): string {
    const cls = lemmaClass(tag);
    const normal = normalizeWord(word);
    const lower = normal.toLowerCase();
    const exception = this.#exceptions.get(cls + '|' + lower);
    if (exception !== undefined) {
      // Proper nouns keep their case: the exception is stored lower-cased, so replay it as an edit.
      return cls === 'P' ? applyRule(normal, editRule(lower, exception)) : exception;
    }
    if (cls === 'O') return lower;
    const base = cls === 'P' ? normal : lower;
    return applyRule(base, this.ruleFor(cls, lower));
  }

  /** The rule of the longest known suffix; the class's default when none is known. */
  ruleFor(cls: string, lower: string): string {
    for (let length = Math.min(MAX_SUFFIX, lower.length - 1); length >= 0; length--) {
      const rule = this.#rules.get(cls + '|' + lower.slice(lower.length - length));
      if (rule !== undefined) return rule;
    }
    return '0|';
  }
}

/** One observation for learning: a word, its tag and its lemma. */
export interface LemmaExample {
  word: string;
  tag: string;
  lemma: string;
}

/**
 * Learns suffix rules over distinct (class, word) types — so that rules
 * generalise to unseen words rather than echo frequent ones — and keeps as
 * exceptions the seen words the rules get wrong. Output is sorted, hence
 * deterministic.
 */
export function learnLemmaModel(examples: Iterable<LemmaExample>, minRuleSupport = 2): LemmaModelData {
  // Majority lemma per (class, lower-case word).
  const lemmaCounts = new Map<string, Map<string, number>>();
  for (const { word, tag, lemma } of examples) {
    const cls = lemmaClass(tag);
    const lower = normalizeWord(word).toLowerCase();
    const key = cls + '|' + lower;
    const target = cls === 'P' ? lemma.toLowerCase() : lemma;
    let counts = lemmaCounts.get(key);
    if (counts === undefined) lemmaCounts.set(key, (counts = new Map()));
    counts.set(target, (counts.get(target) ?? 0) + 1);
  }
  const majority = new Map<string, string>();
  for (const [key, counts] of [...lemmaCounts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let best = '';
    let bestCount = -1;
    for (const [lemma, count] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (count > bestCount) {
        best = lemma;
        bestCount = count;
      }
    }
    majority.set(key, best);
  }

  // Rule counts per (class, suffix), over word types.
  const ruleCounts = new Map<string, Map<string, number>>();
  for (const [key, lemma] of majority) {
    const bar = key.indexOf('|');
    const cls = key.slice(0, bar);
    if (cls === 'O') continue;
    const lower = key.slice(bar + 1);
    const rule = editRule(lower, lemma);
    for (let length = 0; length <= Math.min(MAX_SUFFIX, lower.length - 1); length++) {
      const suffixKey = cls + '|' + lower.slice(lower.length - length);
      let counts = ruleCounts.get(suffixKey);
      if (counts === undefined) ruleCounts.set(suffixKey, (counts = new Map()));
      counts.set(rule, (counts.get(rule) ?? 0) + 1);
    }
  }

  // Keep a suffix's rule only where it differs from what a shorter suffix already says.
  const suffixRules: Record<string, string> = {};
  const kept = new Map<string, string>();
  const keys = [...ruleCounts.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const counts = ruleCounts.get(key)!;
    let total = 0;
    let best = '';
    let bestCount = -1;
    for (const [rule, count] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      total += count;
      if (count > bestCount) {
        best = rule;
        bestCount = count;
      }
    }
    const bar = key.indexOf('|');
    const cls = key.slice(0, bar);
    const suffix = key.slice(bar + 1);
    let inherited = '0|';
    for (let length = suffix.length - 1; length >= 0; length--) {
      const parent = kept.get(cls + '|' + suffix.slice(suffix.length - length));
      if (parent !== undefined) {
        inherited = parent;
        break;
      }
    }
    if (suffix.length === 0 || (total >= minRuleSupport && best !== inherited)) {
      kept.set(key, best);
    }
  }
  for (const key of [...kept.keys()].sort()) suffixRules[key] = kept.get(key)!;

  // Exceptions: seen words whose majority lemma the rules do not produce.
  const rulesOnly = new Lemmatizer({ suffixRules, exceptions: {} });
  const exceptions: Record<string, string> = {};
  for (const [key, lemma] of majority) {
    const bar = key.indexOf('|');
    const cls = key.slice(0, bar);
    const lower = key.slice(bar + 1);
    const predicted = cls === 'O' ? lower : applyRule(lower, rulesOnly.ruleFor(cls, lower));
    if (predicted !== lemma) exceptions[key] = lemma;
  }
  return { suffixRules, exceptions };
}
