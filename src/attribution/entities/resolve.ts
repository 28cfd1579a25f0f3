import { roleKey } from './lexicon.js';
import type { Candidate, CandidateType } from './mentions.js';
import type { ScanToken } from './scan.js';
import type { Entity, EntityMention, EntityType } from './types.js';

/**
 * Clusters candidate mentions into entities, in one pass in reading order.
 *
 * Names join by their words (a surname or a shorter form of a full name, an
 * acronym of an organisation); descriptions join the latest entity with the same
 * head noun or role; pronouns pick the best-scoring earlier mention in a bounded
 * window. Every lookup is a map access or a scan of at most
 * `PRONOUN_WINDOW` earlier mentions, so the pass is linear in the text.
 */

/** How many earlier mentions a pronoun or description looks back over. */
const PRONOUN_WINDOW = 60;
/** Description heads that fit any organisation ("the company" after "Acme Inc."). */
const GENERIC_ORGANISATION_HEADS = new Set(['company', 'firm', 'organization', 'organisation', 'group']);
/** How many paragraphs back an antecedent may lie. */
const PARAGRAPH_WINDOW = 4;

/** An entity while it is being built. */
interface Cluster {
  type: CandidateType;
  /** The longest display name seen, and its words. */
  name: string;
  words: string[];
  gender?: 'male' | 'female';
  roles: string[];
  /** Head nouns of the roles ("columnist"), so "the columnist" can find the entity again. */
  roleHeads: Set<string>;
  /** For descriptions: their head noun. */
  head?: string;
  /** For "the authors of the report": the report's cluster. */
  complementOf?: Cluster;
  /** For a report: "the authors of the report". */
  authors?: Cluster;
  /** Known by a name (not only by descriptions). */
  named: boolean;
  mentions: EntityMention[];
  /** Start of the latest mention attached. */
  lastMention: number;
  /** Mentions by name or description (not pronouns), a measure of salience. */
  namedMentions: number;
  order: number;
}

/** One resolved mention, kept in reading order for pronouns to look back over. */
interface Resolved {
  candidate: Candidate;
  cluster: Cluster;
}

export interface Resolution {
  entities: Entity[];
  /** For each candidate that was resolved, its entity. */
  entityOf: Map<Candidate, Entity>;
}

