import type { DivisionKind } from '../domain/year/types.js';
import { pluralEn } from './format.js';
import type { Messages } from './ru.js';
import type { termGradesRu } from './term-grades-ru.js';

const PERIOD: Record<DivisionKind, (n: number) => string> = {
  quarters: (n) => `quarter ${n}`,
  trimesters: (n) => `trimester ${n}`,
  halves: (n) => `half-year ${n}`,
};
const grades = (n: number) => `${n} ${pluralEn(n, ['grade', 'grades'])}`;
const teachers = (n: number) => `${n} ${pluralEn(n, ['teacher', 'teachers'])}`;
const students = (n: number) => `${n} ${pluralEn(n, ['student', 'students'])}`;
type Gap = { group: string; subject: string; kind: DivisionKind; number: number; due: string; missing: number; students: number };
const course = (p: Gap) => `${p.group}, ${p.subject} (${PERIOD[p.kind](p.number)})`;

export const termGradesEn: Pick<Messages, keyof typeof termGradesRu> = {
  'termGrades.reminder.subject': (p) => `Term grades: ${grades(p.n)} missing`,
  'termGrades.reminder.head': (p) => `📝 Term grades are missing: <b>${grades(p.n)}</b>`,
  'termGrades.reminder.line': (p) => `• ${course(p)} — no grade for ${p.missing} of ${students(p.students)}, due ${p.due}`,
  'termGrades.reminder.more': (p) => `…and ${grades(p.n)} more in other classes`,
  'termGrades.reminder.foot': 'Tap a class to enter the grades.',
  'termGrades.escalation.subject': (p) => `Term grades overdue: ${grades(p.n)}`,
  'termGrades.escalation.head': (p) => `Term grades not entered by the due date: <b>${grades(p.grades)}</b> of ${teachers(p.teachers)}`,
  'termGrades.escalation.teacher': (p) => `<b>${p.name}</b> — ${grades(p.n)}`,
  'termGrades.escalation.item': (p) => `  • ${course(p)}, due ${p.due}: no grade for ${p.missing} of ${students(p.students)}`,
  'termGrades.escalation.more': (p) => `…and ${teachers(p.n)} more`,
  'termGrades.escalation.foot': 'Teachers get a reminder every morning; this list comes every morning until the period ends.',
};
