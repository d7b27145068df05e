import type { DivisionKind } from '../domain/year/types.js';
import type { classjournalRu } from './classjournal-ru.js';
import { pluralEn } from './format.js';
import { periodNameEn } from './period-en.js';
import type { Messages } from './ru.js';

const number = (v: number) => v.toFixed(2);
const lessons = (n: number) => `${n} ${pluralEn(n, ['lesson', 'lessons'])}`;
const days = (n: number) => `${n} ${pluralEn(n, ['day', 'days'])}`;
const students = (n: number) => `${n} ${pluralEn(n, ['student', 'students'])}`;
type Counts = { excused: number; unexcused: number; parentExplained: number; late: number; excusedDays: number; unexcusedDays: number };
function counts(p: Counts): string {
  const parts: string[] = [];
  if (p.unexcused) parts.push(`unexcused ${lessons(p.unexcused)}${p.parentExplained ? ` (parent explained ${p.parentExplained})` : ''}`);
  if (p.excused) parts.push(`excused ${lessons(p.excused)}`);
  if (p.late) parts.push(`late ${p.late}`);
  const whole = [p.unexcusedDays ? `unexcused ${days(p.unexcusedDays)}` : '', p.excusedDays ? `excused ${days(p.excusedDays)}` : '']
    .filter(Boolean)
    .join(', ');
  if (whole) parts.push(`whole days: ${whole}`);
  return parts.length ? parts.join(' · ') : 'no absences';
}
type Period = { kind: DivisionKind | null; n: number | null; from: string; to: string; months: number };
const period = (p: Period) =>
  p.n === null ? `last ${p.months} months, ${p.from}–${p.to}` : `${periodNameEn(p.kind, p.n)}, ${p.from}–${p.to}`;

export const classjournalEn: Pick<Messages, keyof typeof classjournalRu> = {
  'cj.menu': (p) => `<b>${p.group}</b> — class journal. What would you like to see?`,
  'cj.btn.today': 'Today',
  'cj.btn.week': 'Week',
  'cj.btn.month': 'Month',
  'cj.btn.grades': 'Grades',
  'cj.btn.risk': 'At risk',
  'cj.btn.parents': 'Parents',
  'cj.btn.menu': '← Class menu',
  'cj.btn.subjects': '← All subjects',
  'cj.btn.prev': (p) => `‹ ${p.label}`,
  'cj.btn.next': (p) => `${p.label} ›`,
  'cj.forbidden': 'This class is not available to you: you are not its class teacher.',
  'cj.gone': 'This class or subject was not found. Open «My class» again.',
  'cj.mark.absent': 'abs',
  'cj.mark.sick': 'sick',
  'cj.mark.excused': 'exc',
  'cj.mark.late': 'late',
  'cj.day.head': (p) => `<b>${p.group}</b> — ${p.day}`,
  'cj.day.unexplained': '<b>Absent without a reason:</b>',
  'cj.day.noUnexplained': 'No unexcused absences.',
  'cj.day.absent': (p) =>
    `• <b>${p.name}</b> — ${p.wholeDay ? 'the whole day' : p.lessons} · ${p.answer ? `parent: ${p.answer}` : 'no answer from the parent'}`,
  'cj.day.names': (p) => p.names.join(', '),
  'cj.day.lessons': '<b>Lessons:</b>',
  'cj.day.noLessons': 'The class has no lessons on this day.',
  'cj.day.lesson': (p) => `${p.period ? `${p.period}. ` : ''}${p.subject}${p.group ? ` (${p.group})` : ''}`,
  'cj.day.allPresent': 'everyone present',
  'cj.day.notFilled': 'attendance not filled in',
  'cj.day.cancelled': 'cancelled',
  'cj.day.legend': 'abs — no reason, sick — illness, exc — excused, late — late.',
  'cj.abs.week': (p) => `<b>${p.group}</b> — week ${p.from}–${p.to}`,
  'cj.abs.month': (p) => `<b>${p.group}</b> — ${p.month}`,
  'cj.abs.line': (p) => `• <b>${p.name}</b>: ${counts(p)}`,
  'cj.abs.none': 'No absences or lateness.',
  'cj.abs.total': (p) => `<b>Total</b> (${students(p.students)}, with no absences or lateness: ${p.clean}): ${counts(p)}`,
  'cj.abs.legend':
    "Excused — sick and excused marks; unexcused — absent marks (the parent's answer to the notice is shown until the school changes the mark). Whole days — days with every lesson missed. Only lessons held with attendance filled in count.",
  'cj.grades.head': (p) => `<b>${p.group}</b> — grades, ${period(p)}`,
  'cj.grades.line': (p) =>
    p.average === null
      ? `• <b>${p.subject}</b> — no grades`
      : `• <b>${p.subject}</b> — average ${number(p.average)} · graded ${p.graded} of ${p.students}${p.failing ? ` · below 2.5: ${p.failing}` : ''}`,
  'cj.grades.none': 'The class has no subjects.',
  'cj.grades.hint':
    "The class average is the mean of the students' averages (weighted by work type). Choose a subject to open its grade sheet.",
  'cj.sheet.head': (p) => `<b>${p.group}</b> — ${p.subject}, ${period(p)}`,
  'cj.sheet.row': (p) =>
    p.marks.length
      ? `${p.n}. ${p.name} — ${p.marks.join(' ')}${p.average === null ? '' : ` · <b>${number(p.average)}</b>`}`
      : `${p.n}. ${p.name} — no grades`,
  'cj.sheet.average': (p) => (p.average === null ? 'Class average: no numeric grades' : `Class average: <b>${number(p.average)}</b>`),
  'cj.risk.head': (p) => `<b>${p.group}</b> — at risk, ${period(p)}`,
  'cj.risk.line': (p) => `• <b>${p.name}</b> — ${p.subject}: ${p.reasons.join('; ')}`,
  'cj.risk.failing': (p) => `average ${number(p.average)} — a failing 2`,
  'cj.risk.twos': (p) => `${p.twos} ${pluralEn(p.twos, ['two', 'twos'])} among the last ${p.of} grades`,
  'cj.risk.none': 'No students at risk.',
  'cj.risk.legend': (p) =>
    `Listed: a subject average below 2.5, or at least ${p.twos} ${pluralEn(p.twos, ['two', 'twos'])} among the last three grades.`,
  'cj.more': (p) => `<i>Continued (${p.n}/${p.of})</i>`,
};
