import { parse } from 'csv-parse/sync';
import { TooLargeError, ValidationError } from '../shared/errors.js';
import { decodeCsv } from './decode.js';

/** One record of the file: its cells (trimmed) and the line it starts on, the first line being 1. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface ReadCsvOptions {
  /** The charset the request named, if any (see decodeCsv). */
  charset?: string;
  /** Records after the header that the import takes; more is refused before they are all read. */
  maxRows: number;
  /** Names the file in messages: "students", "plan". */
  what: string;
}

/**
 * The separator is the one of `;`, `,` and tab that the first line uses most, quoted text
 * not counted (a header «"Фамилия, имя"» in a `;` file stays one column).
 */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

type Parsed = { record: string[]; raw: string; info: { lines: number } };

/**
 * The one CSV reader of every import: decodes the bytes, detects the separator and reads
 * RFC 4180 quoting (separators, quotes `""` and line breaks inside quoted cells). Empty lines
 * and lines of empty cells are skipped. Reading stops one record past `maxRows`, so an
 * oversized file costs no more than an allowed one; it is then refused as too large.
 */
export function readCsv(bytes: Uint8Array, options: ReadCsvOptions): CsvRecord[] {
  const text = decodeCsv(bytes, options.charset).replace(/\r\n?/g, '\n');
  if (!text.trim()) return [];
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      to: options.maxRows + 2,
    }) as unknown as Parsed[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ValidationError(`The ${options.what} file is not valid CSV`, [
      { path: e.lines ? `line ${e.lines}` : 'file', row: e.lines, message: `The CSV cannot be read: ${e.message}` },
    ]);
  }
  if (parsed.length > options.maxRows + 1) {
    throw new TooLargeError(`The ${options.what} file has more than ${options.maxRows} rows`, [
      { path: 'file', message: `At most ${options.maxRows} rows (after the header) are taken in one file; split it` },
    ]);
  }
  return parsed.map(({ record, raw, info }) => {
    // info.lines is the line the record ends on; the record starts as many lines earlier as it spans.
    const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
    return { line: info.lines - (inner.match(/\n/g)?.length ?? 0), cells: record.map((c) => c.trim()) };
  });
}
