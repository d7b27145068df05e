import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { IssuedCode } from '../../domain/access/types.js';
import { spreadsheetCsv } from '../../domain/csv/index.js';
import type { Role } from '../../domain/shared/principal.js';

const ROLE_NAMES: Record<Role, string> = {
  administrator: 'Администратор',
  director: 'Директор',
  deputy_director: 'Заместитель директора',
  head_of_department: 'Руководитель МО',
  teacher: 'Учитель',
  class_teacher: 'Классный руководитель',
  parent: 'Родитель',
  student: 'Ученик',
};

const HEADER = ['Фамилия Имя Отчество', 'Роль', 'Ученик(и)', 'Код', 'Ссылка', 'Ссылка MAX', 'Действует до'];

/** A list a class teacher prints, written by the one export writer (BOM, `;`, formulas defused). */
export function codesCsv(codes: IssuedCode[], timezone: string): Buffer {
  return spreadsheetCsv([
    HEADER,
    ...codes.map((c) => [
      c.name,
      c.roles.map((r) => ROLE_NAMES[r]).join(', '),
      c.students.join(', '),
      c.code,
      c.link ?? '',
      c.maxLink ?? '',
      format(new TZDate(c.expiresAt, timezone), 'dd.MM.yyyy'),
    ]),
  ]);
}
