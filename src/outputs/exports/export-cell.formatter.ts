/**
 * Cell values for spreadsheets, made safe against formula (CSV) injection.
 *
 * OWASP CSV injection guidance: a cell that begins with `=`, `+`, `-`, `@`, tab or carriage return may
 * be run as a formula by Excel, LibreOffice or Google Sheets. Such text is neutralised by prefixing a
 * single quote, so it is shown as text. Numbers are numbers, not text, and are left alone.
 */
import type { ExportCellValue } from './export.types.js';

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** True when a spreadsheet could read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0));
}

/** Prefix a single quote to text a spreadsheet could read as a formula; other text is unchanged. */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Booleans as people read them in a report. */
export function booleanText(value: boolean): string {
  return value ? 'Yes' : 'No';
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

export interface LondonDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** e.g. "+01:00" */
  offset: string;
}

/** The London wall-clock time of an instant, with its UTC offset. */
export function londonParts(instant: Date): LondonDateTimeParts {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError('Cannot export an invalid Date.');
  }
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  const zone = parts.timeZoneName ?? 'GMT';
  const offset = zone === 'GMT' ? '+00:00' : zone.replace('GMT', '');
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    offset,
  };
}

/** An instant as ISO 8601 London local time with its offset, e.g. `2026-06-11T00:30:00+01:00`. */
export function londonIsoDateTime(instant: Date): string {
  const p = londonParts(instant);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${p.offset}`;
}

/** A cell as CSV will write it: safe text, a finite number, or empty. */
export function csvCell(value: ExportCellValue | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return booleanText(value);
  if (value instanceof Date) return londonIsoDateTime(value);
  return neutraliseFormula(value);
}
