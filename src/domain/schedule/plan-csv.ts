import { readCsv, type CsvRecord } from '../csv/index.js';
import { ProblemList } from '../shared/errors.js';
import { MAX_PLAN_ITEMS, type PlanItemInput } from './plan.js';

type Column = 'position' | 'topic' | 'hours' | 'workType';
const HEADERS: Record<Column, RegExp> = {
  position: /^(№|#|n|no|номер|п\/п|№ ?п\/п|position|pos)\.?$/i,
  topic: /^(тема|тема урока|название темы|содержание|topic)$/i,
  hours: /^(часы|час|кол-?во часов|количество часов|hours)$/i,
  workType: /^(вид работы|вид работ|тип работы|тип урока|work ?type)$/i,
};

/**
 * Reads «№;Тема;Часы;Вид работы» (or position,topic,hours,workType) into plan items; a header
 * row is optional, and so is the work type (its code or Russian name, checked by the import).
 * A plan has at most MAX_PLAN_ITEMS topics, so a longer file is refused while it is read.
 */
export function parsePlanCsv(bytes: Uint8Array, charset?: string): PlanItemInput[] {
  return planItemsOf(readCsv(bytes, { charset, maxRows: MAX_PLAN_ITEMS, what: 'plan' }));
}

/**
 * The rows of a plan file, CSV or a spreadsheet's first sheet (src/documents/xlsx-reader.ts),
 * as plan items: one reading of the columns for both, so one validation serves both.
 */
export function planItemsOf(records: CsvRecord[]): PlanItemInput[] {
  let columns: Record<Column, number> = { position: 0, topic: 1, hours: 2, workType: 3 };
  let first = 0;
  const header = records[0]?.cells;
  if (header?.some((c) => HEADERS.topic.test(c))) {
    const find = (col: Column) => header.findIndex((c) => HEADERS[col].test(c));
    columns = { position: find('position'), topic: find('topic'), hours: find('hours'), workType: find('workType') };
    first = 1;
  } else if (header && header.length === 1) {
    columns = { position: -1, topic: 0, hours: -1, workType: -1 };
  }
  const problems = new ProblemList();
  const items: PlanItemInput[] = [];
  for (const { line, cells } of records.slice(first)) {
    const cell = (col: Column) => (columns[col] >= 0 ? (cells[columns[col]] ?? '') : '');
    const number = (col: Column): number | null => {
      const raw = cell(col).replace(/\.$/, '');
      if (!raw) return null;
      if (!/^\d+$/.test(raw)) {
        problems.add({ path: `line ${line}: ${col}`, row: line, field: col, message: `"${raw}" is not a whole number` });
        return null;
      }
      return Number(raw);
    };
    items.push({ position: number('position'), topic: cell('topic'), hours: number('hours'), workType: cell('workType') || null, line });
  }
  if (problems.count) throw problems.error('The plan file has invalid rows');
  return items;
}
