import type { GroupInput, StaffInput, StaffRole } from '../types.js';
import { csvPositions, type CsvSource } from './source.js';
import { readCsvTable, type ColumnSpec } from './table.js';

type Key = 'id' | 'lastName' | 'firstName' | 'middleName' | 'email' | 'phone' | 'roles' | 'classTeacherOf';

export const STAFF_COLUMNS: ColumnSpec<Key>[] = [
  { key: 'id', names: ['ID', 'id', 'staff_id', 'ID сотрудника'], required: true },
  { key: 'lastName', names: ['Фамилия', 'last_name'], required: true },
  { key: 'firstName', names: ['Имя', 'first_name'], required: true },
  { key: 'middleName', names: ['Отчество', 'middle_name'] },
  { key: 'email', names: ['E-mail', 'email', 'Эл. почта'] },
  { key: 'phone', names: ['Телефон', 'phone'] },
  { key: 'roles', names: ['Роли', 'roles', 'Роль', 'role', 'Должность'], required: true },
  { key: 'classTeacherOf', names: ['Классное руководство', 'class_teacher_of'] },
];

/** The words schools use for the roles, as an export or a secretary writes them. */
const ROLE_WORDS: Record<StaffRole, string[]> = {
  teacher: [
    'учитель',
    'педагог',
    'учитель предметник',
    'преподаватель',
    'педагог дополнительного образования',
    'педагог доп образования',
    'teacher',
  ],
  class_teacher: ['классный руководитель', 'кл руководитель', 'классный рук', 'class teacher'],
  deputy_director: ['заместитель директора', 'зам директора', 'заместитель директора по увр', 'завуч', 'deputy director'],
  director: ['директор', 'director'],
  head_of_department: ['руководитель мо', 'руководитель методического объединения', 'заведующий кафедрой', 'head of department'],
  administrator: ['администратор', 'ответственный за эж', 'administrator', 'admin'],
};

const normalizeRole = (word: string) =>
  word
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\s_.-]+/g, ' ')
    .trim();
const ROLE_BY_WORD = new Map(
  Object.entries(ROLE_WORDS).flatMap(([role, words]) => words.map((w) => [normalizeRole(w), role as StaffRole])),
);

/** "учитель, классный руководитель" -> ['teacher', 'class_teacher']; unknown words are returned apart. */
export function parseRoles(cell: string | undefined): { roles: StaffRole[]; unknown: string[] } {
  const words = (cell ?? '')
    .split(/[,;/]|\s+и\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
  const roles: StaffRole[] = [];
  const unknown: string[] = [];
  for (const w of words) {
    const role = ROLE_BY_WORD.get(normalizeRole(w));
    if (role) roles.push(role);
    else unknown.push(w);
  }
  return { roles, unknown };
}

/** One row per staff member; «Классное руководство» names the class they lead. */
export function parseStaffCsv(bytes: Uint8Array, charset?: string): CsvSource {
  const table = readCsvTable(bytes, charset, STAFF_COLUMNS, 'staff');
  const pos = csvPositions(table);
  const staff: StaffInput[] = [];
  const groups: GroupInput[] = [];
  const leaderLine = new Map<string, number>();
  const known = ROLE_WORDS;

  for (const { line, cells } of table.rows) {
    const { roles, unknown } = parseRoles(cells.roles);
    if (unknown.length) {
      const examples = Object.values(known)
        .map((words) => words[0])
        .join(', ');
      pos.problem(line, 'roles', `unknown role ${unknown.map((u) => `«${u}»`).join(', ')}; known: ${examples}`);
    }
    staff.push({
      externalId: cells.id ?? '',
      lastName: cells.lastName ?? '',
      firstName: cells.firstName ?? '',
      middleName: cells.middleName,
      email: cells.email,
      phone: cells.phone,
      roles,
    });
    pos.positions.staff.push(
      pos.cells(line, {
        externalId: 'id',
        lastName: 'lastName',
        firstName: 'firstName',
        middleName: 'middleName',
        email: 'email',
        phone: 'phone',
        roles: 'roles',
      }),
    );

    const className = cells.classTeacherOf?.replace(/\s+/g, '');
    if (!className) continue;
    const first = leaderLine.get(className);
    if (first !== undefined) {
      pos.problem(line, 'classTeacherOf', `class ${className} already has its class teacher on line ${first}`);
      continue;
    }
    leaderLine.set(className, line);
    groups.push({ externalId: className, classTeacherExternalId: cells.id ?? '' });
    pos.positions.groups.push(pos.cells(line, { externalId: 'classTeacherOf', classTeacherExternalId: 'id' }));
  }
  return { input: { staff, groups }, locate: pos.locate, problems: pos.problems };
}
