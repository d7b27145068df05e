import type { AbsenceFacts, GradeFacts } from '../../domain/outbox/types.js';
import { escapeHtml, formatDayMonth, htmlToText, translator, type Locale, type Translate } from '../../i18n/index.js';
import type { RenderedMessage } from '../channels/types.js';

/** Callback data of the parent's answer buttons: `ax:<studentId>:<yyyymmdd>:<s|e|u>` (≤ 64 bytes). */
export function explanationButtons(studentId: number, date: string, locale: Locale): RenderedMessage['buttons'] {
  const t = translator(locale);
  const d = date.replace(/-/g, '');
  return [
    [
      { text: t('notice.answer.sick'), data: `ax:${studentId}:${d}:s` },
      { text: t('notice.answer.excused'), data: `ax:${studentId}:${d}:e` },
    ],
    [{ text: t('notice.answer.unknown'), data: `ax:${studentId}:${d}:u` }],
  ];
}

/** The e-mail subject is the catalogue text made plain; the text part is the HTML made plain. */
export function message(subject: string, html: string, buttons?: RenderedMessage['buttons']): RenderedMessage {
  return { subject: htmlToText(subject), html, text: htmlToText(html), buttons };
}

export function renderAbsence(facts: AbsenceFacts, locale: Locale): RenderedMessage {
  const t = translator(locale);
  const day = formatDayMonth(facts.date, locale);
  const name = facts.studentName;
  const lines = facts.lessons.map((l) => t('notice.absence.line', { period: l.period, subject: l.subject, status: l.status }));
  const html = `${t('notice.absence.head', { name, day })}\n${lines.join('\n')}\n\n${t('notice.absence.ask')}`;
  return message(t('notice.absence.subject', { name, day }), html, explanationButtons(facts.studentId, facts.date, locale));
}

/** Sent when every absence of a day was corrected after the parent had been told. */
export function renderAbsenceCorrection(studentName: string, date: string, locale: Locale): RenderedMessage {
  const t = translator(locale);
  const html = t('notice.correction', { name: studentName, day: formatDayMonth(date, locale) });
  return message(t('notice.correction.subject', { name: studentName }), html);
}

const gradeLine = (t: Translate, g: GradeFacts) =>
  t('notice.grade.line', { subject: g.subject, value: g.value, kind: g.kind, term: g.term, period: g.periodKind, comment: g.comment });

export function renderGrade(g: GradeFacts, locale: Locale): RenderedMessage {
  const t = translator(locale);
  const head = t(g.kind === 'current' ? 'notice.grade.head' : 'notice.grade.finalHead', {
    name: g.studentName,
    day: formatDayMonth(g.date, locale),
  });
  return message(t('notice.grade.subject', { name: g.studentName }), `${head}\n${gradeLine(t, g)}`);
}

export function renderDigest(grades: GradeFacts[], date: string, locale: Locale): RenderedMessage {
  const t = translator(locale);
  const byStudent = new Map<string, GradeFacts[]>();
  for (const g of grades) byStudent.set(g.studentName, [...(byStudent.get(g.studentName) ?? []), g]);
  const parts = [...byStudent].map(([name, list]) => `<b>${escapeHtml(name)}</b>\n${list.map((g) => `• ${gradeLine(t, g)}`).join('\n')}`);
  const head = t('notice.digest.head', { day: formatDayMonth(date, locale) });
  return message(head, `${head}\n\n${parts.join('\n\n')}`);
}