export function resolveCandidates(tokens: readonly ScanToken[], candidates: readonly Candidate[]): Resolution {
  const clusters: Cluster[] = [];
  const clusterOf = new Map<Candidate, Cluster>();
  const history: Resolved[] = [];
  const byFullName = new Map<string, Cluster>();
  const bySurname = new Map<string, Cluster[]>();
  const byFirstName = new Map<string, Cluster>();
  const byInitials = new Map<string, Cluster>();
  const byHead = new Map<string, Cluster>();
  const bySpan = new Map<string, Cluster>();
  /** Pronouns written before their antecedent ("For his part, Kirby …"), waiting for it. */
  const cataphora = new Map<Candidate, Candidate[]>();

  const newCluster = (candidate: Candidate, type: Cluster['type']): Cluster => {
    const cluster: Cluster = {
      type,
      name: candidate.display,
      words: candidate.nameWords,
      roles: [],
      roleHeads: new Set(),
      mentions: [],
      named: false,
      lastMention: -1,
      namedMentions: 0,
      order: clusters.length,
    };
    clusters.push(cluster);
    return cluster;
  };

  const attach = (candidate: Candidate, cluster: Cluster): void => {
    cluster.mentions.push({ start: candidate.start, end: candidate.end, kind: candidate.kind });
    cluster.lastMention = Math.max(cluster.lastMention, candidate.start);
    if (candidate.kind !== 'pronoun') cluster.namedMentions++;
    // The canonical name is the longest name; a cluster known only by descriptions takes its longest description.
    if (candidate.kind === 'name' || candidate.kind === 'acronym') {
      if (!cluster.named || candidate.display.length > cluster.name.length) {
        cluster.name = candidate.display;
        cluster.words = candidate.nameWords;
      }
      cluster.named = true;
    } else if (candidate.kind === 'description' && !cluster.named && candidate.display.length > cluster.name.length) {
      cluster.name = candidate.display;
    }
    if (candidate.gender !== undefined && cluster.gender === undefined) cluster.gender = candidate.gender;
    // Gender is learned from narration only: inside a quotation "his" and "her" often mean someone else.
    if ((candidate.pronoun?.gender === 'male' || candidate.pronoun?.gender === 'female') && !candidate.inQuote) cluster.gender ??= candidate.pronoun.gender;
    // Publications are organisations that the text shows publishing; the stronger type wins.
    if (candidate.type === 'publication' && cluster.type === 'organisation') cluster.type = 'publication';
    for (const role of candidate.roles) {
      if (!cluster.roles.includes(role.text)) cluster.roles.push(role.text);
      cluster.roleHeads.add(roleKey(tokens[role.headToken].lower));
    }
    clusterOf.set(candidate, cluster);
    bySpan.set(`${candidate.start}:${candidate.end}`, cluster);
    history.push({ candidate, cluster });
    const waiting = cataphora.get(candidate);
    if (waiting !== undefined) for (const pronoun of waiting) attach(pronoun, cluster);
  };

  // Reading order, inner spans first where two end together, so "the report" is known before "the authors of the report".
  const ordered = [...candidates].sort((a, b) => a.end - b.end || b.start - a.start);
  const position = new Map<Candidate, number>();
  [...candidates].sort((a, b) => a.start - b.start).forEach((candidate, index) => position.set(candidate, index));
  const byStart = [...candidates].sort((a, b) => a.start - b.start);

  for (const candidate of ordered) {
    if (candidate.kind === 'pronoun') {
      const forward = cataphoricAntecedent(tokens, candidate, byStart, position.get(candidate) ?? 0);
      if (forward !== null) {
        const list = cataphora.get(forward) ?? [];
        list.push(candidate);
        cataphora.set(forward, list);
        continue;
      }
      const antecedent = pickAntecedent(candidate, history);
      if (antecedent !== null) attach(candidate, antecedent);
      continue;
    }
    if (candidate.kind === 'description') {
      attach(candidate, describedCluster(candidate) ?? newCluster(candidate, candidate.type));
      continue;
    }
    // A place that speaks ("Moscow said") stands for its government.
    if ((candidate.type === 'place' || candidate.type === 'other') && candidate.speakerCue) candidate.type = 'organisation';
    attach(candidate, namedCluster(candidate));
  }

  function namedCluster(candidate: Candidate): Cluster {
    const words = candidate.nameWords;
    const full = words.join(' ');
    const exact = byFullName.get(full);
    if (exact !== undefined && compatibleTypes(exact.type, candidate.type)) return exact;
    if (words.length === 1 && candidate.display.length > 1 && candidate.display === candidate.display.toUpperCase()) {
      const expanded = byInitials.get(words[0]);
      if (expanded !== undefined) return remember(candidate, expanded);
    }
    if (candidate.type === 'person') {
      const surname = words[words.length - 1];
      // Of several people with this surname, the one mentioned last.
      let latest: Cluster | null = null;
      for (const other of bySurname.get(surname) ?? []) {
        if (namesCompatible(words, other.words) && (latest === null || other.lastMention > latest.lastMention)) latest = other;
      }
      if (latest !== null) return remember(candidate, latest);
      if (words.length === 1) {
        const byFirst = byFirstName.get(surname);
        if (byFirst !== undefined) return byFirst;
      }
      return remember(candidate, newCluster(candidate, 'person'));
    }
    if (candidate.type === 'place' || candidate.type === 'other') return remember(candidate, newCluster(candidate, candidate.type));
    // "State Department" is the "US State Department" mentioned before.
    for (let k = history.length - 1; k >= 0 && history.length - k <= PRONOUN_WINDOW * 4; k--) {
      const other = history[k].cluster;
      if (other.type !== 'person' && other.words.length > words.length && compatibleTypes(other.type, candidate.type) && endsWith(other.words, words)) return remember(candidate, other);
    }
    return remember(candidate, newCluster(candidate, candidate.type));
  }

  function remember(candidate: Candidate, cluster: Cluster): Cluster {
    const words = candidate.nameWords;
    byFullName.set(words.join(' '), cluster);
    if (cluster.type === 'person') {
      const surname = words[words.length - 1];
      const list = bySurname.get(surname) ?? [];
      if (!list.includes(cluster)) list.push(cluster);
      bySurname.set(surname, list);
      if (words.length > 1) byFirstName.set(words[0], cluster);
    } else if (words.length > 1) {
      const initials = words.filter((w) => !['of', 'and', 'the', 'for'].includes(w)).map((w) => w.charAt(0)).join('');
      if (initials.length >= 2) byInitials.set(initials, cluster);
    }
    return cluster;
  }

  function describedCluster(candidate: Candidate): Cluster | null {
    const head = candidate.head ?? '';
    if (candidate.type === 'person') {
      // "the spokesman": the latest person whose role has this head noun.
      const key = roleKey(head);
      for (let k = history.length - 1; k >= 0 && history.length - k <= PRONOUN_WINDOW; k--) {
        const cluster = history[k].cluster;
        if (cluster.type === 'person' && (cluster.roleHeads.has(key) || cluster.head === head)) return cluster;
      }
      // Otherwise a definite description that speaks in the narration renames the person who is the subject of the
      // sentence before or of its own ("Rep. Adam Schiff called … — meddling the California congressman said …").
      if (!candidate.inQuote && candidate.speakerCue && candidate.display.toLowerCase().startsWith('the ')) {
        for (let k = history.length - 1; k >= 0 && history.length - k <= 12; k--) {
          const { candidate: earlier, cluster } = history[k];
          if (candidate.sentence - earlier.sentence > 1) break;
          if (cluster.type === 'person' && earlier.sentenceSubject && !earlier.inQuote && earlier.kind === 'name') return cluster;
        }
      }
      return null;
    }
    if (candidate.type === 'group') {
      const complement = candidate.complement;
      const complementCluster = complement !== undefined ? bySpan.get(`${complement.start}:${complement.end}`) : undefined;
      const key = `group:${head}:${complementCluster !== undefined ? `#${complementCluster.order}` : complement?.display.toLowerCase().replace(/^the\s+/, '') ?? ''}`;
      const known = byHead.get(key);
      if (known !== undefined) return known;
      const cluster = newCluster(candidate, 'group');
      cluster.head = head;
      if (complementCluster !== undefined) {
        cluster.complementOf = complementCluster;
        if (head === 'authors' || head === 'writers' || head === 'drafters') complementCluster.authors ??= cluster;
      }
      byHead.set(key, cluster);
      return cluster;
    }
    if (candidate.type === 'organisation') {
      // "the fund" after "the International Monetary Fund"; "the company" after any company.
      for (let k = history.length - 1; k >= 0 && history.length - k <= PRONOUN_WINDOW; k--) {
        const cluster = history[k].cluster;
        if (cluster.type !== 'organisation' && cluster.type !== 'publication') continue;
        if (cluster.words[cluster.words.length - 1] === head || GENERIC_ORGANISATION_HEADS.has(head)) return cluster;
      }
    }
    const key = `${candidate.type}:${head}`;
    const known = byHead.get(key);
    if (known !== undefined) return known;
    const cluster = newCluster(candidate, candidate.type);
    cluster.head = head;
    byHead.set(key, cluster);
    return cluster;
  }

  const entities: Entity[] = [];
  const entityOfCluster = new Map<Cluster, Entity>();
  const kept = clusters
    .filter((cluster) => cluster.type !== 'place' && cluster.type !== 'other' && cluster.mentions.length > 0)
    .map((cluster) => ({ cluster, mentions: [...cluster.mentions].sort((a, b) => a.start - b.start || a.end - b.end) }))
    .sort((a, b) => a.mentions[0].start - b.mentions[0].start || b.mentions[0].end - a.mentions[0].end);
  kept.forEach(({ cluster, mentions }, index) => {
    const entity: Entity = {
      id: `e${index + 1}`,
      start: mentions[0].start,
      end: mentions[0].end,
      name: cleanName(cluster.name),
      type: cluster.type as EntityType,
      roles: cluster.roles,
      mentions,
    };
    if (cluster.roles.length > 0) entity.role = cluster.roles[0];
    if (cluster.gender !== undefined) entity.gender = cluster.gender;
    entities.push(entity);
    entityOfCluster.set(cluster, entity);
  });
  const entityOf = new Map<Candidate, Entity>();
  for (const [candidate, cluster] of clusterOf) {
    const entity = entityOfCluster.get(cluster);
    if (entity !== undefined) entityOf.set(candidate, entity);
  }
  return { entities, entityOf };
}

