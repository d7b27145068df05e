import type { ChildDay, ChildGrade, ChildLesson, ChildView } from '../../../domain/family/types.js';
import { instantAt } from '../../../domain/shared/dates.js';
import type { Locale } from '../../../domain/access/types.js';
import { escapeHtml as e, formatDay, type Translate } from '../../../i18n/index.js';

const LIMIT = 3900;
const GRADE_WORDS: Record<string, Record<Locale, string>> = { pass: { ru: 'зачёт', en: 'pass' }, fail: { ru: 'незачёт', en: 'fail' } };

const gradeText = (g: ChildGrade, locale: Locale) => GRADE_WORDS[g.value]?.[locale] ?? g.value;
const answerKey = { sick: 'answer.sick', excused: 'answer.excused', unknown: 'answer.unknown' } as const;

export function dayTitle(date: string, timezone: string, locale: Locale): string {
  return formatDay(instantAt(date, '12:00', timezone), timezone, locale);
}

function lessonLines(t: Translate, locale: Locale, l: ChildLesson, brief: boolean): string[] {
  const room = l.room ? ` ${t('view.room', { room: l.room })}` : '';
  const head = `${l.period ? `${l.period}. ` : ''}<b>${e(l.subject)}</b>${room}`;
  let mark = '';
  if (l.status === 'cancelled') mark = ` — ${t('view.cancelled')}`;
  else if (l.attendance && (!brief || l.attendance.status !== 'present')) {
    mark = ` — ${t(`att.${l.attendance.status}`)}`;
    const answer = l.attendance.parentExplanation as keyof typeof answerKey | null;
    if (answer && answerKey[answer]) mark += ` (${t('view.explained', { answer: t(answerKey[answer]) })})`;
  }
  const lines = [`${head}${mark}`];
  if (l.grades.length) lines.push(`   ${t('view.grades', { values: l.grades.map((g) => gradeText(g, locale)).join(', ') })}`);
  if (!brief && l.topic) lines.push(`   ${t('view.topic', { topic: l.topic })}`);
  if (l.homework) lines.push(`   ${t('view.homework', { homework: l.homework })}`);
  return lines;
}

function dayLines(t: Translate, locale: Locale, day: ChildDay, brief: boolean): string[] {
  const lines = day.lessons.flatMap((l) => lessonLines(t, locale, l, brief));
  if (day.otherGrades.length) {
    lines.push(t('view.otherGrades', { values: day.otherGrades.map((g) => `${g.subject} ${gradeText(g, locale)}`).join(', ') }));
  }
  return lines;
}

/** One day in full (topics included), or a week in brief (marks other than present, grades, homework). */
export function renderView(t: Translate, locale: Locale, view: ChildView, kind: 'day' | 'week'): string {
  const name = `${view.student.lastName} ${view.student.firstName}`;
  const parts: string[] = [];
  if (kind === 'day') {
    parts.push(t('view.day', { name, day: dayTitle(view.from, view.timezone, locale) }));
    const day = view.days[0];
    parts.push(day ? dayLines(t, locale, day, false).join('\n') : t('view.noLessons'));
  } else {
    parts.push(t('view.week', { name, from: dayTitle(view.from, view.timezone, locale), to: dayTitle(view.to, view.timezone, locale) }));
    if (!view.days.length) parts.push(t('view.emptyWeek'));
    for (const day of view.days)
      parts.push(`<u>${dayTitle(day.date, view.timezone, locale)}</u>\n${dayLines(t, locale, day, true).join('\n')}`);
    const missed = view.days
      .flatMap((d) => d.lessons)
      .filter((l) => l.attendance && l.attendance.status !== 'present' && l.attendance.status !== 'late').length;
    if (missed) parts.push(t('view.absences', { n: missed }));
  }
  return truncate(parts.join('\n\n'), t);
}

/** Telegram takes 4096 characters; cut at a line end so no HTML tag is left open. */
export function truncate(text: string, t: Translate): string {
  if (text.length <= LIMIT) return text;
  const cut = text.lastIndexOf('\n', LIMIT);
  return `${text.slice(0, cut > 0 ? cut : LIMIT)}\n${t('view.truncated')}`;
}
