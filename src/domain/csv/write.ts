/** A value of an exported cell; null is an empty cell. */
export type CsvValue = string | number | null;

/**
 * A cell a spreadsheet would run as a formula (`=cmd|' /C calc'!A0` as a student's name)
 * gets a leading apostrophe, which the spreadsheet shows as text. Numbers are numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvValue, separator: string, defuse: boolean): string {
  if (value === null) return '';
  let text = String(value);
  if (defuse && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV lines ending in CRLF, RFC 4180 quoting. `defuse` is for files a person opens in
 * a spreadsheet; data files read back by programs (the archive) keep their values exact.
 */
export function csvLines(rows: readonly (readonly CsvValue[])[], options: { separator?: string; defuse?: boolean } = {}): string {
  const { separator = ',', defuse = false } = options;
  return rows.map((r) => `${r.map((v) => cell(v, separator, defuse)).join(separator)}\r\n`).join('');
}

/**
 * The one writer of every export a person opens: UTF-8 with a BOM (so Excel does not guess
 * Windows-1251), `;` (the list separator of the Russian locale, where `,` is the decimal
 * mark), CRLF, and formulas defused.
 */
export function spreadsheetCsv(rows: readonly (readonly CsvValue[])[]): Buffer {
  return Buffer.from(`\uFEFF${csvLines(rows, { separator: ';', defuse: true })}`, 'utf8');
}
