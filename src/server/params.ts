/**
 * Query parameters of the API: one definition per name, used both to check
 * requests and to describe them in the OpenAPI document, so the two cannot
 * drift apart.
 */
import type { SpeakerGrouping, TimelineQuery } from '../store/types.js';
import { ApiError } from './errors.js';

export type TimelineInterval = NonNullable<TimelineQuery['interval']>;

export const TIMELINE_INTERVALS: readonly TimelineInterval[] = ['day', 'week', 'month', 'year'];
export const SPEAKER_GROUPINGS: readonly SpeakerGrouping[] = ['speaker', 'outlet', 'month', 'year'];

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 200;
/** Deep paging costs the database a scan of everything skipped; past this, narrow the query instead. */
export const MAX_OFFSET = 100_000;
/** Long enough for any name or phrase; short enough that a query string cannot become a payload. */
export const MAX_TEXT_LENGTH = 300;

/** Every query parameter the API knows, with its value type once checked. */
export interface QueryValues {
  q: string;
  outlet: string;
  from: string;
  to: string;
  limit: number;
  offset: number;
  speaker: string;
  about: string;
  groupBy: SpeakerGrouping;
  interval: TimelineInterval;
}

export type QueryName = keyof QueryValues;

/** A JSON Schema for a parameter value, the subset the API uses. */
export interface ParameterSchema {
  type: 'string' | 'integer';
  minimum?: number;
  maximum?: number;
  default?: number | string;
  maxLength?: number;
  enum?: readonly string[];
  format?: 'date';
  pattern?: string;
}

export interface ParameterDefinition {
  name: QueryName;
  description: string;
  schema: ParameterSchema;
  example?: string | number;
}

/** ISO 8601 date, optionally with a time: what `from` and `to` accept. */
const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?$';
const ISO_DATE = new RegExp(ISO_DATE_PATTERN);

export const QUERY_PARAMETERS: Readonly<Record<QueryName, ParameterDefinition>> = {
  q: {
    name: 'q',
    description: 'Search terms. Words are ANDed; "quoted phrases" match as phrases.',
    schema: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    example: 'Peskov sanctions',
  },
  outlet: {
    name: 'outlet',
    description: "Only articles from this site or host (matches the article's site name or its URL's host).",
    schema: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    example: 'example.com',
  },
  from: {
    name: 'from',
    description:
      'ISO 8601 date (or date-time), inclusive. Compared with the stated publication date, or the estimated date when none is stated.',
    schema: { type: 'string', pattern: ISO_DATE_PATTERN },
    example: '2017-01-01',
  },
  to: {
    name: 'to',
    description: 'ISO 8601 date (or date-time), inclusive; not before `from`.',
    schema: { type: 'string', pattern: ISO_DATE_PATTERN },
    example: '2017-12-31',
  },
  limit: {
    name: 'limit',
    description: 'How many items to return.',
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  },
  offset: {
    name: 'offset',
    description: 'How many items to skip, for paging.',
    schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
  },
  speaker: {
    name: 'speaker',
    description: 'A speaker\'s name as the corpus resolves it ("Dmitry Peskov") or part of it ("Peskov").',
    schema: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    example: 'Peskov',
  },
  about: {
    name: 'about',
    description: 'An entity name or phrase that the quote (its content or source) mentions.',
    schema: { type: 'string', maxLength: MAX_TEXT_LENGTH },
    example: 'sanctions',
  },
  groupBy: {
    name: 'groupBy',
    description: "'speaker': one row per speaker; 'outlet', 'month', 'year': one row per speaker and outlet or period.",
    schema: { type: 'string', enum: SPEAKER_GROUPINGS, default: 'speaker' },
  },
  interval: {
    name: 'interval',
    description: 'The period each bucket covers.',
    schema: { type: 'string', enum: TIMELINE_INTERVALS, default: 'month' },
  },
};

