/**
 * CSV export: RFC 4180 (CRLF line ends, double-quoted fields, doubled quotes), UTF-8 with a byte order
 * mark so Excel reads accents correctly, and text that could run as a formula neutralised (OWASP).
 */
import { stringify } from 'csv-stringify/sync';
import { csvCell, neutraliseFormula } from './export-cell.formatter.js';
import type { ExportTable } from './export.types.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export interface ToCsvOptions {
  /** Start with a UTF-8 byte order mark (default true: Excel needs it to read UTF-8). */
  bom?: boolean;
}

/**
 * The table as CSV text. Send it as UTF-8 (`Buffer.from(csv, 'utf8')`); the first character is the
 * byte order mark U+FEFF unless `bom: false`.
 */
export function toCsv(table: ExportTable, options: ToCsvOptions = {}): string {
  const header = table.columns.map((c) => neutraliseFormula(c.header));
  const records = table.rows.map((row) => table.columns.map((c) => csvCell(row[c.key])));
  return stringify([header, ...records], {
    bom: options.bom ?? true,
    record_delimiter: 'windows',
    quoted_string: true,
    quoted_empty: false,
    eof: true,
  });
}

/** A file name for the download: `name` in lower kebab case plus `.csv`. */
export function csvFileName(table: Pick<ExportTable, 'name'>): string {
  const stem = table.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'export'}.csv`;
}
