import { spreadsheetCsv } from '../../csv/index.js';
import type { ReportTable } from '../types.js';

/** A report for a spreadsheet in Russian, written by the one export writer (BOM, `;`, formulas defused). */
export function reportCsv(table: ReportTable): Buffer {
  return spreadsheetCsv([table.columns.map((c) => c.header), ...table.rows]);
}
