import type { Locale } from '../../../domain/access/types.js';
import type { ClassAbsenceView, ClassDayView, DayLesson } from '../../../domain/class-journal/index.js';
import { formatLocalDate } from '../../../domain/shared/dates.js';
import { formatDayMonth, formatMonth, type Translate } from '../../../i18n/index.js';
import { dayTitle } from '../parent/render.js';
import { cj } from './callback-data.js';
import { backToMenu } from './menu-keyboard.js';
import { paged, type Screen } from './pages.js';

const short = (date: string) => formatLocalDate(date, 'dd.MM');
const answerKey = { sick: 'answer.sick', excused: 'answer.excused', unknown: 'answer.unknown' } as const;
const MARKS = ['absent', 'sick', 'excused', 'late'] as const;

function lessonLine(t: Translate, l: DayLesson, className: string): string {
  const head = t('cj.day.lesson', { period: l.period, subject: l.subject, group: l.groupName === className ? null : l.groupName });
  if (l.state === 'cancelled') return `${head} — ${t('cj.day.cancelled')}`;
  if (l.state === 'notFilled') return `${head} — <i>${t('cj.day.notFilled')}</i>`;
  if (!l.marks.length) return `${head} — ${t('cj.day.allPresent')}`;
  const groups = MARKS.map((mark) => ({ mark, names: l.marks.filter((m) => m.mark === mark).map((m) => m.name) }))
    .filter((g) => g.names.length)
    .map((g) => `${t(`cj.mark.${g.mark}`)}: ${t('cj.day.names', { names: g.names })}`);
  return `${head} — ${groups.join('; ')}`;
}

/** One school day: the unexplained absences with the parents' answers first, then every lesson. */
export function renderDay(t: Translate, locale: Locale, v: ClassDayView): Screen {
  const lines = [t('cj.day.head', { group: v.group.name, day: dayTitle(v.date, v.timezone, locale) }), ''];
  if (v.unexplained.length) {
    lines.push(t('cj.day.unexplained'));
    for (const a of v.unexplained) {
      const lessons = a.lessons.map((l) => (l.period ? `${l.period}. ${l.subject}` : l.subject)).join(', ');
      const answer = a.parentAnswer ? t(answerKey[a.parentAnswer]) : null;
      lines.push(t('cj.day.absent', { name: a.name, lessons, wholeDay: a.wholeDay, answer }));
    }
  } else if (v.lessons.length) lines.push(t('cj.day.noUnexplained'));
  lines.push('');
  if (v.lessons.length) {
    lines.push(t('cj.day.lessons'), ...v.lessons.map((l) => lessonLine(t, l, v.group.name)), '', `<i>${t('cj.day.legend')}</i>`);
  } else lines.push(t('cj.day.noLessons'));
  const g = v.group.id;
  return paged(t, lines, [
    [
      { text: t('cj.btn.prev', { label: short(v.previous) }), data: cj.day(g, v.previous) },
      { text: t('cj.btn.next', { label: short(v.next) }), data: cj.day(g, v.next) },
    ],
    [{ text: t('cj.btn.week'), data: cj.week(g, v.date) }, backToMenu(t, g)],
  ]);
}

/** A week or a month: each student with something to count, then the class's totals. */
export function renderAbsences(t: Translate, locale: Locale, v: ClassAbsenceView): Screen {
  const head =
    v.span === 'week'
      ? t('cj.abs.week', { group: v.group.name, from: formatDayMonth(v.from, locale), to: formatDayMonth(v.to, locale) })
      : t('cj.abs.month', { group: v.group.name, month: formatMonth(v.from, locale) });
  const lines = [head, ''];
  if (v.students.length) lines.push(...v.students.map((s) => t('cj.abs.line', s)));
  else lines.push(t('cj.abs.none'));
  lines.push('', t('cj.abs.total', { ...v.totals, students: v.studentCount, clean: v.studentCount - v.students.length }));
  lines.push('', `<i>${t('cj.abs.legend')}</i>`);
  const g = v.group.id;
  const nav = v.span === 'week' ? cj.week : cj.month;
  const label = (d: string) => (v.span === 'week' ? short(d) : formatLocalDate(d, 'MM.yyyy'));
  return paged(t, lines, [
    [
      { text: t('cj.btn.prev', { label: label(v.previous) }), data: nav(g, v.previous) },
      { text: t('cj.btn.next', { label: label(v.next) }), data: nav(g, v.next) },
    ],
    [
      v.span === 'week' ? { text: t('cj.btn.month'), data: cj.month(g, v.from) } : { text: t('cj.btn.week'), data: cj.week(g, v.from) },
      backToMenu(t, g),
    ],
  ]);
}
