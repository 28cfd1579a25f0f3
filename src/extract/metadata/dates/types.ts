/** A date as written, resolved to ISO 8601 with what of it is known. */
export interface ParsedDate {
  /** `YYYY-MM-DD` for a date; `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `Z`) for a timestamp. */
  iso: string;
  /**
   * `datetime`: a timestamp with a known offset. `date`: a calendar day only.
   * `datetime-no-zone`: a time of day without zone, written as if UTC with `Z`.
   */
  precision: 'datetime' | 'date' | 'datetime-no-zone';
}

export interface ParseDateOptions {
  /** The moment the page was captured: resolves "2 hours ago" and bounds future dates. Defaults to now. */
  reference?: Date;
  /**
   * How to read an ambiguous numeric date such as 04/05/2021 when neither number exceeds 12.
   * Default false (month first, as US pages write it); a day above 12 always settles it.
   */
  dayFirst?: boolean;
  /** Earliest year accepted as plausible; default 1990 (publication dates on the web). */
  minYear?: number;
}

/** Calendar fields found by one parser; time fields absent when the text gives none. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Offset from UTC in minutes, when the text states a zone. */
  offsetMinutes?: number;
}

/** What a format parser found in a text: the fields and where they were written. */
export interface DateMatch {
  index: number;
  length: number;
  parts: DateParts;
  /**
   * True when the parser already took care of the time of day (ISO timestamps, relative
   * expressions): the time-of-day reader must not look around it.
   */
  complete?: boolean;
  /** Relative expressions give a date only when their unit is days or longer. */
  dateOnly?: boolean;
}

export interface ParserContext {
  reference: Date | null;
  dayFirst: boolean;
}

/** One format family (ISO, RFC 2822, month names, numeric, relative…). Parsers are tried in list order. */
export interface DateFormatParser {
  name: string;
  /** Every match in `text`, in order. `text` has been normalised by `normaliseDateText`. */
  findAll(text: string, context: ParserContext): DateMatch[];
}
