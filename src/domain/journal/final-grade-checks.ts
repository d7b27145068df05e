import type { LocalDate } from '../shared/dates.js';
import type { SchoolPolicy } from '../schools/policy.js';
import type { School } from '../schools/types.js';
import type { Repositories } from '../ports.js';
import { minimumCheck } from '../year/final-grades.js';
import { finalWindows, isWindowOpen, periodsOfClass, windowOf, type FinalWindow } from '../year/final-windows.js';
import type { CourseClass, PeriodSheetRow } from './final-grade-types.js';
import { finalGradesOpen } from './grade-rules.js';

/** What decides whether a teacher may enter a final grade of a class today. */
export interface FinalRules {
  /** The class's windows; null when no loaded study period covers its grade level (the policy's months decide). */
  windows: FinalWindow[] | null;
  today: LocalDate;
  policy: SchoolPolicy;
}

export async function loadFinalRules(
  repos: Repositories,
  cls: CourseClass,
  ctx: { school: School; today: LocalDate },
): Promise<FinalRules> {
  const periods = periodsOfClass(await repos.studyPeriods.listAround(cls.schoolId, ctx.today), cls.gradeLevel);
  const { policy } = ctx.school;
  return { windows: periods.length ? finalWindows(periods, policy) : null, today: ctx.today, policy };
}

export interface FinalProblem {
  path: 'kind' | 'term';
  message: string;
}

const kindText = (kind: 'term' | 'year', term: number | null) => (kind === 'year' ? 'year grades' : `term ${term} grades`);

/** Why a term or year grade cannot be entered today, or null. Exam grades have no window. */
export function finalWindowProblem(rules: FinalRules, kind: 'term' | 'year', term: number | null): FinalProblem | null {
  if (!rules.windows) {
    const months = rules.policy.finalGradeMonths;
    return finalGradesOpen(Number(rules.today.slice(5, 7)), months)
      ? null
      : { path: 'kind', message: `term and year grades are entered only in months ${months.join(', ')}` };
  }
  const w = windowOf(rules.windows, kind, term);
  if (!w) {
    const terms = rules.windows.filter((x) => x.kind === 'term');
    return { path: 'term', message: `the class's year has ${terms[0]?.period.kind} 1 to ${terms.length}: there is no term ${term}` };
  }
  if (isWindowOpen(w, rules.today)) return null;
  return {
    path: 'kind',
    message: `${kindText(kind, term)} of this class are entered from ${w.opens} to ${w.closes} (due ${w.due}); today is ${rules.today}`,
  };
}

/** 'ok', or what the policy says of a term grade over `count` current grades. Year grades rest on the terms: not counted. */
export function minimumStatus(rules: FinalRules, kind: 'term' | 'year', count: number): 'ok' | 'warn' | 'refuse' {
  if (kind !== 'term' || !rules.windows) return 'ok';
  return minimumCheck(count, rules.policy.minCurrentGrades, rules.policy.minCurrentGradesRule);
}

export function minimumMessage(count: number, minimum: number): string {
  return `has ${count} current grades in the period; the school requires at least ${minimum} behind a term grade`;
}

/**
 * The checks of term and year grades a teacher enters, read once per kind and term of a batch:
 * the window, the term's number, and the minimum of current grades.
 */
export function createFinalGuard(repos: Repositories, cls: CourseClass, ctx: { school: School; today: LocalDate }) {
  let rules: Promise<FinalRules> | null = null;
  const sheets = new Map<string, Promise<PeriodSheetRow[]>>();
  return {
    async problem(kind: 'term' | 'year', term: number | null, studentId: number): Promise<{ path: string; message: string } | null> {
      rules ??= loadFinalRules(repos, cls, ctx);
      const r = await rules;
      const closed = finalWindowProblem(r, kind, term);
      if (closed || kind !== 'term' || !r.windows) return closed;
      const w = windowOf(r.windows, kind, term)!;
      const key = `${kind}:${term}`;
      if (!sheets.has(key)) sheets.set(key, repos.finalGrades.periodSheet(cls, w.period.from, w.period.to, { kind, term }, w.opens));
      const count = (await sheets.get(key)!).find((row) => row.student.id === studentId)?.marks.length ?? 0;
      if (minimumStatus(r, kind, count) !== 'refuse') return null;
      return { path: 'studentId', message: `student ${studentId} ${minimumMessage(count, r.policy.minCurrentGrades)}` };
    },
  };
}
