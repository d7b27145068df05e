import type { TermGradeGap } from '../../domain/compliance/index.js';
import { finalGradesAddress } from '../../domain/shared/screen-addresses.js';
import { formatDayMonth, translator, type Locale } from '../../i18n/index.js';
import type { RenderedMessage } from '../channels/types.js';
import { message } from './index.js';

/** Telegram allows about 100 buttons; a message lists at most this many courses or teachers. */
const MAX_ITEMS = 30;

const gapParams = (g: TermGradeGap, locale: Locale) => ({
  group: g.groupName,
  subject: g.subject,
  kind: g.periodKind,
  number: g.periodNumber,
  due: formatDayMonth(g.due, locale),
  missing: g.missing,
  students: g.students,
});

const sum = (gaps: readonly TermGradeGap[]) => gaps.reduce((n, g) => n + g.missing, 0);

/** The teacher's reminder: one line and one button per course, the button opening its final-grade screen. */
export function renderTermReminder(gaps: TermGradeGap[], locale: Locale): RenderedMessage {
  const t = translator(locale);
  const shown = gaps.slice(0, MAX_ITEMS);
  const lines = shown.map((g) => t('termGrades.reminder.line', gapParams(g, locale)));
  if (gaps.length > shown.length) lines.push(t('termGrades.reminder.more', { n: sum(gaps.slice(MAX_ITEMS)) }));
  const n = sum(gaps);
  const buttons = shown.map((g) => [
    { text: `${g.groupName} ${g.subject}: ${g.missing}`.slice(0, 60), data: finalGradesAddress(g.courseId) },
  ]);
  const html = `${t('termGrades.reminder.head', { n })}\n${lines.join('\n')}\n\n${t('termGrades.reminder.foot')}`;
  return message(t('termGrades.reminder.subject', { n }), html, buttons);
}

/** The deputy's alert: the school's gaps by teacher, worst-named first as the query orders them. */
export function renderTermEscalation(gaps: TermGradeGap[], locale: Locale): RenderedMessage {
  const t = translator(locale);
  const byTeacher = new Map<number, TermGradeGap[]>();
  for (const g of gaps) byTeacher.set(g.teacherId, [...(byTeacher.get(g.teacherId) ?? []), g]);
  const teachers = [...byTeacher.values()];
  const shown = teachers.slice(0, MAX_ITEMS);
  const blocks = shown.map((list) => {
    const items = list.map((g) => t('termGrades.escalation.item', gapParams(g, locale)));
    return `${t('termGrades.escalation.teacher', { name: list[0]!.teacherName, n: sum(list) })}\n${items.join('\n')}`;
  });
  if (teachers.length > shown.length) blocks.push(t('termGrades.escalation.more', { n: teachers.length - shown.length }));
  const n = sum(gaps);
  const head = t('termGrades.escalation.head', { grades: n, teachers: teachers.length });
  return message(t('termGrades.escalation.subject', { n }), `${head}\n\n${blocks.join('\n\n')}\n\n${t('termGrades.escalation.foot')}`);
}
