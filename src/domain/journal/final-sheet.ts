import type { LocalDate } from '../shared/dates.js';
import { ForbiddenError, NotFoundError, ReadOnlyError } from '../shared/errors.js';
import { sameSchool, type Principal } from '../shared/principal.js';
import type { GradeScale } from '../schools/policy.js';
import type { Repositories } from '../ports.js';
import { suggestFinal, weightedAverage, type MinimumRule } from '../year/final-grades.js';
import type { WorkType } from '../year/work-types.js';
import { isWindowOpen, termOnScreen, windowOf, type FinalWindow } from '../year/final-windows.js';
import { isSchoolAdmin } from './access.js';
import { loadFinalRules, minimumStatus, type FinalRules } from './final-grade-checks.js';
import type { CourseClass, PeriodMark, SetFinalGrade } from './final-grade-types.js';
import type { RosterStudent } from './types.js';

export interface FinalSheetStudent {
  student: RosterStudent;
  /** Current grades of the period, oldest first. */
  marks: PeriodMark[];
  /** Weighted by the school's work types; null without a numeric mark. */
  average: number | null;
  /** The average rounded half up inside the scale; null when there is none to suggest. */
  suggestion: string | null;
  /** What the policy's minimum of current grades says of this student's count. */
  minimum: 'ok' | 'warn' | 'refuse';
  final: SetFinalGrade | null;
}

/** A class's term grades of one period: what the final-grade screens show. */
export interface FinalSheet {
  course: CourseClass;
  term: number;
  window: FinalWindow;
  /** Whether the caller's term grades are accepted today. */
  open: boolean;
  today: LocalDate;
  scale: GradeScale;
  minCurrentGrades: number;
  minCurrentGradesRule: MinimumRule;
  /** The school's work types (names of the marks' kinds of work). */
  workTypes: WorkType[];
  /** Everyone in the class on some day from the opening of the term grades to the period's end, by name. */
  students: FinalSheetStudent[];
}

/** Which term grades a teacher may enter in a course today. */
export interface FinalOptions {
  /** False: no loaded study period covers the class; the policy's months decide. */
  periods: boolean;
  /** Term numbers whose window is open (with periods), or every term 1..4 in the policy's months. */
  openTerms: number[];
  yearOpen: boolean;
  /** The term a final-grade screen shows now (null without periods). */
  screenTerm: number | null;
  /** Whether the caller enters this course's final grades (its teacher, or the school's key). */
  mine: boolean;
}

/** The course's teacher changes its final grades; the administration and the school's key read them; other schools see nothing. */
export function assertCourseAccess(principal: Principal, cls: CourseClass | null, courseId: number, mode: 'read' | 'write'): CourseClass {
  if (!cls || !sameSchool(principal, cls.schoolId)) throw new NotFoundError('Course', courseId);
  if (principal.kind !== 'user' || principal.userId === cls.teacherId) return cls;
  if (mode === 'read' && isSchoolAdmin(principal, cls.schoolId)) return cls;
  throw new ForbiddenError('Only the teacher of this course enters its final grades');
}

export function finalOptionsOf(rules: FinalRules, mine: boolean): FinalOptions {
  if (!rules.windows) {
    const open = rules.policy.finalGradeMonths.length === 0 || rules.policy.finalGradeMonths.includes(Number(rules.today.slice(5, 7)));
    return { periods: false, openTerms: open ? [1, 2, 3, 4] : [], yearOpen: open, screenTerm: null, mine };
  }
  const open = rules.windows.filter((w) => isWindowOpen(w, rules.today));
  return {
    periods: true,
    openTerms: open.filter((w) => w.kind === 'term').map((w) => w.term!),
    yearOpen: open.some((w) => w.kind === 'year'),
    screenTerm: termOnScreen(rules.windows, rules.today)?.term ?? null,
    mine,
  };
}

/** Reads a sheet of the class for `term` (the screen's term by default) with the rules it was judged by. */
export async function readSheet(
  repos: Repositories,
  cls: CourseClass,
  rules: FinalRules,
  term: number | undefined,
  principal: Principal,
): Promise<FinalSheet> {
  if (!rules.windows)
    throw new ReadOnlyError('No loaded study period covers this class: its final grades follow the policy months', 'no_periods');
  const window = term === undefined ? termOnScreen(rules.windows, rules.today) : windowOf(rules.windows, 'term', term);
  if (!window) throw new NotFoundError('Study period', term ?? 0);
  const { policy } = rules;
  const rows = await repos.finalGrades.periodSheet(
    cls,
    window.period.from,
    window.period.to,
    { kind: 'term', term: window.term },
    window.opens,
  );
  return {
    course: cls,
    term: window.term!,
    window,
    // The school's key and the system enter what the main journal holds: no window binds them.
    open: principal.kind !== 'user' || isWindowOpen(window, rules.today),
    today: rules.today,
    scale: policy.gradeScale,
    minCurrentGrades: policy.minCurrentGrades,
    minCurrentGradesRule: policy.minCurrentGradesRule,
    workTypes: policy.workTypes,
    students: rows.map((row) => {
      const average = weightedAverage(row.marks, policy.workTypes);
      return {
        student: row.student,
        marks: row.marks,
        average,
        suggestion: suggestFinal(average, policy.gradeScale),
        minimum: minimumStatus(rules, 'term', row.marks.length),
        final: row.final,
      };
    }),
  };
}

export async function courseRules(repos: Repositories, cls: CourseClass, today: (tz: string) => LocalDate): Promise<FinalRules> {
  const school = await repos.schools.findById(cls.schoolId);
  if (!school) throw new NotFoundError('School', cls.schoolId);
  return loadFinalRules(repos, cls, { school, today: today(school.timezone) });
}
