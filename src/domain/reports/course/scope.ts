import { isSchoolAdmin } from '../../journal/access.js';
import type { CourseClass } from '../../journal/final-grade-types.js';
import type { Repositories } from '../../ports.js';
import type { School } from '../../schools/types.js';
import { addLocalDays, addLocalMonths, type LocalDate } from '../../shared/dates.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { sameSchool, type Principal } from '../../shared/principal.js';
import { periodsOfClass } from '../../year/final-windows.js';
import { currentOrLastPeriod } from '../../year/periods.js';
import { periodName } from '../control-works.js';
import type { SheetPeriod, TeacherPlanCounts, TeacherPlanRow } from './types.js';

/**
 * A course's reports are its teacher's: the school's administration and API key read any course
 * of the school, another teacher (a substitute too) is refused, another school's course is missing.
 */
export async function openCourse(repos: Repositories, principal: Principal, courseId: number): Promise<CourseClass> {
  const cls = await repos.finalGrades.courseClass(courseId);
  if (!cls || !sameSchool(principal, cls.schoolId)) throw new NotFoundError('Course', courseId);
  if (principal.kind === 'user' && principal.userId !== cls.teacherId && !isSchoolAdmin(principal, cls.schoolId))
    throw new ForbiddenError('A course report is for the teacher of the course and the school administration');
  return cls;
}

export async function schoolOf(repos: Repositories, schoolId: number): Promise<School> {
  const school = await repos.schools.findById(schoolId);
  if (!school) throw new NotFoundError('School', schoolId);
  return school;
}

/** 1 September of the school year a date belongs to. */
export function yearStartOf(date: LocalDate): LocalDate {
  const y = Number(date.slice(0, 4));
  return `${Number(date.slice(5, 7)) >= 9 ? y : y - 1}-09-01`;
}

/**
 * The periods a ведомость of the class may cover, and the one shown first: the period today
 * falls in, or in a break the one just ended. Without loaded periods: the school year so far.
 */
export async function sheetPeriodsOf(
  repos: Repositories,
  cls: CourseClass,
  today: LocalDate,
): Promise<{ periods: SheetPeriod[]; current: SheetPeriod }> {
  const loaded = periodsOfClass(await repos.studyPeriods.listAround(cls.schoolId, today), cls.gradeLevel);
  if (!loaded.length) {
    const year: SheetPeriod = { term: null, kind: null, name: 'учебный год', from: yearStartOf(today), to: today };
    return { periods: [year], current: year };
  }
  const periods = loaded.map((p) => ({ term: p.number, kind: p.kind, name: periodName(p.kind, p.number)!, from: p.from, to: p.to }));
  const now = currentOrLastPeriod(loaded, cls.gradeLevel, today);
  return { periods, current: periods.find((p) => p.term === now?.number) ?? periods[0]! };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month 'YYYY-MM' (this month by default) as dates: up to today, since later lessons are not held yet. */
export function monthRange(month: string | null | undefined, today: LocalDate): { month: string; from: LocalDate; to: LocalDate } {
  const m = month ?? today.slice(0, 7);
  if (!MONTH.test(m)) throw new ValidationError('Invalid month', [{ path: 'month', message: 'must be a month YYYY-MM' }]);
  const from = `${m}-01`;
  if (from > today) throw new ValidationError('Invalid month', [{ path: 'month', message: 'must not be after the current month' }]);
  const end = addLocalDays(addLocalMonths(from, 1), -1);
  return { month: m, from, to: end < today ? end : today };
}

/** The lag of a course: lessons the timetable has had (at most the КТП's hours) less the lessons held with a topic. */
export function withLag(counts: TeacherPlanCounts): TeacherPlanRow {
  const due = counts.ktpHours > 0 ? Math.min(counts.scheduled, counts.ktpHours) : counts.scheduled;
  return { ...counts, lag: Math.max(0, due - counts.topicsEntered) };
}
