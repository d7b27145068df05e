import type { LessonPart } from '../domain/schools/policy.js';
import type { AttendanceStatus, GradeKind } from '../domain/lessons/types.js';
import type { DivisionKind } from '../domain/year/types.js';
import { pluralRu } from './format.js';
import { periodAfterZaRu } from './period-ru.js';

/**
 * Texts of the notices (absence, grade, digest, compliance), Russian, the reference. The
 * templates in src/notifications put the pieces together; subjects and buttons are the
 * same text made plain (htmlToText).
 */
const STATUS: Record<AttendanceStatus, string> = {
  present: 'присутствовал(а)',
  absent: 'н — отсутствие',
  sick: 'б — болезнь',
  excused: 'у — уважительная причина',
  late: 'оп — опоздание',
};
const GRADE: Record<string, string> = { pass: 'зачёт', fail: 'незачёт' };
/** A final mark says what it closes, so it never reads as one more current mark. */
const FINAL: Record<GradeKind, (p: { term: number | null; period: DivisionKind | null }) => string> = {
  current: () => '',
  term: (p) => (p.term === null ? ' — итоговая за период' : ` — итоговая за ${periodAfterZaRu(p.period, p.term)}`),
  year: () => ' — итоговая за год',
  exam: () => ' — экзамен',
};
const ANSWER = { sick: 'болеет', excused: 'уважительная причина', unknown: 'родитель не знает причину' } as const;
const PART: Record<LessonPart, string> = { attendance: 'посещаемость', topic: 'тема', homework: 'домашнее задание' };

const lessons = (n: number) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`;
const teachers = (n: number) => `${n} ${pluralRu(n, ['учителя', 'учителей', 'учителей'])}`;
const deadline = (d: string) => (d === '24:00' ? '24:00 (до полуночи)' : d);
type Lesson = { period: number | null; time: string; group: string; subject: string; parts: LessonPart[] };
const lesson = (p: Lesson) => `${p.period ? `${p.period}-й урок, ` : ''}${p.time}, ${p.group}, ${p.subject}`;
const parts = (p: Lesson) => p.parts.map((x) => PART[x]).join(', ');

export const noticeRu = {
  'notice.absence.subject': (p: { name: string; day: string }) => `Отсутствие: ${p.name}, ${p.day}`,
  'notice.absence.head': (p: { name: string; day: string }) => `Посещаемость: <b>${p.name}</b>, ${p.day}`,
  'notice.absence.line': (p: { period: number | null; subject: string; status: AttendanceStatus }) =>
    `• ${p.period ? `${p.period}-й урок, ` : ''}${p.subject} — ${STATUS[p.status]}`,
  'notice.absence.ask': 'Если знаете причину отсутствия, ответьте кнопкой ниже.',
  'notice.answer.sick': 'Болеет',
  'notice.answer.excused': 'Уважительная причина',
  'notice.answer.unknown': 'Не знаю',
  'notice.correction.subject': (p: { name: string }) => `Исправление посещаемости: ${p.name}`,
  'notice.correction': (p: { name: string; day: string }) =>
    `Исправление: <b>${p.name}</b> ${p.day} отмечен(а) присутствующим(ей). Предыдущее сообщение об отсутствии недействительно.`,
  'notice.explained.subject': (p: { name: string; day: string }) => `Причина отсутствия: ${p.name}, ${p.day}`,
  'notice.explained': (p: { name: string; day: string; answer: keyof typeof ANSWER }) =>
    `Ответ родителя: <b>${p.name}</b>, ${p.day} — <b>${ANSWER[p.answer]}</b>.`,
  'notice.explained.missed': (p: { lessons: string[] }) => `Пропущенные уроки: ${p.lessons.join(', ')}.`,
  'notice.grade.subject': (p: { name: string }) => `Отметка: ${p.name}`,
  'notice.grade.head': (p: { name: string; day: string }) => `Новая отметка: <b>${p.name}</b>, ${p.day}`,
  'notice.grade.finalHead': (p: { name: string; day: string }) => `Итоговая отметка: <b>${p.name}</b>, ${p.day}`,
  'notice.grade.line': (p: {
    subject: string;
    value: string;
    kind: GradeKind;
    term: number | null;
    period: DivisionKind | null;
    comment: string | null;
  }) => `${p.subject}${FINAL[p.kind](p)}: <b>${GRADE[p.value] ?? p.value}</b>${p.comment ? ` — ${p.comment}` : ''}`,
  'notice.digest.head': (p: { day: string }) => `Отметки за день, ${p.day}`,
  'notice.unfilled.subject': (p: { day: string; n: number }) => `Журнал за ${p.day}: не заполнено ${lessons(p.n)}`,
  'notice.reminder.head': (p: { day: string; n: number; last: boolean }) =>
    `${p.last ? '⏰ Последнее напоминание. ' : ''}Журнал за ${p.day} не заполнен: <b>${lessons(p.n)}</b>`,
  'notice.reminder.line': (p: Lesson) => `• ${lesson(p)} — нет: ${parts(p)}`,
  'notice.reminder.more': (p: { n: number }) => `…и ещё ${lessons(p.n)}`,
  'notice.reminder.foot': (p: { deadline: string }) => `Срок — ${deadline(p.deadline)}. Нажмите на урок, чтобы заполнить его.`,
  'notice.escalation.head': (p: { day: string; deadline: string; lessons: number; teachers: number }) =>
    `Журнал за ${p.day} не заполнен в срок (${deadline(p.deadline)}): ${lessons(p.lessons)} у ${teachers(p.teachers)}`,
  'notice.escalation.teacher': (p: { name: string; n: number }) => `<b>${p.name}</b> — ${lessons(p.n)}`,
  'notice.escalation.item': (p: Lesson) => `  • ${lesson(p)}: ${parts(p)}`,
  'notice.escalation.more': (p: { n: number }) => `…и ещё ${teachers(p.n)}`,
  'notice.escalation.remind': (p: { name: string }) => `Напомнить: ${p.name}`,
  'notice.report.title': (p: { period: 'day' | 'week' | 'month'; audience: 'deputy' | 'director' }) =>
    p.period === 'week'
      ? 'Еженедельный отчёт о заполнении журнала'
      : p.audience === 'director'
        ? 'Итоги месяца: заполнение журнала'
        : 'Ежемесячный отчёт о своевременности заполнения журнала',
  'notice.report.totals': (p: { lessons: number; onTime: string; late: number; missing: number }) =>
    `Уроков: ${p.lessons}. Вовремя: ${p.onTime}; с опозданием: ${lessons(p.late)}; не заполнено: ${lessons(p.missing)}.`,
  'notice.report.teacher': (p: { i: number; name: string; onTime: string; late: number; missing: number }) =>
    `${p.i}. ${p.name} — вовремя ${p.onTime}, с опозданием ${p.late}, не заполнено ${p.missing}`,
  'notice.report.attention': 'Требуют внимания:',
  'notice.report.allOnTime': 'Все учителя заполнили журнал вовремя.',
} as const;
