import type { DivisionKind } from '../domain/year/types.js';
import { pluralRu } from './format.js';

/**
 * Texts of the term-grade notices (the teacher's reminder, the deputy's alert), Russian, the
 * reference. Subjects and plain text are the same text made plain (htmlToText).
 */
const PERIOD: Record<DivisionKind, (n: number) => string> = {
  quarters: (n) => `${n}-я четверть`,
  trimesters: (n) => `${n}-й триместр`,
  halves: (n) => `${n}-е полугодие`,
};
const grades = (n: number) => `${n} ${pluralRu(n, ['отметка', 'отметки', 'отметок'])}`;
const teachers = (n: number) => `${n} ${pluralRu(n, ['учителя', 'учителей', 'учителей'])}`;
/** «из 21 ученика», «из 25 учеников»: the genitive after «из». */
const ofStudents = (n: number) => `${n} ${pluralRu(n, ['ученика', 'учеников', 'учеников'])}`;
type Gap = { group: string; subject: string; kind: DivisionKind; number: number; due: string; missing: number; students: number };
const course = (p: Gap) => `${p.group}, ${p.subject} (${PERIOD[p.kind](p.number)})`;

export const termGradesRu = {
  'termGrades.reminder.subject': (p: { n: number }) => `Отметки за период: не выставлено ${grades(p.n)}`,
  'termGrades.reminder.head': (p: { n: number }) => `📝 Не выставлены отметки за период: <b>${grades(p.n)}</b>`,
  'termGrades.reminder.line': (p: Gap) => `• ${course(p)} — нет отметки у ${p.missing} из ${ofStudents(p.students)}, срок — ${p.due}`,
  'termGrades.reminder.more': (p: { n: number }) => `…и ещё ${grades(p.n)} в других классах`,
  'termGrades.reminder.foot': 'Нажмите на класс, чтобы выставить отметки.',
  'termGrades.escalation.subject': (p: { n: number }) => `Отметки за период не выставлены в срок: ${grades(p.n)}`,
  'termGrades.escalation.head': (p: { grades: number; teachers: number }) =>
    `Отметки за период не выставлены в срок: <b>${grades(p.grades)}</b> у ${teachers(p.teachers)}`,
  'termGrades.escalation.teacher': (p: { name: string; n: number }) => `<b>${p.name}</b> — ${grades(p.n)}`,
  'termGrades.escalation.item': (p: Gap) => `  • ${course(p)}, срок — ${p.due}: нет у ${p.missing} из ${ofStudents(p.students)}`,
  'termGrades.escalation.more': (p: { n: number }) => `…и ещё ${teachers(p.n)}`,
  'termGrades.escalation.foot': 'Учителям каждое утро приходит напоминание; этот список приходит каждое утро, пока период не закончится.',
} as const;
