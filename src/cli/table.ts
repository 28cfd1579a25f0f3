import { controlsToSpace } from './terminal.js';

/** Output formats for corpus questions. */
export const ROW_FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;
export type RowFormat = (typeof ROW_FORMATS)[number];

/** One column of tabular output: a header and how to read the cell from a row. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | boolean | null | undefined;
  /** Widest a table cell may be before it is cut with "…" (tables only; CSV and JSON keep everything). */
  maxWidth?: number;
}

/**
 * Renders rows for people (an aligned table), for programs (JSON array, JSON
 * lines of the full rows) or for spreadsheets (CSV of the columns, RFC 4180
 * quoting). JSON keeps each row whole; table and CSV show the columns.
 */
export function renderRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], format: RowFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`;
    case 'jsonl':
      return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
    case 'csv':
      return [columns.map((column) => csvCell(column.header)), ...rows.map((row) => columns.map((column) => csvCell(cellText(column.value(row)))))]
        .map((cells) => `${cells.join(',')}\r\n`)
        .join('');
    case 'table':
      return renderTable(rows, columns);
  }
}

function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  if (rows.length === 0) return '(no results)\n';
  const cells = rows.map((row) =>
    columns.map((column) => {
      // Control characters and line breaks from page text would break the layout (and could move a terminal's cursor).
      const text = controlsToSpace(cellText(column.value(row)));
      const max = column.maxWidth ?? 60;
      return text.length > max ? `${text.slice(0, max - 1)}…` : text;
    }),
  );
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n') + '\n';
}
