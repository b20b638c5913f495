/**
 * XLSX export with exceljs: one worksheet per table, a bold frozen header row, an auto filter and
 * widths from the content. Text is always written as text, never as a formula; text a spreadsheet
 * could read as a formula is also given the Text number format, so editing the cell keeps it text.
 * Line ends in text are written as LF (Excel's in-cell line break).
 */
import ExcelJS from 'exceljs';
import { booleanText, londonParts, looksLikeFormula } from './export-cell.formatter.js';
import type { ExportCellValue, ExportTable } from './export.types.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ToXlsxOptions {
  /** Workbook author metadata, e.g. the force name. */
  creator?: string;
  /** Workbook created/modified time; defaults to now. */
  createdAt?: Date;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, not blank, unique (case-insensitive). */
export function safeSheetName(name: string, taken: Set<string>): string {
  let base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  base = base.slice(0, 31).trim();
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    candidate = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** An instant as the London wall-clock time Excel will show (Excel dates carry no zone). */
function excelLondonDate(instant: Date): Date {
  const p = londonParts(instant);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

function displayLength(value: ExportCellValue | undefined): number {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return DATE_TIME_FORMAT.length;
  if (typeof value === 'boolean') return 3;
  const text = String(value);
  return Math.max(...text.split(/\r?\n/).map((line) => line.length));
}

export async function toXlsx(tables: ExportTable[], options: ToXlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const when = options.createdAt ?? new Date();
  workbook.creator = options.creator ?? 'Victim Care';
  workbook.created = when;
  workbook.modified = when;
  const taken = new Set<string>();

  for (const table of tables) {
    const sheet = workbook.addWorksheet(safeSheetName(table.name, taken), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    });
    sheet.columns = table.columns.map((c) => {
      const longest = Math.max(c.header.length, ...table.rows.map((r) => displayLength(r[c.key])));
      return {
        key: c.key,
        width: c.width ?? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2)),
      };
    });

    // Header row: set each cell explicitly so a header is text, whatever it starts with.
    const headerRow = sheet.getRow(1);
    table.columns.forEach((c, i) => {
      const cell = headerRow.getCell(i + 1);
      cell.value = c.header;
      if (looksLikeFormula(c.header)) cell.numFmt = '@';
    });
    headerRow.font = { bold: true };
    headerRow.commit();

    table.rows.forEach((row, r) => {
      const sheetRow = sheet.getRow(r + 2);
      table.columns.forEach((c, i) => {
        const cell = sheetRow.getCell(i + 1);
        const value = row[c.key];
        if (value === null || value === undefined) {
          return;
        } else if (typeof value === 'number') {
          if (Number.isFinite(value)) cell.value = value;
        } else if (typeof value === 'boolean') {
          cell.value = booleanText(value);
        } else if (value instanceof Date) {
          cell.value = excelLondonDate(value);
          cell.numFmt = DATE_TIME_FORMAT;
        } else {
          // A plain string is stored as a shared string: exceljs writes a formula only for
          // `{ formula }` objects, which this code never builds.
          // Excel breaks lines in a cell with LF; XML would turn a bare CR into LF anyway.
          const text = value.replace(/\r\n?/g, '\n');
          cell.value = text;
          if (looksLikeFormula(text)) cell.numFmt = '@';
        }
      });
      sheetRow.commit();
    });

    if (table.columns.length > 0) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    }
  }

  if (tables.length === 0) {
    workbook.addWorksheet('No data');
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
