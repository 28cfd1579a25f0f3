import type { WhosaidDocument } from '../../model/document.js';
import type { NameType } from '../../nlp/layers.js';
import {
  CUE_WORDS,
  DEMONYMS,
  DOCUMENT_NOUNS,
  FEMALE_FIRST_NAMES,
  GROUP_NOUNS,
  GROUP_PROPER,
  HONORIFICS,
  JOURNALISM_NOUNS,
  MALE_FIRST_NAMES,
  NON_NAME_WORDS,
  ORGANISATION_HEADS,
  PLACE_NAMES,
  PRONOUNS,
  PUBLICATION_HEADS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  type PronounFeatures,
} from './lexicon.js';
import { appositiveRole, isRoleWord, premodifierRole, type FoundRole } from './roles.js';
import { isProperWord, tokenIndexAt, type Scan, type ScanToken } from './scan.js';
import type { EntityType } from './types.js';

/** What a candidate mention could refer to before clustering. */
/** 'place' and 'other' (an unexplained acronym) are kept while clustering but not output, unless they speak. */
export type CandidateType = EntityType | 'place' | 'other';

/** A span that may refer to an entity, with the evidence the resolver needs. */
export interface Candidate {
  start: number;
  end: number;
  kind: 'name' | 'acronym' | 'description' | 'pronoun';
  /** Token range [first, end). */
  first: number;
  endToken: number;
  type: CandidateType;
  /** Lower-case name words without honorific or possessive, for names. */
  nameWords: string[];
  /** The name as written, without honorific or possessive, for names. */
  display: string;
  gender?: 'male' | 'female';
  /** Head noun of a description ("report", "authors"). */
  head?: string;
  /** For "the authors of the report": the candidate after "of". */
  complement?: Candidate;
  pronoun?: PronounFeatures;
  roles: FoundRole[];
  /** Subject or object of a speech cue ("Peskov said", "according to Blow", "quoting Blow"). */
  speakerCue: boolean;
  /** First noun phrase of its sentence. */
  sentenceSubject: boolean;
  inQuote: boolean;
  sentence: number;
  paragraph: number;
}

const MAX_NAME_TOKENS = 8;
const EMPTY: ReadonlySet<string> = new Set();

/** Finds names, descriptions and pronouns, in document order. */
export function findCandidates(doc: WhosaidDocument, scan: Scan): Candidate[] {
  const tokens = scan.tokens;
  const names = findNames(doc, scan);
  const candidates: Candidate[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const name of names) {
    for (let k = name.first; k < name.endToken; k++) covered[k] = 1;
    candidates.push(name);
  }
  addAppositiveRoles(doc.text, tokens, names);
  // A description inside a name's role ("Clyburn, the assistant leader of the caucus") is that role, not another person.
  const inRole = new Uint8Array(tokens.length);
  for (const name of names) for (const role of name.roles) for (let k = role.firstToken; k < role.endToken; k++) inRole[k] = 1;
  candidates.push(...findDescriptions(doc.text, tokens, covered).filter((d) => d.type !== 'person' || !inRole[d.first]));
  candidates.push(...findPronouns(tokens));
  for (const candidate of candidates) markSyntax(tokens, candidate);
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  return candidates;
}

function baseCandidate(tokens: readonly ScanToken[], first: number, endToken: number, kind: Candidate['kind'], type: CandidateType): Candidate {
  return {
    start: tokens[first].start,
    end: tokens[endToken - 1].end,
    kind,
    first,
    endToken,
    type,
    nameWords: [],
    display: '',
    roles: [],
    speakerCue: false,
    sentenceSubject: false,
    inQuote: tokens[first].inQuote,
    sentence: tokens[first].sentence,
    paragraph: tokens[first].paragraph,
  };
}

// ---------------------------------------------------------------- names

