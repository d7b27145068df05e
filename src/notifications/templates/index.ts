import type { AbsenceFacts, GradeFacts } from '../../domain/outbox/types.js';
import type { AttendanceStatus } from '../../domain/lessons/types.js';
import type { RenderedMessage } from '../channels/types.js';
import { escapeHtml as e, formatDay, toText, type Locale } from './format.js';

const STATUS: Record<Locale, Record<AttendanceStatus, string>> = {
  ru: { present: 'присутствовал(а)', absent: 'н — отсутствие', sick: 'б — болезнь', excused: 'у — уважительная причина', late: 'оп — опоздание' },
  en: { present: 'present', absent: 'absent', sick: 'sick', excused: 'excused', late: 'late' },
};

const GRADE: Record<string, Record<Locale, string>> = {
  pass: { ru: 'зачёт', en: 'pass' },
  fail: { ru: 'незачёт', en: 'fail' },
};
const KIND: Record<string, Record<Locale, string>> = {
  current: { ru: '', en: '' },
  term: { ru: ' (четвертная)', en: ' (term)' },
  year: { ru: ' (годовая)', en: ' (year)' },
  exam: { ru: ' (экзамен)', en: ' (exam)' },
};

/** Callback data of the parent's answer buttons: `ax:<studentId>:<yyyymmdd>:<s|e|u>` (≤ 64 bytes). */
export function explanationButtons(studentId: number, date: string, locale: Locale): RenderedMessage['buttons'] {
  const d = date.replace(/-/g, '');
  const labels = locale === 'ru' ? ['Болеет', 'Уважительная причина', 'Не знаю'] : ['Sick', 'Excused', "Don't know"];
  return [[
    { text: labels[0]!, data: `ax:${studentId}:${d}:s` },
    { text: labels[1]!, data: `ax:${studentId}:${d}:e` },
  ], [{ text: labels[2]!, data: `ax:${studentId}:${d}:u` }]];
}

function message(subject: string, html: string, buttons?: RenderedMessage['buttons']): RenderedMessage {
  return { subject, html, text: toText(html), buttons };
}

export function renderAbsence(facts: AbsenceFacts, locale: Locale): RenderedMessage {
  const day = formatDay(facts.date, locale);
  const name = e(facts.studentName);
  const lines = facts.lessons.map((l) => {
    const period = l.period ? (locale === 'ru' ? `${l.period}-й урок, ` : `period ${l.period}, `) : '';
    return `• ${period}${e(l.subject)} — ${STATUS[locale][l.status]}`;
  });
  const head = locale === 'ru' ? `Посещаемость: <b>${name}</b>, ${day}` : `Attendance: <b>${name}</b>, ${day}`;
  const ask = locale === 'ru' ? 'Если знаете причину отсутствия, ответьте кнопкой ниже.' : 'If you know the reason, answer with a button below.';
  const subject = locale === 'ru' ? `Отсутствие: ${facts.studentName}, ${day}` : `Absence: ${facts.studentName}, ${day}`;
  return message(subject, `${head}\n${lines.join('\n')}\n\n${ask}`, explanationButtons(facts.studentId, facts.date, locale));
}

/** Sent when every absence of a day was corrected after the parent had been told. */
export function renderAbsenceCorrection(studentName: string, date: string, locale: Locale): RenderedMessage {
  const day = formatDay(date, locale);
  const html = locale === 'ru'
    ? `Исправление: <b>${e(studentName)}</b> ${day} отмечен(а) присутствующим(ей). Предыдущее сообщение об отсутствии недействительно.`
    : `Correction: <b>${e(studentName)}</b> was marked present on ${day}. Please disregard the earlier absence notice.`;
  return message(locale === 'ru' ? `Исправление посещаемости: ${studentName}` : `Attendance corrected: ${studentName}`, html);
}

function gradeLine(g: GradeFacts, locale: Locale): string {
  const value = GRADE[g.value]?.[locale] ?? g.value;
  const comment = g.comment ? ` — ${e(g.comment)}` : '';
  return `${e(g.subject)}: <b>${e(value)}</b>${KIND[g.kind]?.[locale] ?? ''}${comment}`;
}

export function renderGrade(g: GradeFacts, locale: Locale): RenderedMessage {
  const day = formatDay(g.date, locale);
  const head = locale === 'ru' ? `Новая отметка: <b>${e(g.studentName)}</b>, ${day}` : `New grade: <b>${e(g.studentName)}</b>, ${day}`;
  return message(locale === 'ru' ? `Отметка: ${g.studentName}` : `Grade: ${g.studentName}`, `${head}\n${gradeLine(g, locale)}`);
}

export function renderDigest(grades: GradeFacts[], date: string, locale: Locale): RenderedMessage {
  const byStudent = new Map<string, GradeFacts[]>();
  for (const g of grades) byStudent.set(g.studentName, [...(byStudent.get(g.studentName) ?? []), g]);
  const parts = [...byStudent].map(([name, list]) => `<b>${e(name)}</b>\n${list.map((g) => `• ${gradeLine(g, locale)}`).join('\n')}`);
  const day = formatDay(date, locale);
  const head = locale === 'ru' ? `Отметки за день, ${day}` : `Grades of the day, ${day}`;
  return message(head, `${head}\n\n${parts.join('\n\n')}`);
}