function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

function compatibleTypes(a: Cluster['type'], b: Cluster['type']): boolean {
  if (a === b) return true;
  const institutional = (t: Cluster['type']): boolean => t === 'organisation' || t === 'publication';
  return institutional(a) && institutional(b);
}

function endsWith(longer: readonly string[], shorter: readonly string[]): boolean {
  if (shorter.length === 0 || shorter.length > longer.length) return false;
  const offset = longer.length - shorter.length;
  return shorter.every((word, index) => longer[offset + index] === word);
}

/** "Charles Blow", "Blow" and "Charles M. Blow" name one person; "Bill Clinton" and "Hillary Clinton" do not. */
function namesCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a[a.length - 1] !== b[b.length - 1]) return false;
  const given = (words: readonly string[]): string[] => words.slice(0, -1).filter((w) => w.length > 1);
  const ga = given(a);
  const gb = given(b);
  if (ga.length === 0 || gb.length === 0) return true;
  return ga.every((w) => gb.includes(w)) || gb.every((w) => ga.includes(w));
}

/**
 * "For his part, US State Department spokesman John Kirby …": a possessive in
 * an opening phrase refers forward to the subject that follows the comma.
 */
function cataphoricAntecedent(tokens: readonly ScanToken[], pronoun: Candidate, byStart: readonly Candidate[], index: number): Candidate | null {
  if (pronoun.pronoun?.possessive !== true) return null;
  const before = tokens[pronoun.first - 1];
  if (before === undefined || !before.sentenceStart) return null;
  let comma = pronoun.endToken;
  while (comma < tokens.length && comma - pronoun.endToken < 4 && tokens[comma].word) comma++;
  if (tokens[comma]?.text !== ',') return null;
  for (let k = index + 1; k < byStart.length && k - index < 4; k++) {
    const next = byStart[k];
    if (next.sentence !== pronoun.sentence) return null;
    if (next.kind === 'name' && next.type === 'person' && next.sentenceSubject) return next;
  }
  return null;
}