function startsSentenceLike(tokens: readonly ScanToken[], index: number): boolean {
  const token = tokens[index];
  if (token.sentenceStart) return true;
  const previous = tokens[index - 1];
  return previous !== undefined && /^["“‘'(:—–-]$/.test(previous.text);
}

function isKnownNameWord(lower: string): boolean {
  return MALE_FIRST_NAMES.has(lower) || FEMALE_FIRST_NAMES.has(lower) || GROUP_PROPER.has(lower) || PLACE_NAMES.has(lower);
}

function isNameWord(scan: Scan, index: number): boolean {
  const token = scan.tokens[index];
  if (!isProperWord(token)) return false;
  // A capitalised sentence opener that the text also writes in lower case is a common word ("Washington" is not, "Both" is).
  if (startsSentenceLike(scan.tokens, index) && scan.lowerCaseWords.has(token.lower) && !isKnownNameWord(token.lower)) return false;
  return true;
}

/** Title-case lines (headlines, link lists) capitalise every word; names there are only trusted when seen elsewhere. */
function titleCaseParagraphs(tokens: readonly ScanToken[]): Set<number> {
  const counts = new Map<number, { words: number; capitalised: number }>();
  for (const token of tokens) {
    if (!token.word || /^\p{N}/u.test(token.text)) continue;
    const count = counts.get(token.paragraph) ?? { words: 0, capitalised: 0 };
    count.words++;
    if (token.capitalised) count.capitalised++;
    counts.set(token.paragraph, count);
  }
  const result = new Set<number>();
  for (const [paragraph, count] of counts) if (count.words >= 2 && count.capitalised >= count.words * 0.7) result.add(paragraph);
  return result;
}

interface NameRun {
  first: number;
  endToken: number;
  /** Token index of the first name word after any honorific. */
  nameFirst: number;
  honorificGender?: 'male' | 'female' | null;
  /** The nlp tagger's type, for runs from the `names` layer. */
  tagged?: NameType;
}

/**
 * Name runs from the nlp `names` layer when it ran, completed by capitalised
 * runs it did not cover (a tagger misses rare surnames; capitals miss nothing
 * but are noisier, so they only fill gaps). Title-case lines are trusted only
 * for names seen elsewhere, and a one-word name that is the surname of a full
 * name in the text is that person whatever the tagger said.
 */
function findNames(doc: WhosaidDocument, scan: Scan): Candidate[] {
  const tokens = scan.tokens;
  const fromLayer = doc.hasLayer('names') ? layerRuns(doc, scan) : [];
  const fromCapitals = scan.allCaps ? [] : capitalisedRuns(scan);
  const taken = new Uint8Array(tokens.length);
  for (const run of fromLayer) for (let k = run.first; k < run.endToken; k++) taken[k] = 1;
  // A tagger often clips a name ("News Service" for "Christian News Service"): take the capitalised extent, keep the tag.
  const capitalsByToken = new Map<number, NameRun>();
  for (const run of fromCapitals) for (let k = run.first; k < run.endToken; k++) capitalsByToken.set(k, run);
  for (const run of fromLayer) {
    const wider = capitalsByToken.get(run.first);
    if (wider !== undefined && wider.first <= run.first && wider.endToken >= run.endToken && wider.endToken - wider.first > run.endToken - run.first) {
      for (let k = wider.first; k < wider.endToken; k++) taken[k] = 1;
      run.first = wider.first;
      run.endToken = wider.endToken;
      run.nameFirst = wider.nameFirst;
      if (wider.honorificGender !== undefined) run.honorificGender = wider.honorificGender;
    }
  }
  const runs = [...fromLayer];
  for (const run of fromCapitals) {
    let free = true;
    for (let k = run.first; k < run.endToken && free; k++) if (taken[k]) free = false;
    if (free) runs.push(run);
  }
  runs.sort((a, b) => a.first - b.first);

  const titleCase = titleCaseParagraphs(tokens);
  const trustedWords = new Set<string>();
  for (const run of runs) {
    if (titleCase.has(tokens[run.first].paragraph)) continue;
    for (let k = run.nameFirst; k < run.endToken; k++) trustedWords.add(tokens[k].lower);
  }
  const kept = runs.filter((run) => {
    if (!titleCase.has(tokens[run.first].paragraph)) return true;
    for (let k = run.nameFirst; k < run.endToken; k++) if (tokens[k].word && !trustedWords.has(tokens[k].lower)) return false;
    return true;
  });
  const typed = kept.map((run) => typeRun(scan, run, EMPTY));
  // A surname that is also a common word ("Blow", "Rich") or that a tagger took for a place is a person wherever the full name appears.
  const surnames = new Set<string>();
  kept.forEach((run, index) => {
    const candidate = typed[index];
    if (candidate?.type === 'person' && (candidate.nameWords.length > 1 || run.honorificGender !== undefined)) surnames.add(candidate.nameWords[candidate.nameWords.length - 1]);
  });
  const candidates: Candidate[] = [];
  kept.forEach((run, index) => {
    const first = typed[index];
    const retyped = surnames.size > 0 && (first === null || first.type !== 'person') && run.endToken - run.nameFirst === 1 ? typeRun(scan, run, surnames) : null;
    const candidate = retyped?.type === 'person' ? retyped : first;
    if (candidate !== null) candidates.push(candidate);
  });
  return candidates;
}

/** Capitalised word runs. */
function capitalisedRuns(scan: Scan): NameRun[] {
  const tokens = scan.tokens;
  const runs: NameRun[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    let nameFirst = i;
    let honorificGender: 'male' | 'female' | null | undefined;
    if (token.capitalised && HONORIFICS.has(token.lower) && token.lower !== 'president' && token.lower !== 'senator') {
      let next = i + 1;
      if (tokens[next]?.text === '.') next++;
      if (tokens[next] !== undefined && tokens[next].capitalised && tokens[next].word) {
        honorificGender = HONORIFICS.get(token.lower);
        nameFirst = next;
      }
    }
    if (!isNameWord(scan, nameFirst)) {
      i++;
      continue;
    }
    let end = nameFirst + 1;
    while (end < tokens.length && end - i < MAX_NAME_TOKENS) {
      const next = tokens[end];
      if (next.sentence !== token.sentence) break;
      if (isProperWord(next)) {
        end++;
      } else if (next.text === '.' && /^\p{Lu}$/u.test(tokens[end - 1].text) && tokens[end + 1]?.capitalised) {
        end++; // the full stop of an initial ("Charles M. Blow")
      } else if (next.lower === 'of' && tokens[end + 1] !== undefined && isProperWord(tokens[end + 1]) &&
        (ORGANISATION_HEADS.has(tokens[end - 1].lower) || ROLE_NOUNS.has(tokens[end - 1].lower))) {
        end += 2; // "Department of Justice"
      } else {
        break;
      }
    }
    runs.push({ first: i, endToken: end, nameFirst, ...(honorificGender !== undefined ? { honorificGender } : {}) });
    i = end;
  }

  return runs;
}

/** Names from the nlp `names` layer, typed and refined the same way as capitalised runs. */
function layerRuns(doc: WhosaidDocument, scan: Scan): NameRun[] {
  const tokens = scan.tokens;
  const runs: NameRun[] = [];
  for (const name of doc.layer('names')) {
    const first = tokenIndexAt(tokens, name.start);
    let end = first;
    while (end < tokens.length && tokens[end].start < name.end) end++;
    if (end <= first) continue;
    // Possessive endings belong to the phrase, not the name.
    while (end > first + 1 && (tokens[end - 1].lower === "'s" || tokens[end - 1].lower === '’s' || !tokens[end - 1].word)) end--;
    let nameFirst = first;
    let honorificGender: 'male' | 'female' | null | undefined;
    if (HONORIFICS.has(tokens[first].lower) && end - first > 1) {
      honorificGender = HONORIFICS.get(tokens[first].lower);
      nameFirst = tokens[first + 1].text === '.' ? first + 2 : first + 1;
      if (nameFirst >= end) nameFirst = first;
    } else if (first > 0 && HONORIFICS.has(tokens[first - 1].lower) || (first > 1 && tokens[first - 1].text === '.' && HONORIFICS.has(tokens[first - 2].lower))) {
      const honorific = tokens[first - 1].text === '.' ? tokens[first - 2] : tokens[first - 1];
      honorificGender = HONORIFICS.get(honorific.lower);
    }
    runs.push({ first, endToken: end, nameFirst, tagged: name.type, ...(honorificGender !== undefined ? { honorificGender } : {}) });
  }
  return runs;
}

/**
 * Decides what a name run is. A run that starts with a title ("Russian
 * President Vladimir Putin") is split: the title becomes a role, the rest the
 * name. Organisations and publications are known by their last word or by the
 * journalist noun after them; people by a first name, an honorific, a role or
 * by speaking.
 */
function typeRun(scan: Scan, run: NameRun, knownSurnames: ReadonlySet<string>): Candidate | null {
  const tagged = knownSurnames.has(scan.tokens[run.endToken - 1].lower) ? 'person' : run.tagged ?? null;
  const tokens = scan.tokens;
  let nameFirst = run.nameFirst;
  const words = (from: number): ScanToken[] => tokens.slice(from, run.endToken).filter((t) => t.word);
  // Split a leading title: keep up to the last role noun out of the name when a personal name follows it.
  for (let k = run.endToken - 2; k >= nameFirst; k--) {
    if (ROLE_NOUNS.has(tokens[k].lower)) {
      // "Secretary of State John Kerry": the title's "of" phrase stays with the title.
      const after = tokens[k + 1]?.lower === 'of' ? k + 3 : k + 1;
      const rest = words(after);
      if (after < run.endToken && rest.length >= 1 && rest.length <= 4 && rest.every((t) => !ORGANISATION_HEADS.has(t.lower) && !PUBLICATION_HEADS.has(t.lower) && !PLACE_NAMES.has(t.lower) && t.lower !== 'of')) {
        nameFirst = after;
      }
      break;
    }
  }
  const nameWords = words(nameFirst);
  // Digits, and party-state tags ("D-Va."), are not names.
  if (nameWords.length === 0 || nameWords.some((t) => /\p{N}/u.test(t.text)) || /^[DRI]-\p{Lu}/u.test(nameWords[0].text)) return null;
  const lowers = nameWords.map((t) => t.lower);
  const last = lowers[lowers.length - 1];
  // A title without a name ("the Russian President's") is a role, not a mention; a nationality is an adjective.
  if (ROLE_NOUNS.has(last) && run.honorificGender === undefined && tagged !== 'person') return null;
  if (lowers.length === 1 && DEMONYMS.has(last)) return null;
  // A capitalised common plural opening a sentence ("Demonstrators said") is a group, whatever a tagger thought.
  if (lowers.length === 1 && GROUP_NOUNS.has(last) && !GROUP_PROPER.has(last)) return null;
  const speaksNext = CUE_WORDS.has(tokens[run.endToken]?.lower ?? '');
  const firstWord = lowers[0];
  const candidate = baseCandidate(tokens, run.first, run.endToken, 'name', 'person');
  candidate.nameWords = lowers;
  candidate.display = scan.tokens.slice(nameFirst, run.endToken).map((t, i, all) => (i > 0 && all[i - 1].end < t.start ? ' ' : '') + t.text).join('');
  if (run.honorificGender) candidate.gender = run.honorificGender;
  else if (MALE_FIRST_NAMES.has(firstWord) && nameWords.length > 1) candidate.gender = 'male';
  else if (FEMALE_FIRST_NAMES.has(firstWord) && nameWords.length > 1) candidate.gender = 'female';

  const after = tokens[run.endToken];
  const followedByJournalist = after !== undefined && JOURNALISM_NOUNS.has(after.lower);
  const determined = tokens[run.first - 1]?.lower === 'the' ? 1 : 0;
  const before = tokens[run.first - 1 - determined];
  const beforeThat = tokens[run.first - 2 - determined];
  const objectOfWriting =
    before !== undefined && beforeThat !== undefined && (before.lower === 'for' || before.lower === 'at' || before.lower === 'of' || before.lower === 'in') &&
    (JOURNALISM_NOUNS.has(beforeThat.lower) || beforeThat.lower === 'article' || beforeThat.lower === 'column' || beforeThat.lower === 'interview' || beforeThat.lower === 'op-ed');
  const isAcronym = nameWords.length === 1 && /^\p{Lu}{2,6}$/u.test(nameWords[0].text);

  if (run.honorificGender !== undefined) candidate.type = 'person';
  else if (followedByJournalist || objectOfWriting || PUBLICATION_HEADS.has(last) && (nameWords.length > 1 || tagged === 'organisation')) candidate.type = 'publication';
  else if (ORGANISATION_HEADS.has(last) || tagged === 'organisation') candidate.type = 'organisation';
  else if (nameWords.length === 1 && GROUP_PROPER.has(last)) candidate.type = 'group';
  else if (tagged === 'place' || lowers.every((w) => PLACE_NAMES.has(w))) candidate.type = 'place';
  else if (isAcronym && !PLACE_NAMES.has(last)) {
    // An acronym is an organisation when it is a known one or speaks; otherwise it waits for its expansion.
    candidate.type = PUBLICATION_HEADS.has(last) ? 'publication' : ORGANISATION_HEADS.has(last) || speaksNext ? 'organisation' : 'other';
    candidate.kind = 'acronym';
  } else if (tagged === 'person' || run.honorificGender !== undefined || candidate.gender !== undefined) candidate.type = 'person';
  else if (tagged === 'misc') return GROUP_PROPER.has(last) ? { ...candidate, type: 'group' } : null;
  else if (nameWords.length >= 2 && nameWords.length <= 4 && lowers.every((w) => !scan.lowerCaseWords.has(w) && !ORGANISATION_HEADS.has(w))) candidate.type = 'person';
  else if (nameWords.length === 1 && knownSurnames.has(last)) candidate.type = 'person';
  else if (nameWords.length === 1 && !scan.lowerCaseWords.has(last) && (speaksNext || !startsSentenceLike(tokens, nameFirst))) candidate.type = 'person';
  else return null;

  if (candidate.type === 'person') {
    const pre = premodifierRole(tokens, scan.text, nameFirst);
    if (pre !== null) candidate.roles.push(pre);
  }
  return candidate;
}

// ---------------------------------------------------------------- descriptions

const DETERMINERS = new Set(['the']);
const MAX_DESCRIPTION_TOKENS = 7;

type HeadKind = 'role' | 'document' | 'group' | 'organisation';

function headKind(lower: string): HeadKind | null {
  if (GROUP_NOUNS.has(lower)) return 'group';
  if (DOCUMENT_NOUNS.has(lower)) return 'document';
  if (ROLE_NOUNS.has(lower)) return 'role';
  if (ORGANISATION_DESCRIPTION_HEADS.has(lower)) return 'organisation';
  return null;
}

/** Nouns that, after "the", rename an organisation named before ("the fund", "the company"). */
const ORGANISATION_DESCRIPTION_HEADS = new Set(['fund', 'company', 'agency', 'bank', 'department', 'ministry', 'committee', 'commission', 'council', 'firm', 'group', 'organization', 'organisation', 'institute', 'foundation', 'network', 'newspaper', 'paper', 'magazine', 'union', 'party', 'campaign', 'administration', 'government', 'court', 'board', 'bureau', 'office', 'university']);

function descriptionType(kind: HeadKind): CandidateType {
  return kind === 'role' ? 'person' : kind;
}

/**
 * Definite descriptions ("the spokesman", "the US intelligence report", "the
 * authors of the report") and bare plural groups that read as actors
 * ("opponents of Trump", "US officials", "critics said").
 */
function findDescriptions(text: string, tokens: readonly ScanToken[], coveredByName: Uint8Array): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const indefinite = token.lower === 'a' || token.lower === 'an';
    const definite = DETERMINERS.has(token.lower) || indefinite;
    const bareGroup = !definite && token.word && !token.capitalised && GROUP_NOUNS.has(token.lower);
    if (!definite && !bareGroup) continue;
    let head = -1;
    if (definite) {
      for (let k = i + 1; k < tokens.length && k - i <= MAX_DESCRIPTION_TOKENS; k++) {
        const next = tokens[k];
        if (next.sentence !== token.sentence) break;
        if (next.lower === "'s" || next.lower === '’s') continue;
        if (!next.word) break;
        if (isProperWord(next)) continue;
        const kind = headKind(next.lower);
        if (kind !== null) {
          head = k;
          // A longer compound ("press secretary", "intelligence report") keeps the last noun as head.
          if (k + 1 < tokens.length && headKind(tokens[k + 1].lower) !== null) continue;
          break;
        }
        if (!isRoleWord(next)) break;
      }
      if (head < 0) continue;
    } else {
      head = i;
    }
    const headLower = tokens[head].lower;
    const kind = headKind(headLower);
    if (kind === null) continue;
    // "A Times article", "a new report" introduce a document; an indefinite person or group is not yet anyone.
    if (indefinite && kind !== 'document') continue;
    // "the press secretary Dmitry Peskov": the description is a role of the name that follows, not a mention of its own.
    const following = tokens[head + 1];
    if (following !== undefined && isProperWord(following) && kind === 'role') continue;
    if (kind === 'role' && (headLower.endsWith('s') && !ROLE_NOUNS.has(headLower))) continue;

    let first = i;
    let endToken = head + 1;
    let complement: Candidate | undefined;
    if (kind === 'group' && tokens[endToken]?.lower === 'of') {
      const complementFirst = endToken + 1;
      const complementToken = tokens[complementFirst];
      if (complementToken !== undefined && (complementToken.lower === 'the' || complementToken.capitalised) && complementToken.sentence === token.sentence) {
        let complementEnd = complementFirst;
        let complementHead = -1;
        for (let k = complementFirst; k < tokens.length && k - complementFirst < MAX_DESCRIPTION_TOKENS; k++) {
          const next = tokens[k];
          if (next.sentence !== token.sentence || (!next.word && next.lower !== "'s")) break;
          if (k > complementFirst && next.lower === 'the') break;
          if (isProperWord(next)) {
            complementEnd = k + 1;
            complementHead = k;
            continue;
          }
          if (k === complementFirst) continue;
          if (headKind(next.lower) !== null) {
            complementEnd = k + 1;
            complementHead = k;
            if (headKind(tokens[k + 1]?.lower ?? '') !== null) continue;
            break;
          }
          if (!isRoleWord(next)) break;
        }
        if (complementHead >= 0) {
          complement = baseCandidate(tokens, complementFirst, complementEnd, 'description', 'document');
          endToken = complementEnd;
        }
      }
    }
    if (bareGroup) {
      // Bare plurals are too common to be actors by themselves: keep those with an "of" complement, capitalised
      // or role-like modifiers ("US officials", "intelligence officials"), or a speech verb ("critics said").
      let k = i - 1;
      while (k >= 0 && i - k <= 5 && tokens[k].sentence === token.sentence && tokens[k].word && (tokens[k].capitalised ? isProperWord(tokens[k]) : ROLE_MODIFIERS.has(tokens[k].lower))) k--;
      const modifierStart = k + 1;
      const determinerBefore = k >= 0 && tokens[k].word && NON_NAME_WORDS.has(tokens[k].lower) && !['and', 'but', 'or', 'as', 'while', 'after', 'before', 'because', 'although', 'though', 'when', 'if', 'since', 'meanwhile', 'to', 'from', 'by', 'with', 'for', 'of', 'in', 'on', 'at'].includes(tokens[k].lower);
      if (determinerBefore && modifierStart === i) continue;
      const speaks = CUE_WORDS.has(tokens[head + 1]?.lower ?? '');
      if (complement === undefined && modifierStart === i && !speaks) continue;
      if (tokens[modifierStart].lower !== 'the' && modifierStart < i && determinerBefore) continue;
      first = modifierStart;
    }
    // Skip spans already read as a name ("the Democrats" stays the name "Democrats").
    if (coveredByName[head]) continue;

    const candidate = baseCandidate(tokens, first, endToken, 'description', descriptionType(kind));
    candidate.head = headLower;
    candidate.display = text.slice(candidate.start, candidate.end);
    if (complement !== undefined) {
      complement.display = text.slice(complement.start, complement.end);
      const complementHeadToken = tokens[complement.endToken - 1];
      complement.head = complementHeadToken.lower;
      complement.type = headKind(complementHeadToken.lower) === 'document' ? 'document' : 'organisation';
      candidate.complement = complement;
    }
    found.push(candidate);
    // Nested descriptions ("the report" inside "the authors of the report") are found on their own when the scan reaches them.
  }
  return found;
}

