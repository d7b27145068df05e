import type { LessonPart } from '../domain/schools/policy.js';
import type { AttendanceStatus, GradeKind } from '../domain/lessons/types.js';
import type { DivisionKind } from '../domain/year/types.js';
import { pluralEn } from './format.js';
import { periodNameEn } from './period-en.js';
import type { noticeRu } from './notice-ru.js';
import type { Messages } from './ru.js';

const STATUS: Record<AttendanceStatus, string> = { present: 'present', absent: 'absent', sick: 'sick', excused: 'excused', late: 'late' };
const GRADE: Record<string, string> = { pass: 'pass', fail: 'fail' };
const FINAL: Record<GradeKind, (p: { term: number | null; period: DivisionKind | null }) => string> = {
  current: () => '',
  term: (p) => (p.term === null ? ' — term grade' : ` — term grade for ${periodNameEn(p.period, p.term)}`),
  year: () => ' — year grade',
  exam: () => ' — exam',
};
const ANSWER = { sick: 'sick', excused: 'excused', unknown: 'the parent does not know the reason' } as const;
const PART: Record<LessonPart, string> = { attendance: 'attendance', topic: 'topic', homework: 'homework' };

const lessons = (n: number) => `${n} ${pluralEn(n, ['lesson', 'lessons'])}`;
const teachers = (n: number) => `${n} ${pluralEn(n, ['teacher', 'teachers'])}`;
const deadline = (d: string) => (d === '24:00' ? 'midnight' : d);
type Lesson = { period: number | null; time: string; group: string; subject: string; parts: LessonPart[] };
const lesson = (p: Lesson) => `${p.period ? `period ${p.period}, ` : ''}${p.time}, ${p.group}, ${p.subject}`;
const parts = (p: Lesson) => p.parts.map((x) => PART[x]).join(', ');

export const noticeEn: Pick<Messages, keyof typeof noticeRu> = {
  'notice.absence.subject': (p) => `Absence: ${p.name}, ${p.day}`,
  'notice.absence.head': (p) => `Attendance: <b>${p.name}</b>, ${p.day}`,
  'notice.absence.line': (p) => `• ${p.period ? `period ${p.period}, ` : ''}${p.subject} — ${STATUS[p.status]}`,
  'notice.absence.ask': 'If you know the reason, answer with a button below.',
  'notice.answer.sick': 'Sick',
  'notice.answer.excused': 'Excused',
  'notice.answer.unknown': "Don't know",
  'notice.correction.subject': (p) => `Attendance corrected: ${p.name}`,
  'notice.correction': (p) => `Correction: <b>${p.name}</b> was marked present on ${p.day}. Please disregard the earlier absence notice.`,
  'notice.explained.subject': (p) => `Absence reason: ${p.name}, ${p.day}`,
  'notice.explained': (p) => `A parent answered: <b>${p.name}</b>, ${p.day} — <b>${ANSWER[p.answer]}</b>.`,
  'notice.explained.missed': (p) => `Missed lessons: ${p.lessons.join(', ')}.`,
  'notice.grade.subject': (p) => `Grade: ${p.name}`,
  'notice.grade.head': (p) => `New grade: <b>${p.name}</b>, ${p.day}`,
  'notice.grade.finalHead': (p) => `Final grade: <b>${p.name}</b>, ${p.day}`,
  'notice.grade.line': (p) => `${p.subject}${FINAL[p.kind](p)}: <b>${GRADE[p.value] ?? p.value}</b>${p.comment ? ` — ${p.comment}` : ''}`,
  'notice.digest.head': (p) => `Grades of the day, ${p.day}`,
  'notice.unfilled.subject': (p) => `Journal of ${p.day}: ${lessons(p.n)} not filled`,
  'notice.reminder.head': (p) => `${p.last ? '⏰ Last reminder. ' : ''}The journal of ${p.day} is not filled: <b>${lessons(p.n)}</b>`,
  'notice.reminder.line': (p) => `• ${lesson(p)} — missing: ${parts(p)}`,
  'notice.reminder.more': (p) => `…and ${lessons(p.n)} more`,
  'notice.reminder.foot': (p) => `Due by ${deadline(p.deadline)}. Tap a lesson to fill it in.`,
  'notice.escalation.head': (p) =>
    `The journal of ${p.day} was not filled by ${deadline(p.deadline)}: ${lessons(p.lessons)} of ${teachers(p.teachers)}`,
  'notice.escalation.teacher': (p) => `<b>${p.name}</b> — ${lessons(p.n)}`,
  'notice.escalation.item': (p) => `  • ${lesson(p)}: ${parts(p)}`,
  'notice.escalation.more': (p) => `…and ${teachers(p.n)} more`,
  'notice.escalation.remind': (p) => `Remind: ${p.name}`,
  'notice.report.title': (p) =>
    p.period === 'week'
      ? 'Weekly journal activity report'
      : p.audience === 'director'
        ? 'Monthly journal summary'
        : 'Monthly journal timeliness report',
  'notice.report.totals': (p) => `Lessons: ${p.lessons}. On time: ${p.onTime}; late: ${lessons(p.late)}; missing: ${lessons(p.missing)}.`,
  'notice.report.teacher': (p) => `${p.i}. ${p.name} — on time ${p.onTime}, late ${p.late}, missing ${p.missing}`,
  'notice.report.attention': 'Needing attention:',
  'notice.report.allOnTime': 'Every teacher filled the journal on time.',
};
