import type { ErrorDetail } from '../../shared/errors.js';
import type { Locate, RosterInput, RosterList } from '../types.js';
import type { CsvTable } from './table.js';

/** A parsed CSV: the roster it describes, how to point back into the file, and what was wrong with it. */
export interface CsvSource {
  input: RosterInput;
  locate: Locate;
  problems: ErrorDetail[];
}

/**
 * Remembers, for every entity built from the file, the line and the column each of its
 * fields came from, so that a problem found later is reported as "line 7, «Фамилия»".
 */
export function csvPositions<K extends string>(table: CsvTable<K>) {
  const positions: Record<RosterList, Record<string, { line: number; key: K }>[]> = { groups: [], staff: [], students: [], parents: [] };
  const problems: ErrorDetail[] = [];
  const where = (line: number, key: K) => {
    const header = table.headerOf(key);
    return { row: line, field: header, path: `line ${line}, «${header}»` };
  };
  const locate: Locate = (list, index, field) => {
    const fields = positions[list][index];
    const cell = fields?.[field] ?? fields?.externalId;
    return cell ? where(cell.line, cell.key) : { row: 0, field, path: `${list}[${index}].${field}` };
  };
  return {
    positions,
    problems,
    locate,
    /** Records that the fields of one entity came from these columns of `line`. */
    cells(line: number, columns: Record<string, K>) {
      return Object.fromEntries(Object.entries(columns).map(([field, key]) => [field, { line, key }]));
    },
    /** A problem the parser itself sees in one cell. */
    problem(line: number, key: K, message: string) {
      const at = where(line, key);
      problems.push({ ...at, message: `${at.path}: ${message}` });
    },
  };
}

/** "Иванова Мария Петровна" -> its parts; a lone word is taken as the last name. */
export function splitFullName(full: string | undefined) {
  const words = (full ?? '').split(/\s+/).filter(Boolean);
  return { lastName: words[0], firstName: words[1], middleName: words.length > 2 ? words.slice(2).join(' ') : undefined };
}
