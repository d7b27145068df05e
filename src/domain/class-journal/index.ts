import { periodWindowOn } from '../family/index.js';
import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { addLocalDays, addLocalMonths, isLocalDate, isoWeekday, localDateOf, type LocalDate } from '../shared/dates.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { absenceCounts } from './absences.js';
import { classFor } from './access.js';
import { dayLessons, unexplainedAbsences } from './day.js';
import { mean, riskEntries, sheetRows, subjectAverages } from './grades.js';
import type { ClassAbsenceView, ClassDayView, ClassGradesView, ClassRiskView, ClassSheetView } from './types.js';

export type * from './types.js';
export { NotClassTeacherError } from './access.js';
export { FAILING_BELOW, RECENT_MARKS } from './grades.js';

/** The school day before or after `date` by the school's working days (a week at most). */
function schoolDay(date: LocalDate, step: 1 | -1, workingDays: readonly number[]): LocalDate {
  let d = addLocalDays(date, step);
  for (let i = 0; i < 7 && !workingDays.includes(isoWeekday(d)); i++) d = addLocalDays(d, step);
  return d;
}

/**
 * The class teacher's class journal: a day, a week or a month of attendance, the period's
 * grades per subject and the students at risk. Every call takes the acting principal and a
 * group id from a button: only its class teacher and the school administration see it
 * (classFor); a date from a button is checked; with none, the school's today is used.
 */
export function createClassJournal({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  const repos = uow.repos;

  async function open(principal: Principal, groupId: number, date?: LocalDate) {
    if (date !== undefined && !isLocalDate(date)) throw new ValidationError('Bad date', [{ path: 'date', message: 'must be YYYY-MM-DD' }]);
    const { group, school } = await classFor(repos, principal, groupId);
    const today = localDateOf(clock.now(), school.timezone);
    return { group, school, date: date ?? today, today, head: { id: group.id, name: group.name } };
  }

  async function gradeContext(principal: Principal, groupId: number) {
    const c = await open(principal, groupId);
    const period = await periodWindowOn(repos, c.school.id, c.group.gradeLevel, c.today);
    const [students, subjects, grades] = await Promise.all([
      repos.classJournal.studentsBetween(groupId, period.from, period.to),
      repos.classJournal.subjects(groupId),
      repos.classJournal.currentGrades(groupId, period.from, period.to),
    ]);
    return { ...c, period, students, subjects, grades };
  }

  return {
    /** The class's name for its menu, after the same check as every screen. */
    async classHeader(principal: Principal, groupId: number): Promise<{ id: number; name: string }> {
      return (await open(principal, groupId)).head;
    },

    /** Every lesson of one day with the marks, and the students absent without a reason first. */
    async classDay(principal: Principal, groupId: number, date?: LocalDate): Promise<ClassDayView> {
      const c = await open(principal, groupId, date);
      const [students, rows] = await Promise.all([
        repos.classJournal.studentsBetween(groupId, c.date, c.date),
        repos.classJournal.studentLessons(groupId, c.date, c.date),
      ]);
      const days = c.school.policy.workingDays;
      return {
        group: c.head,
        timezone: c.school.timezone,
        date: c.date,
        previous: schoolDay(c.date, -1, days),
        next: schoolDay(c.date, 1, days),
        unexplained: unexplainedAbsences(rows, students),
        lessons: dayLessons(rows, students),
      };
    },

    /** Absences and lateness per student over the week (Monday to Sunday) or calendar month of `date`. */
    async classAbsences(principal: Principal, groupId: number, span: 'week' | 'month', date?: LocalDate): Promise<ClassAbsenceView> {
      const c = await open(principal, groupId, date);
      const from = span === 'week' ? addLocalDays(c.date, 1 - isoWeekday(c.date)) : `${c.date.slice(0, 8)}01`;
      const to = span === 'week' ? addLocalDays(from, 6) : addLocalDays(addLocalMonths(from, 1), -1);
      const [students, rows] = await Promise.all([
        repos.classJournal.studentsBetween(groupId, from, to),
        repos.classJournal.studentLessons(groupId, from, to),
      ]);
      const step = (n: number) => (span === 'week' ? addLocalDays(from, 7 * n) : addLocalMonths(from, n));
      return {
        group: c.head,
        timezone: c.school.timezone,
        span,
        from,
        to,
        previous: step(-1),
        next: step(1),
        ...absenceCounts(rows, students),
      };
    },

    /** The class's average per subject in the current study period. */
    async classGrades(principal: Principal, groupId: number): Promise<ClassGradesView> {
      const c = await gradeContext(principal, groupId);
      return {
        group: c.head,
        period: c.period,
        studentCount: c.students.length,
        subjects: subjectAverages(c.grades, c.students, c.subjects, c.school),
      };
    },

    /** One subject's ведомость: every student's marks of the period and weighted average; a subject not taught to the class looks missing. */
    async classSheet(principal: Principal, groupId: number, subjectId: number): Promise<ClassSheetView> {
      const c = await gradeContext(principal, groupId);
      const subject = c.subjects.find((s) => s.id === subjectId);
      if (!subject) throw new NotFoundError('Subject', subjectId);
      const rows = sheetRows(c.grades, c.students, subject.id, c.school);
      const averages = rows.map((r) => r.average).filter((a): a is number => a !== null);
      return { group: c.head, period: c.period, subject, rows, average: mean(averages) };
    },

    /** Students with a failing average or recent 2s in a subject of the current period. */
    async classRisk(principal: Principal, groupId: number): Promise<ClassRiskView> {
      const c = await gradeContext(principal, groupId);
      return {
        group: c.head,
        period: c.period,
        recentTwos: c.school.policy.riskRecentTwos,
        entries: riskEntries(c.grades, c.students, c.subjects, c.school),
      };
    },
  };
}

export type ClassJournalService = ReturnType<typeof createClassJournal>;
