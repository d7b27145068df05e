import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ValidationError, type ErrorDetail } from '../domain/shared/errors.js';
import type { PlanItemInput } from '../domain/schedule/index.js';

/** A spreadsheet saves CSV as UTF-8 (often with a BOM) or, on Russian Windows, as Windows-1251. */
export function decodeSpreadsheetText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1251');
  }
}

function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

type Column = 'position' | 'topic' | 'hours';
const HEADERS: Record<Column, RegExp> = {
  position: /^(№|#|n|no|номер|п\/п|№ ?п\/п|position|pos)\.?$/i,
  topic: /^(тема|тема урока|название темы|содержание|topic)$/i,
  hours: /^(часы|час|кол-?во часов|количество часов|hours)$/i,
};

/** Reads «№;Тема;Часы» (or position,topic,hours) into plan items; a header row is optional. */
export function parsePlanCsv(bytes: Buffer): PlanItemInput[] {
  const text = decodeSpreadsheetText(bytes);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true });
  } catch (err) {
    throw new ValidationError('The CSV file cannot be read', [{ path: 'body', message: (err as Error).message }]);
  }
  let columns: Record<Column, number> = { position: 0, topic: 1, hours: 2 };
  let first = 0;
  const header = rows[0]?.map((c) => c.trim());
  if (header && header.some((c) => HEADERS.topic.test(c))) {
    const find = (col: Column) => header.findIndex((c) => HEADERS[col].test(c));
    columns = { position: find('position'), topic: find('topic'), hours: find('hours') };
    first = 1;
  } else if (header && header.length === 1) {
    columns = { position: -1, topic: 0, hours: -1 };
  }
  const details: ErrorDetail[] = [];
  const items: PlanItemInput[] = [];
  for (let i = first; i < rows.length; i++) {
    const row = rows[i]!;
    const cell = (col: Column) => (columns[col] >= 0 ? (row[columns[col]] ?? '').trim() : '');
    if (row.every((c) => !c.trim())) continue;
    const number = (col: Column): number | null => {
      const raw = cell(col).replace(/\.$/, '');
      if (!raw) return null;
      if (!/^\d+$/.test(raw)) {
        details.push({ path: `line ${i + 1}: ${col}`, row: i + 1, field: col, message: `"${raw}" is not a whole number` });
        return null;
      }
      return Number(raw);
    };
    items.push({ position: number('position'), topic: cell('topic'), hours: number('hours') });
  }
  if (details.length) throw new ValidationError('The plan file has invalid rows', details);
  return items;
}
