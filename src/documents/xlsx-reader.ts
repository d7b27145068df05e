import ExcelJS from 'exceljs';
import type { CsvRecord } from '../domain/csv/index.js';
import { PlanFileError, type SpreadsheetReader } from '../domain/schedule/index.js';

/** A cell as the person sees it: a formula's result, a link's text, rich text joined, a date as YYYY-MM-DD. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'error' in value) return '';
  return cell.text.trim();
}

/**
 * The first sheet of an XLSX workbook as Excel saves it, read with exceljs, as the rows the CSV
 * reader gives (the row number as the line), so one column reading and validation serve both.
 * Empty rows are skipped; reading stops two rows past `maxRows`.
 */
export function createXlsxReader(): SpreadsheetReader {
  return {
    async firstSheet(bytes, maxRows) {
      const workbook = new ExcelJS.Workbook();
      try {
        await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
      } catch {
        throw new PlanFileError('not_spreadsheet', 'The file is not an XLSX workbook');
      }
      const sheet = workbook.worksheets[0];
      const records: CsvRecord[] = [];
      if (!sheet) return records;
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        if (records.length > maxRows + 1) return;
        const cells: string[] = [];
        for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i)));
        if (cells.some((c) => c !== '')) records.push({ line: rowNumber, cells });
      });
      return records;
    },
  };
}
