import type {
  ArticleHit,
  CorpusStore,
  DuplicateGroup,
  EntityRoles,
  QuoteHit,
  SpeakerCount,
  SpeakerGrouping,
  TimelineBucket,
  TimelineQuery,
} from '../../store/types.js';
import { UsageError, parseCommandArgs, type CliCommand, type CliIO } from '../command.js';
import { DEFAULT_DB, PAGE_QUERY_OPTIONS, PAGE_QUERY_USAGE, openExistingCorpus, parsePageQuery, parseRowFormat } from '../corpus.js';
import { renderRows, type Column, type RowFormat } from '../table.js';

const usage = `Usage: whosaid search <question> [terms] [options]

Asks a corpus a question. Questions:
  articles TERMS             articles matching the terms, best first
  quotes --speaker NAME      what a person or organisation was quoted saying
  quotes --about TERMS       quotes about an entity or phrase
  speakers [TERMS]           who is quoted most (on a topic, when TERMS are given);
                             --by outlet|month|year splits the counts
  roles NAME                 the roles different outlets give a person or organisation
  misdated                   articles whose stated date disagrees with the text
  duplicates                 groups of syndicated or near-duplicate copies
  timeline [TERMS]           articles and quotes per period (--interval day|week|month|year)

Terms: words must all match; "quoted phrases" match as phrases.

Options:
  --db FILE           the corpus (default ${DEFAULT_DB})
  -f, --format FMT    table (default), json, jsonl or csv
${PAGE_QUERY_USAGE}
`;

const QUESTIONS = ['articles', 'quotes', 'speakers', 'roles', 'misdated', 'duplicates', 'timeline'] as const;
type Question = (typeof QUESTIONS)[number];

const ARTICLE_COLUMNS: Column<ArticleHit>[] = [
  { header: 'id', value: (row) => row.id },
  { header: 'published', value: (row) => row.published?.slice(0, 10) },
  { header: 'outlet', value: (row) => row.site ?? hostOf(row.url), maxWidth: 24 },
  { header: 'title', value: (row) => row.title, maxWidth: 60 },
  { header: 'match', value: (row) => row.snippet, maxWidth: 80 },
];

const MISDATED_COLUMNS: Column<ArticleHit>[] = [
  { header: 'id', value: (row) => row.id },
  { header: 'stated', value: (row) => row.published?.slice(0, 10) },
  { header: 'written (est.)', value: (row) => row.estimated?.slice(0, 10) },
  { header: 'outlet', value: (row) => row.site ?? hostOf(row.url), maxWidth: 24 },
  { header: 'title', value: (row) => row.title, maxWidth: 60 },
];

const QUOTE_COLUMNS: Column<QuoteHit>[] = [
  { header: 'date', value: (row) => (row.article.published ?? row.article.estimated)?.slice(0, 10) },
  { header: 'speaker', value: (row) => row.speaker ?? row.source, maxWidth: 28 },
  { header: 'role', value: (row) => row.speakerRole, maxWidth: 30 },
  { header: 'cue', value: (row) => row.cue, maxWidth: 16 },
  { header: 'content', value: (row) => row.content, maxWidth: 90 },
  { header: 'via', value: (row) => row.reportedBy, maxWidth: 20 },
  { header: 'article', value: (row) => row.articleId },
  { header: 'outlet', value: (row) => row.article.site ?? hostOf(row.article.url), maxWidth: 24 },
];

const SPEAKER_COLUMNS: Column<SpeakerCount>[] = [
  { header: 'speaker', value: (row) => row.speaker, maxWidth: 36 },
  { header: 'group', value: (row) => row.group, maxWidth: 28 },
  { header: 'quotes', value: (row) => row.quotes },
  { header: 'articles', value: (row) => row.articles },
  { header: 'outlets', value: (row) => row.outlets },
];

const TIMELINE_COLUMNS: Column<TimelineBucket>[] = [
  { header: 'period', value: (row) => row.period },
  { header: 'articles', value: (row) => row.articles },
  { header: 'quotes', value: (row) => row.quotes },
];

interface RoleRow {
  name: string;
  outlet: string | null;
  role: string;
  articles: number;
}

const ROLE_COLUMNS: Column<RoleRow>[] = [
  { header: 'name', value: (row) => row.name, maxWidth: 36 },
  { header: 'outlet', value: (row) => row.outlet, maxWidth: 28 },
  { header: 'role', value: (row) => row.role, maxWidth: 60 },
  { header: 'articles', value: (row) => row.articles },
];

interface DuplicateRow {
  group: number;
  size: number;
  id: number;
  outlet: string | null;
  published: string | null;
  title: string | null;
  url: string | null;
}

