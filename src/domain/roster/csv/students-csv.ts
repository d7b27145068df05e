import type { GroupInput, ParentInput, StudentInput } from '../types.js';
import { csvPositions, splitFullName, type CsvSource } from './source.js';
import { readCsvTable, type ColumnSpec } from './table.js';

type ParentKey = `p${1 | 2}${'Id' | 'Name' | 'Phone' | 'Email' | 'Relation'}`;
type Key = 'group' | 'studentId' | 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'clubs' | 'subgroups' | ParentKey;

const parentColumns = (n: 1 | 2): ColumnSpec<Key>[] => [
  { key: `p${n}Id`, names: [`Родитель ${n} ID`, `parent${n}_id`] },
  { key: `p${n}Name`, names: [`Родитель ${n} ФИО`, `parent${n}_name`] },
  { key: `p${n}Phone`, names: [`Родитель ${n} телефон`, `parent${n}_phone`] },
  { key: `p${n}Email`, names: [`Родитель ${n} e-mail`, `parent${n}_email`, `Родитель ${n} email`, `Родитель ${n} эл. почта`] },
  { key: `p${n}Relation`, names: [`Родитель ${n} кем приходится`, `parent${n}_relation`] },
];

export const STUDENT_COLUMNS: ColumnSpec<Key>[] = [
  { key: 'group', names: ['Класс', 'class', 'группа', 'group'], required: true },
  { key: 'studentId', names: ['ID ученика', 'student_id'], required: true },
  { key: 'lastName', names: ['Фамилия', 'last_name'], required: true },
  { key: 'firstName', names: ['Имя', 'first_name'], required: true },
  { key: 'middleName', names: ['Отчество', 'middle_name'] },
  { key: 'birthDate', names: ['Дата рождения', 'birth_date'] },
  { key: 'clubs', names: ['Кружки', 'clubs', 'Объединения'] },
  { key: 'subgroups', names: ['Подгруппы', 'subgroups'] },
  ...parentColumns(1),
  ...parentColumns(2),
];

/** "Робототехника; Шахматы" -> both; the ids must be known groups (the JSON roster or an earlier import loads them). */
const idList = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

const sameText = (a: string | undefined, b: string | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/**
 * One row per student with class and up to two parents. Classes not yet known become groups
 * whose external id is the class name; a parent named on several rows (siblings) is one parent.
 */
export function parseStudentsCsv(bytes: Uint8Array, charset?: string): CsvSource {
  const table = readCsvTable(bytes, charset, STUDENT_COLUMNS, 'students');
  const pos = csvPositions(table);
  const groups: GroupInput[] = [];
  const groupIndex = new Map<string, number>();
  const students: StudentInput[] = [];
  const parents: ParentInput[] = [];
  const parentIndex = new Map<string, number>();

  for (const { line, cells } of table.rows) {
    const className = cells.group?.replace(/\s+/g, '');
    if (className && !groupIndex.has(className)) {
      groupIndex.set(className, groups.length);
      groups.push({ externalId: className });
      pos.positions.groups.push(pos.cells(line, { externalId: 'group' }));
    }
    students.push({
      externalId: cells.studentId ?? '',
      lastName: cells.lastName ?? '',
      firstName: cells.firstName ?? '',
      middleName: cells.middleName,
      birthDate: cells.birthDate,
      groupExternalId: className ?? '',
      clubExternalIds: table.has('clubs') ? idList(cells.clubs) : undefined,
      subgroupExternalIds: table.has('subgroups') ? idList(cells.subgroups) : undefined,
    });
    pos.positions.students.push(
      pos.cells(line, {
        externalId: 'studentId',
        lastName: 'lastName',
        firstName: 'firstName',
        middleName: 'middleName',
        birthDate: 'birthDate',
        groupExternalId: 'group',
        clubExternalIds: 'clubs',
        subgroupExternalIds: 'subgroups',
      }),
    );

    for (const n of [1, 2] as const) {
      const k = (suffix: 'Id' | 'Name' | 'Phone' | 'Email' | 'Relation') => `p${n}${suffix}` as const;
      const id = cells[k('Id')];
      const rest = [cells[k('Name')], cells[k('Phone')], cells[k('Email')], cells[k('Relation')]];
      if (!id) {
        if (rest.some(Boolean)) pos.problem(line, k('Id'), `parent ${n} has no ID; it is needed to recognise the same parent of siblings`);
        continue;
      }
      const name = splitFullName(cells[k('Name')]);
      let index = parentIndex.get(id);
      if (index === undefined) {
        index = parents.length;
        parentIndex.set(id, index);
        parents.push({ externalId: id, lastName: '', firstName: '', childrenExternalIds: [] });
        pos.positions.parents.push(
          pos.cells(line, {
            externalId: k('Id'),
            childrenExternalIds: k('Id'),
            lastName: k('Name'),
            firstName: k('Name'),
            middleName: k('Name'),
          }),
        );
      }
      const parent = parents[index]!;
      const at = pos.positions.parents[index]!;
      if (name.lastName) {
        if (!parent.lastName) {
          Object.assign(parent, { lastName: name.lastName, firstName: name.firstName ?? '', middleName: name.middleName });
          Object.assign(at, pos.cells(line, { lastName: k('Name'), firstName: k('Name'), middleName: k('Name') }));
        } else if (!sameText(parent.lastName, name.lastName) || !sameText(parent.firstName, name.firstName)) {
          pos.problem(
            line,
            k('Name'),
            `parent ${id} is named "${parent.lastName} ${parent.firstName}" on line ${at.lastName!.line} but "${cells[k('Name')]}" here`,
          );
        }
      }
      // Contacts: the first row that gives one wins (siblings' rows often repeat or omit them).
      for (const [field, suffix] of [
        ['phone', 'Phone'],
        ['email', 'Email'],
        ['relation', 'Relation'],
      ] as const) {
        const value = cells[k(suffix)];
        if (!parent[field] && value) {
          parent[field] = value;
          Object.assign(at, pos.cells(line, { [field]: k(suffix) }));
        }
      }
      if (cells.studentId && !parent.childrenExternalIds.includes(cells.studentId)) parent.childrenExternalIds.push(cells.studentId);
    }
  }
  return { input: { groups, students, parents }, locate: pos.locate, problems: pos.problems };
}
