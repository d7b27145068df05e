import { addLocalDays, type LocalDate } from '../shared/dates.js';
import type { SchoolPolicy } from '../schools/policy.js';
import { termGradeWindow } from './periods.js';
import type { StudyPeriod } from './types.js';

/**
 * Days after the last period ends during which its term grades and the year grades may still be
 * entered: the school year ends in late May, and year grades with their corrections are done by
 * mid-June (the teachers' council and the class reports follow).
 */
export const FINAL_GRADE_GRACE_DAYS = 14;

/** When a term grade (of `term`) or the year grade of a class may be entered; dates inclusive. */
export interface FinalWindow {
  kind: 'term' | 'year';
  term: number | null;
  /** The period the grade closes; for the year grade the year's last period. */
  period: StudyPeriod;
  opens: LocalDate;
  due: LocalDate;
  closes: LocalDate;
}

type WindowPolicy = Pick<SchoolPolicy, 'termGradeOpenDays' | 'termGradeDueDays' | 'editWindowDays'>;

/**
 * The periods of the division a class belongs to, in order. A class with no grade level is
 * covered by no division: its final grades keep the policy's months.
 */
export function periodsOfClass(periods: readonly StudyPeriod[], gradeLevel: number | null): StudyPeriod[] {
  if (gradeLevel === null) return [];
  return periods.filter((p) => p.gradeLevels.includes(gradeLevel)).sort((a, b) => a.number - b.number);
}

const later = (a: LocalDate, b: LocalDate) => (a > b ? a : b);

/**
 * The final-grade windows of one division. A term grade opens `termGradeOpenDays` before its
 * period ends, is due `termGradeDueDays` before, and stays open through the break that follows
 * (late entry is escalated, not refused) until the day before the next period begins, and at
 * least `editWindowDays` past the period's end; the last term and the year grades stay open
 * for FINAL_GRADE_GRACE_DAYS after the year's last period.
 */
export function finalWindows(classPeriods: readonly StudyPeriod[], policy: WindowPolicy): FinalWindow[] {
  const windows: FinalWindow[] = classPeriods.map((period, i) => {
    const { opens, due } = termGradeWindow(period, policy.termGradeOpenDays, policy.termGradeDueDays);
    const next = classPeriods[i + 1];
    const breakEnds = next ? addLocalDays(next.from, -1) : addLocalDays(period.to, FINAL_GRADE_GRACE_DAYS);
    return {
      kind: 'term',
      term: period.number,
      period,
      opens,
      due,
      closes: later(breakEnds, addLocalDays(period.to, policy.editWindowDays)),
    };
  });
  const last = windows.at(-1);
  if (last) windows.push({ ...last, kind: 'year', term: null, closes: addLocalDays(last.period.to, FINAL_GRADE_GRACE_DAYS) });
  return windows;
}

export function windowOf(windows: readonly FinalWindow[], kind: 'term' | 'year', term: number | null): FinalWindow | null {
  return windows.find((w) => w.kind === kind && (kind === 'year' || w.term === term)) ?? null;
}

export function isWindowOpen(w: Pick<FinalWindow, 'opens' | 'closes'>, today: LocalDate): boolean {
  return w.opens <= today && today <= w.closes;
}

/**
 * The term a final-grade screen shows on a date: the term whose window is open, else the
 * period the date falls in or the one that has just ended (its window not open yet, or over).
 */
export function termOnScreen(windows: readonly FinalWindow[], today: LocalDate): FinalWindow | null {
  const terms = windows.filter((w) => w.kind === 'term');
  const open = terms.find((w) => isWindowOpen(w, today));
  if (open) return open;
  let last: FinalWindow | null = null;
  for (const w of terms) if (w.period.from <= today) last = w;
  return last ?? terms[0] ?? null;
}