// ---------------------------------------------------------------- pronouns

/** Verbs and modals after which "it" is usually empty ("it is clear that", "it seems", "it would be"). */
const EMPTY_IT_FOLLOWERS = new Set(['is', 'was', "'s", '’s', 'seems', 'seemed', 'appears', 'appeared', 'remains', 'turns', 'turned', 'would', 'will', 'may', 'might', 'could', 'can', 'should', 'must', 'takes', 'took', 'makes', 'made', 'has', 'had', 'does', 'did', 'means', 'matters', 'happens', 'happened', 'helps', 'hurts', 'goes', 'gets', 'got', 'becomes', 'became', 'costs']);

/**
 * "It" as a subject that acts ("It edged up its forecast", "it said") refers to
 * an organisation or document; as an object or before "is"/"seems" it mostly does not.
 */
function referentialIt(tokens: readonly ScanToken[], index: number): boolean {
  const next = tokens[index + 1];
  if (next === undefined || !next.word || EMPTY_IT_FOLLOWERS.has(next.lower)) return false;
  if (CUE_WORDS.has(next.lower)) return true;
  const previous = tokens[index - 1];
  const opensClause = tokens[index].sentenceStart || previous === undefined || /^[,”"»]$/.test(previous.text) || ['and', 'but', 'that', 'because', 'when', 'while', 'although', 'as', 'unless', 'since', 'if'].includes(previous.lower);
  return opensClause && !/^(to|not|n't)$/.test(next.lower);
}

/** "It" is often empty ("it seems", "it is clear"): only take it when it speaks. */
function findPronouns(tokens: readonly ScanToken[]): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.word) continue;
    const features = PRONOUNS.get(token.lower);
    if (features === undefined) continue;
    if (token.lower === 'it' && !referentialIt(tokens, i)) continue;
    const candidate = baseCandidate(tokens, i, i + 1, 'pronoun', features.number === 'plural' ? 'group' : features.gender === 'neuter' ? 'organisation' : 'person');
    candidate.pronoun = features;
    candidate.display = token.text;
    found.push(candidate);
  }
  return found;
}

