import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../shared/errors.js';
import { decodeCsv } from './decode.js';

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

function detectDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')).replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

const fail = (message: string, detail: string, line?: number) =>
  new ValidationError(message, [{ path: line ? `line ${line}` : 'file', row: line, message: detail }]);

export function readCsvTable<K extends string>(bytes: Uint8Array, charset: string | undefined, specs: ColumnSpec<K>[], what: string): CsvTable<K> {
  const text = decodeCsv(bytes, charset).replace(/\r\n?/g, '\n');
  if (!text.trim()) throw fail(`The ${what} file is empty`, 'The file has no header line');
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text), info: true, raw: true, relax_column_count: true, relax_quotes: true,
      skip_empty_lines: true, skip_records_with_empty_values: true,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw fail(`The ${what} file is not valid CSV`, `The CSV cannot be read: ${e.message}`, e.lines);
  }
  const [head, ...body] = records;
  const byName = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const name of spec.names) byName.set(normalizeHeader(name), spec);

  const headers = new Map<K, { index: number; text: string }>();
  const problems: string[] = [];
  head!.record.forEach((raw, index) => {
    const textHeader = raw.replace(/^\ufeff/, '').trim();
    if (!textHeader) return;
    const spec = byName.get(normalizeHeader(textHeader));
    if (!spec) problems.push(`unknown column «${textHeader}»`);
    else if (headers.has(spec.key)) problems.push(`column «${textHeader}» appears twice`);
    else headers.set(spec.key, { index, text: textHeader });
  });
  for (const spec of specs) if (spec.required && !headers.has(spec.key)) problems.push(`required column «${spec.names[0]}» (or «${spec.names[1]}») is missing`);
  if (problems.length) {
    const known = specs.map((s) => `${s.names[0]} / ${s.names[1]}`).join('; ');
    throw new ValidationError(`The header line of the ${what} file is not understood`, problems.map((p) => ({
      path: 'line 1', row: 1, message: `line 1: ${p}. Known columns: ${known}`,
    })));
  }

  const rows = body.map(({ record, raw, info }) => {
    const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const line = info.lines - (inner.match(/\n/g)?.length ?? 0);
    const cells: Partial<Record<K, string>> = {};
    for (const [key, { index }] of headers) {
      const value = record[index]?.trim();
      if (value) cells[key] = value;
    }
    return { line, cells };
  });
  const canonical = new Map(specs.map((s) => [s.key, s.names[0]!]));
  return { rows, headerOf: (key) => headers.get(key)?.text ?? canonical.get(key)! };
}
