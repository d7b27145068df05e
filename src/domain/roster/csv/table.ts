import { readCsv } from '../../csv/index.js';
import { ValidationError } from '../../shared/errors.js';

/** A column the importer knows, under every header a secretary may give it. */
export interface ColumnSpec<K extends string> {
  key: K;
  names: string[];
  required?: boolean;
}

export interface CsvRow<K extends string> {
  /** Line in the file, the header being line 1. */
  line: number;
  cells: Partial<Record<K, string>>;
}

export interface CsvTable<K extends string> {
  rows: CsvRow<K>[];
  /** The header as the file wrote it (or the canonical one for a column the file lacks). */
  headerOf(key: K): string;
  /** Whether the file has the column (an empty cell of a present column is a value: none). */
  has(key: K): boolean;
}

/** "Родитель 1 e-mail", "parent1_email", " E-MAIL " all become comparable. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/([a-zа-я])(\d)/g, '$1 $2')
    .replace(/[\s_\-.:№#]+/g, ' ')
    .replace(/\be mail\b/g, 'email')
    .trim();
}

const fail = (message: string, detail: string) => new ValidationError(message, [{ path: 'file', message: detail }]);

/** A school's roster file is at most this many rows after the header (a large school has about 3,000 students). */
export const MAX_ROSTER_ROWS = 10_000;

export function readCsvTable<K extends string>(
  bytes: Uint8Array,
  charset: string | undefined,
  specs: ColumnSpec<K>[],
  what: string,
): CsvTable<K> {
  const records = readCsv(bytes, { charset, maxRows: MAX_ROSTER_ROWS, what });
  if (!records.length) throw fail(`The ${what} file is empty`, 'The file has no header line');
  const [head, ...body] = records;
  const byName = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const name of spec.names) byName.set(normalizeHeader(name), spec);

  const headers = new Map<K, { index: number; text: string }>();
  const problems: string[] = [];
  head!.cells.forEach((raw, index) => {
    const textHeader = raw.replace(/^\ufeff/, '').trim();
    if (!textHeader) return;
    const spec = byName.get(normalizeHeader(textHeader));
    if (!spec) problems.push(`unknown column «${textHeader}»`);
    else if (headers.has(spec.key)) problems.push(`column «${textHeader}» appears twice`);
    else headers.set(spec.key, { index, text: textHeader });
  });
  for (const spec of specs)
    if (spec.required && !headers.has(spec.key)) problems.push(`required column «${spec.names[0]}» (or «${spec.names[1]}») is missing`);
  if (problems.length) {
    const known = specs.map((s) => `${s.names[0]} / ${s.names[1]}`).join('; ');
    throw new ValidationError(
      `The header line of the ${what} file is not understood`,
      problems.map((p) => ({
        path: 'line 1',
        row: 1,
        message: `line 1: ${p}. Known columns: ${known}`,
      })),
    );
  }

  const rows = body.map(({ line, cells: record }) => {
    const cells: Partial<Record<K, string>> = {};
    for (const [key, { index }] of headers) {
      const value = record[index];
      if (value) cells[key] = value;
    }
    return { line, cells };
  });
  const canonical = new Map(specs.map((s) => [s.key, s.names[0]!]));
  return { rows, headerOf: (key) => headers.get(key)?.text ?? canonical.get(key)!, has: (key) => headers.has(key) };
}