/**
 * Chooses a pronoun's antecedent among the mentions before it.
 *
 * Candidates must agree in number, gender and kind (people for he/she, things
 * for it, groups, organisations and documents' authors for they). The score
 * prefers recent mentions, speakers (subjects of speech verbs: "he added" after
 * "Peskov said" is Peskov), sentence subjects, entities mentioned often, and
 * mentions in the same quotation context: a name inside someone's quotation is
 * a poor antecedent for a pronoun in the narration, and a name inside the very
 * quotation a narrating pronoun introduces is never its speaker.
 */
function pickAntecedent(pronoun: Candidate, history: readonly Resolved[]): Cluster | null {
  const features = pronoun.pronoun;
  if (features === undefined) return null;
  let best: Cluster | null = null;
  let bestScore = -Infinity;
  for (let k = history.length - 1; k >= 0 && history.length - k <= PRONOUN_WINDOW; k--) {
    const { candidate, cluster: found } = history[k];
    if (pronoun.paragraph - candidate.paragraph > PARAGRAPH_WINDOW) break;
    if (candidate.start >= pronoun.start) continue;
    let cluster = found;
    if (features.number === 'plural' && cluster.type === 'document') {
      // "They" after a report is its authors, when the text names them.
      if (cluster.authors === undefined) continue;
      cluster = cluster.authors;
    }
    if (!agrees(features, cluster)) continue;
    const sameSentence = candidate.sentence === pronoun.sentence;
    if (!pronoun.inQuote && candidate.inQuote && sameSentence) continue;
    // Every mention in the window is scored; an entity's best mention counts (a speaker two sentences back
    // outweighs its own pronoun inside a quotation one sentence back).
    let score = -1.5 * (pronoun.sentence - candidate.sentence);
    if (!pronoun.inQuote && candidate.inQuote) score -= 1.5;
    if (candidate.speakerCue) score += 1.5;
    if (candidate.sentenceSubject) score += 1;
    if (pronoun.speakerCue && candidate.speakerCue) score += 0.5;
    if ((features.gender === 'male' || features.gender === 'female') && cluster.gender === undefined) score -= 0.75;
    if (features.number === 'plural' && cluster.type !== 'group') score -= 1;
    score += 0.15 * Math.min(cluster.namedMentions, 4);
    if (score > bestScore) {
      bestScore = score;
      best = cluster;
    }
  }
  return best;
}

function agrees(features: NonNullable<Candidate['pronoun']>, cluster: Cluster): boolean {
  if (features.number === 'plural') return cluster.type === 'group' || cluster.type === 'organisation';
  if (features.gender === 'neuter') return cluster.type === 'organisation' || cluster.type === 'publication' || cluster.type === 'document';
  if (cluster.type !== 'person') return false;
  return cluster.gender === undefined || cluster.gender === features.gender;
}