const DUPLICATE_COLUMNS: Column<DuplicateRow>[] = [
  { header: 'group', value: (row) => row.group },
  { header: 'size', value: (row) => row.size },
  { header: 'id', value: (row) => row.id },
  { header: 'published', value: (row) => row.published?.slice(0, 10) },
  { header: 'outlet', value: (row) => row.outlet, maxWidth: 24 },
  { header: 'title', value: (row) => row.title, maxWidth: 50 },
  { header: 'url', value: (row) => row.url, maxWidth: 60 },
];

function hostOf(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null;
  return new URL(url).host;
}

async function runSearch(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      format: { type: 'string', short: 'f' },
      speaker: { type: 'string' },
      about: { type: 'string' },
      by: { type: 'string' },
      interval: { type: 'string' },
      ...PAGE_QUERY_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  const [questionWord, ...termWords] = positionals;
  if (questionWord === undefined) throw new UsageError(`name a question: ${QUESTIONS.join(', ')}`);
  if (!(QUESTIONS as readonly string[]).includes(questionWord)) {
    throw new UsageError(`unknown question "${questionWord}"; questions: ${QUESTIONS.join(', ')}`);
  }
  const question = questionWord as Question;
  const terms = termWords.join(' ').trim();
  const format = parseRowFormat(values.format);
  const page = parsePageQuery(values);

  // Every argument is checked before the corpus is opened, so a usage error never depends on the corpus.
  let ask: (store: CorpusStore) => Promise<string>;
  switch (question) {
    case 'articles':
      if (terms === '') throw new UsageError('articles: give search terms');
      ask = async (store) => renderRows(await store.searchArticles({ ...page, text: terms }), ARTICLE_COLUMNS, format);
      break;
    case 'quotes': {
      const speaker = values.speaker ?? null;
      const about = values.about ?? (terms !== '' ? terms : null);
      if ((speaker === null) === (about === null)) throw new UsageError('quotes: give either --speaker NAME or --about TERMS');
      ask = async (store) =>
        renderRows(
          speaker !== null ? await store.quotesBySpeaker({ ...page, speaker }) : await store.quotesAbout({ ...page, text: about ?? '' }),
          QUOTE_COLUMNS,
          format,
        );
      break;
    }
    case 'speakers': {
      const groupBy = parseGrouping(values.by);
      ask = async (store) => renderRows(await store.topSpeakers({ ...page, text: terms, groupBy }), SPEAKER_COLUMNS, format);
      break;
    }
    case 'roles':
      if (terms === '') throw new UsageError('roles: give a name');
      ask = async (store) => renderRoles(await store.entityRoles({ ...page, speaker: terms }), terms, format);
      break;
    case 'misdated':
      ask = async (store) => renderRows(await store.misdated(page), MISDATED_COLUMNS, format);
      break;
    case 'duplicates':
      ask = async (store) => renderDuplicates(await store.duplicateGroups(page), format);
      break;
    case 'timeline': {
      const interval = parseInterval(values.interval);
      ask = async (store) => renderRows(await store.timeline({ ...page, text: terms, interval }), TIMELINE_COLUMNS, format);
      break;
    }
  }
  const store = await openExistingCorpus(values.db ?? DEFAULT_DB);
  try {
    io.stdout.write(await ask(store));
  } finally {
    await store.close();
  }
  return 0;
}

function parseGrouping(value: string | undefined): SpeakerGrouping {
  const grouping = value ?? 'speaker';
  if (grouping === 'speaker' || grouping === 'outlet' || grouping === 'month' || grouping === 'year') return grouping;
  throw new UsageError('--by must be speaker, outlet, month or year');
}

function parseInterval(value: string | undefined): NonNullable<TimelineQuery['interval']> {
  const interval = value ?? 'month';
  if (interval === 'day' || interval === 'week' || interval === 'month' || interval === 'year') return interval;
  throw new UsageError('--interval must be day, week, month or year');
}

function renderRoles(roles: EntityRoles | null, name: string, format: RowFormat): string {
  if (format === 'json' || format === 'jsonl') return format === 'json' ? `${JSON.stringify(roles, null, 2)}\n` : `${JSON.stringify(roles)}\n`;
  if (roles === null) return `(no one called "${name}" in this corpus)\n`;
  const rows: RoleRow[] = roles.roles.map((entry) => ({ name: roles.name, ...entry }));
  return renderRows(rows, ROLE_COLUMNS, format);
}

function renderDuplicates(groups: readonly DuplicateGroup[], format: RowFormat): string {
  if (format === 'json' || format === 'jsonl') return renderRows(groups, [], format);
  const rows: DuplicateRow[] = groups.flatMap((group) =>
    group.articles.map((article) => ({
      group: group.id,
      size: group.size,
      id: article.id,
      outlet: article.site ?? hostOf(article.url),
      published: article.published,
      title: article.title,
      url: article.url,
    })),
  );
  return renderRows(rows, DUPLICATE_COLUMNS, format);
}

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'ask a corpus: articles, quotes by or about someone, top speakers, roles, mis-dated, duplicates, timeline',
  usage,
  run: runSearch,
};
