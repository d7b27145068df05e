import type { ReportTable } from '../types.js';

function cell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows as CSV lines ending in CRLF (RFC 4180 quoting). */
export function csvLines(rows: readonly (readonly string[])[], separator = ','): string {
  return rows.map((r) => r.map((v) => cell(v, separator)).join(separator) + '\r\n').join('');
}

/**
 * A report for a spreadsheet in Russian: UTF-8 with a BOM (so Excel does not guess
 * Windows-1251) and `;` (the list separator of the Russian locale, where `,` is the decimal mark).
 */
export function reportCsv(table: ReportTable): Buffer {
  return Buffer.from('\uFEFF' + csvLines([table.columns.map((c) => c.header), ...table.rows], ';'), 'utf8');
}