/** The filters every corpus question takes. */
export const PAGE_FILTERS: readonly QueryName[] = ['outlet', 'from', 'to', 'limit', 'offset'];

/**
 * Reads and checks a request's query parameters against the names a route
 * accepts. A name the route does not take, a repeated name or a value of the
 * wrong form is a 400 that says which parameter and why. Text values are
 * trimmed, and an empty one counts as absent; an integer is plain decimal
 * digits, nothing around them, so an empty one is a 400 too.
 */
export function readQuery(url: URL, accepted: readonly QueryName[]): Partial<QueryValues> {
  const values: Partial<QueryValues> = {};
  const seen = new Set<string>();
  for (const [name, raw] of url.searchParams) {
    if (!isAccepted(name, accepted)) {
      const known = accepted.length > 0 ? `; it takes ${accepted.join(', ')}` : '; it takes none';
      throw new ApiError(400, 'unknown_parameter', `unknown query parameter "${shorten(name)}" for this route${known}`);
    }
    if (seen.has(name)) throw new ApiError(400, 'invalid_parameter', `query parameter "${name}" is given more than once`);
    seen.add(name);
    const value = checkValue(QUERY_PARAMETERS[name], raw);
    if (value !== undefined) (values as Record<QueryName, unknown>)[name] = value;
  }
  if (values.from !== undefined && values.to !== undefined && dateKey(values.from) > dateKey(values.to)) {
    throw new ApiError(400, 'invalid_parameter', `"from" (${values.from}) is after "to" (${values.to})`);
  }
  return values;
}

function isAccepted(name: string, accepted: readonly QueryName[]): name is QueryName {
  return (accepted as readonly string[]).includes(name);
}

function checkValue(definition: ParameterDefinition, raw: string): string | number | undefined {
  const { name, schema } = definition;
  if (schema.type === 'integer') {
    // The raw value, untrimmed: " 1", "", "+3" (a "+" in a query string is a space), "0x10" and "1e2" are not
    // numbers a client meant to send, and Number() would read most of them as one.
    if (!/^[0-9]{1,15}$/.test(raw)) throw new ApiError(400, 'invalid_parameter', `"${name}" must be a whole number in plain decimal digits, not "${shorten(raw)}"`);
    const number = Number(raw);
    if ((schema.minimum !== undefined && number < schema.minimum) || (schema.maximum !== undefined && number > schema.maximum)) {
      throw new ApiError(400, 'invalid_parameter', `"${name}" must be between ${schema.minimum ?? 0} and ${schema.maximum ?? '∞'}, not ${raw}`);
    }
    return number;
  }
  const value = raw.trim();
  if (value === '') return undefined;
  if (schema.enum && !schema.enum.includes(value)) {
    throw new ApiError(400, 'invalid_parameter', `"${name}" must be one of ${schema.enum.join(', ')}, not "${shorten(value)}"`);
  }
  if (schema.pattern === ISO_DATE_PATTERN && !isIsoDate(value)) {
    throw new ApiError(400, 'invalid_parameter', `"${name}" must be an ISO 8601 date such as 2017-01-09, not "${shorten(value)}"`);
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    throw new ApiError(400, 'invalid_parameter', `"${name}" is longer than ${schema.maxLength} characters`);
  }
  return value;
}

/** True for an ISO 8601 date (or date-time) that names a real day: 2017-02-30 is refused. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return !Number.isNaN(Date.parse(value));
}

/** Compares dates by day, so "2017-01-09" and "2017-01-09T10:00Z" are the same bound. */
function dateKey(value: string): string {
  return value.slice(0, 10);
}

/** Echoes client input into a message without letting a huge value through. */
export function shorten(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Reads a positive integer path segment (an id), or answers 400. */
export function readId(raw: string, what: string): number {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) {
    throw new ApiError(400, 'invalid_parameter', `${what} must be a positive whole number, not "${shorten(raw)}"`);
  }
  return Number(raw);
}
