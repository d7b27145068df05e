import { InlineKeyboard } from 'grammy';
import type { SheetPeriod, TeacherCourse } from '../../../domain/reports/course/index.js';
import { addLocalMonths, numericDate, type LocalDate } from '../../../domain/shared/dates.js';
import { formatMonth, type Locale, type Translate } from '../../../i18n/index.js';
import { nextRow } from '../buttons.js';
import { cb } from './callback-data.js';
import { courseMenuKeyboard } from './course-menu-keyboard.js';

export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

/** Telegram shows about 100 buttons; a teacher has a handful of courses, a busy one a few dozen. */
const MAX_COURSES = 60;

const fileRow = (kb: InlineKeyboard, t: Translate, file: (f: 'p' | 'c') => string) =>
  kb.text(t('treports.pdf'), file('p')).text(t('treports.csv'), file('c')).row();

/** The teacher's courses, the КТП over all of them, and for a teacher with a staff role the school's reports too. */
export function coursesScreen(t: Translate, courses: readonly TeacherCourse[], schoolReports: boolean): Screen {
  const kb = new InlineKeyboard();
  courses.slice(0, MAX_COURSES).forEach((c, i) => {
    if (i > 0 && i % 2 === 0) kb.row();
    kb.text(`${c.groupName} · ${c.subjectName}`.slice(0, 60), cb.course(c.courseId));
  });
  if (courses.length) kb.row().text(t('treports.planButton'), cb.plan(null));
  if (schoolReports) nextRow(kb).text(t('treports.schoolButton'), 'rp1');
  return { text: courses.length ? t('treports.title') : t('treports.none'), keyboard: kb };
}

export function courseScreen(t: Translate, course: TeacherCourse): Screen {
  return {
    text: t('treports.course', { subject: course.subjectName, group: course.groupName }),
    keyboard: courseMenuKeyboard(t, course.courseId),
  };
}

export const periodLabel = (t: Translate, p: SheetPeriod) => t('treports.period', { kind: p.kind ?? 'year', n: p.term ?? 0 });

/** The ведомость of one period: its files, the class's other periods (the shown one marked), back to the course. */
export function sheetScreen(t: Translate, course: TeacherCourse, periods: readonly SheetPeriod[], shown: SheetPeriod): Screen {
  const kb = fileRow(new InlineKeyboard(), t, (f) => cb.sheetFile(course.courseId, shown.term, f));
  if (periods.length > 1) {
    for (const p of periods) kb.text(`${p === shown ? '• ' : ''}${periodLabel(t, p)}`, cb.sheet(course.courseId, p.term));
    kb.row();
  }
  kb.text(t('treports.back'), cb.course(course.courseId));
  const text = t('treports.sheet', {
    subject: course.subjectName,
    group: course.groupName,
    period: periodLabel(t, shown),
    from: numericDate(shown.from),
    to: numericDate(shown.to),
  });
  return { text, keyboard: kb };
}

/** A month of the course's attendance with ‹ › to the months around it; none after the current month. */
export function attendanceScreen(t: Translate, locale: Locale, course: TeacherCourse, month: string, today: LocalDate): Screen {
  const first = `${month}-01` as LocalDate;
  const kb = fileRow(new InlineKeyboard(), t, (f) => cb.attendanceFile(course.courseId, month, f));
  const previous = addLocalMonths(first, -1);
  const next = addLocalMonths(first, 1);
  kb.text(`‹ ${formatMonth(previous, locale)}`, cb.attendance(course.courseId, previous.slice(0, 7)));
  if (next <= today) kb.text(`${formatMonth(next, locale)} ›`, cb.attendance(course.courseId, next.slice(0, 7)));
  kb.row().text(t('treports.back'), cb.course(course.courseId));
  const text = t('treports.attendance', { subject: course.subjectName, group: course.groupName, month: formatMonth(first, locale) });
  return { text, keyboard: kb };
}

/** The КТП of all the teacher's courses; «Назад» returns to the course it was opened from, or to the list. */
export function planScreen(t: Translate, courses: number, today: LocalDate, fromCourse: number | null): Screen {
  const kb = fileRow(new InlineKeyboard(), t, (f) => cb.planFile(fromCourse, f));
  kb.text(t('treports.back'), fromCourse === null ? cb.courses(true) : cb.course(fromCourse));
  return { text: t('treports.plan', { courses, date: numericDate(today) }), keyboard: kb };
}
