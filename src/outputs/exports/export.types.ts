/** A table to export: the same shape feeds CSV and XLSX. */

export type ExportCellValue = string | number | boolean | null | Date;

export interface ExportColumn {
  /** The row property this column reads. */
  key: string;
  /** The header text shown to people. */
  header: string;
  /** Width in characters for XLSX; worked out from the content when absent. */
  width?: number;
}

export interface ExportTable {
  /** Worksheet name in XLSX (made safe for Excel); file stem suggestion for CSV. */
  name: string;
  columns: ExportColumn[];
  rows: Record<string, ExportCellValue>[];
}
