import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { IssuedCode } from '../../domain/access/types.js';
import type { Role } from '../../domain/shared/principal.js';

const ROLE_NAMES: Record<Role, string> = {
  administrator: 'Администратор', director: 'Директор', deputy_director: 'Заместитель директора',
  head_of_department: 'Руководитель МО', teacher: 'Учитель', class_teacher: 'Классный руководитель', parent: 'Родитель',
};

const HEADER = ['Фамилия Имя Отчество', 'Роль', 'Ученик(и)', 'Код', 'Ссылка', 'Действует до'];

/** Quotes what would break a `;` CSV, and defuses cells a spreadsheet would run as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A list a class teacher prints: UTF-8 with BOM and `;` so Excel with a Russian locale opens it as is. */
export function codesCsv(codes: IssuedCode[], timezone: string): string {
  const lines = [HEADER, ...codes.map((c) => [
    c.name,
    c.roles.map((r) => ROLE_NAMES[r]).join(', '),
    c.students.join(', '),
    c.code,
    c.link ?? '',
    format(new TZDate(c.expiresAt, timezone), 'dd.MM.yyyy'),
  ])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(';')).join('\r\n')}\r\n`;
}