// ---------------------------------------------------------------- syntax cues

/**
 * Marks candidates that speak ("X said", "said X", "according to X", "quoting X",
 * "X, the spokesman, said") and that open their sentence. These are the
 * preferred antecedents of later pronouns.
 */
function markSyntax(tokens: readonly ScanToken[], candidate: Candidate): void {
  let after = candidate.endToken;
  const appositive = candidate.roles.find((role) => role.firstToken >= candidate.endToken);
  if (appositive !== undefined) after = appositive.endToken + 1;
  const next = tokens[after];
  const previous = tokens[candidate.first - 1];
  const previous2 = tokens[candidate.first - 2];
  const leftRole = candidate.roles.find((role) => role.endToken <= candidate.first);
  const leftEdge = leftRole !== undefined ? leftRole.firstToken : candidate.first;
  const beforeLeft = tokens[leftEdge - 1];
  const beforeLeft2 = tokens[leftEdge - 2];
  if (next !== undefined && CUE_WORDS.has(next.lower)) candidate.speakerCue = true;
  // "Dan McLaughlin at the National Review agreed": the speaker's affiliation sits between name and cue.
  if (next !== undefined && candidate.kind === 'name' && ['at', 'of', 'from', 'for'].includes(next.lower)) {
    let k = after + 1;
    if (tokens[k]?.lower === 'the') k++;
    const properStart = k;
    while (k < tokens.length && k - properStart < 6 && isProperWord(tokens[k])) k++;
    if (k > properStart && CUE_WORDS.has(tokens[k]?.lower ?? '')) candidate.speakerCue = true;
  }
  if (next !== undefined && next.lower === 'pointed' && tokens[after + 1]?.lower === 'out') candidate.speakerCue = true;
  // Inversion ('…," said Peskov.') and "quoting X": the cue comes first and the mention ends the clause.
  const possessive = next?.lower === "'s" || next?.lower === '’s';
  const endsClause = next === undefined || (!next.word && !possessive) || next.sentence !== candidate.sentence || CUE_WORDS.has(next.lower) || next.lower === 'as';
  if (beforeLeft !== undefined && CUE_WORDS.has(beforeLeft.lower) && candidate.pronoun?.possessive !== true && endsClause) candidate.speakerCue = true;
  // "Mathur, who studies tax policy, said …": the relative clause sits between speaker and cue.
  if (next?.text === ',' && tokens[after + 1]?.lower === 'who') {
    for (let k = after + 2; k < tokens.length && k - after < 30 && tokens[k].sentence === candidate.sentence; k++) {
      if (tokens[k].text === ',' && CUE_WORDS.has(tokens[k + 1]?.lower ?? '')) {
        candidate.speakerCue = true;
        break;
      }
    }
  }
  if (beforeLeft !== undefined && beforeLeft2 !== undefined && beforeLeft.lower === 'to' && beforeLeft2.lower === 'according') candidate.speakerCue = true;
  if (previous !== undefined && previous2 !== undefined && previous.lower === 'to' && previous2.lower === 'according') candidate.speakerCue = true;
  let k = leftEdge - 1;
  while (k >= 0 && !tokens[k].word && tokens[k].sentence === candidate.sentence && !/^[,;:]$/.test(tokens[k].text)) k--;
  // The subject opens the sentence, perhaps after a short opening phrase ("Meanwhile, …", "In an interview with X, …").
  let openingStart = k;
  while (openingStart > 0 && k - openingStart < 11 && tokens[openingStart - 1].sentence === candidate.sentence) openingStart--;
  // … or opens a clause after a subordinator that opens the sentence ("Although Trump has admitted …, he …").
  const subordinated = k >= 0 && tokens[k].sentenceStart && SUBORDINATORS.has(tokens[k].lower);
  // … and the main clause's subject follows the comma that closes such an opening clause, however long.
  let mainClause = false;
  if (k >= 0 && tokens[k].text === ',') {
    let start = k;
    while (start > 0 && k - start < 40 && tokens[start - 1].sentence === candidate.sentence) start--;
    while (start < k && !tokens[start].word) start++;
    mainClause = tokens[start].sentenceStart && SUBORDINATORS.has(tokens[start].lower);
  }
  candidate.sentenceSubject = subordinated || mainClause || tokens[leftEdge].sentenceStart || k < 0 || tokens[k].sentence !== candidate.sentence ||
    (tokens[k].text === ',' && k - openingStart <= 10 && (openingStart === 0 || tokens[openingStart - 1].sentence !== candidate.sentence) &&
      !tokens.slice(openingStart, k).some((t) => t.inQuote));
}

const SUBORDINATORS = new Set(['if', 'when', 'as', 'although', 'though', 'while', 'because', 'after', 'before', 'since', 'unless', 'once', 'whether']);

/** Adds roles written after a name, between commas. */
function addAppositiveRoles(text: string, tokens: readonly ScanToken[], candidates: readonly Candidate[]): void {
  for (const candidate of candidates) {
    if (candidate.kind !== 'name' || candidate.type !== 'person') continue;
    const appositive = appositiveRole(tokens, text, candidate.endToken);
    if (appositive !== null) candidate.roles.push(appositive);
    // Speaking after the appositive ("Peskov, the spokesman, said") counts as speaking.
    if (appositive !== null && CUE_WORDS.has(tokens[appositive.endToken + 1]?.lower ?? '')) candidate.speakerCue = true;
  }
}
