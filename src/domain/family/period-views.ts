import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { addLocalDays, addLocalMonths, localDateOf, type LocalDate } from '../shared/dates.js';
import { NotFoundError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { School } from '../schools/types.js';
import { suggestFinal, weightedAverage } from '../year/final-grades.js';
import { currentOrLastPeriod, MAX_BREAK_DAYS } from '../year/periods.js';
import { asReader, assertReader } from './guards.js';
import type { ChildPeriodView, ChildSubjectView, PeriodMark, PeriodSubjectRow, PeriodWindow, SubjectSummary } from './period-types.js';

/** With no study period loaded for the child, the screens cover this many months back from today. */
export const FALLBACK_MONTHS = 2;

function summarize(row: PeriodSubjectRow, school: School): SubjectSummary {
  const { workTypes, minCurrentGrades, gradeScale } = school.policy;
  const average = weightedAverage(row.marks, workTypes);
  const enough = row.marks.length >= minCurrentGrades;
  return {
    subjectId: row.subjectId,
    subject: row.subject,
    count: row.marks.length,
    average,
    forecast: enough ? suggestFinal(average, gradeScale) : null,
    enough,
    termGrade: row.termGrade,
  };
}

/**
 * The study period of a grade level current on `today` (or just ended), or with none loaded the
 * last FALLBACK_MONTHS months: the window of the parent's and the class teacher's grade screens.
 */
export async function periodWindowOn(
  repos: UnitOfWork['repos'],
  schoolId: number,
  gradeLevel: number | null,
  today: LocalDate,
): Promise<PeriodWindow> {
  const current = currentOrLastPeriod(await repos.studyPeriods.listAround(schoolId, today), gradeLevel, today);
  return current
    ? { kind: current.kind, number: current.number, from: current.from, to: current.to, fallback: false }
    : { kind: null, number: null, from: addLocalMonths(today, -FALLBACK_MONTHS), to: today, fallback: true };
}

/**
 * What a parent sees of the current study period: per subject the weighted average, the
 * forecast of the final mark and the term grade once it is set; per subject its marks. Each
 * screen reads its marks in one query, after the same guardianship and consent check as the
 * day and week screens.
 */
export function createPeriodViews({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  const repos = uow.repos;

  async function context(principal: Principal, studentId: number) {
    const schoolId = asReader(principal).schoolId;
    const school = await repos.schools.findById(schoolId);
    if (!school) throw new NotFoundError('School', schoolId);
    const today = localDateOf(clock.now(), school.timezone);
    const { student } = await assertReader(repos, principal, studentId, today);
    const gradeLevel = await repos.childPeriods.gradeLevelOn(studentId, today);
    const period = await periodWindowOn(repos, school.id, gradeLevel, today);
    // Term grades are often set in the holidays after the period: look as far as a break lasts.
    const window = { from: period.from, to: period.to, termTo: addLocalDays(period.to, MAX_BREAK_DAYS), term: period.number };
    const head = {
      student: { id: student.id, lastName: student.lastName, firstName: student.firstName },
      period,
      minGrades: school.policy.minCurrentGrades,
    };
    return { school, window, head };
  }

  return {
    /** Every subject of the child in the current period, in name order. */
    async childPeriod(principal: Principal, studentId: number): Promise<ChildPeriodView> {
      const { school, window, head } = await context(principal, studentId);
      const rows = await repos.childPeriods.periodGrades(studentId, window);
      return { ...head, subjects: rows.map((r) => summarize(r, school)) };
    },

    /** One subject's marks of the current period; a subject the child does not take looks missing. */
    async childPeriodSubject(principal: Principal, studentId: number, subjectId: number): Promise<ChildSubjectView> {
      const { school, window, head } = await context(principal, studentId);
      const [row] = Number.isInteger(subjectId) ? await repos.childPeriods.periodGrades(studentId, window, subjectId) : [];
      if (!row) throw new NotFoundError('Subject', subjectId);
      const names = new Map(school.policy.workTypes.map((w) => [w.code, w.name]));
      const marks: PeriodMark[] = row.marks.map((m) => ({
        date: m.date,
        value: m.value,
        workType: m.workType === null ? null : { code: m.workType, name: names.get(m.workType) ?? m.workType },
        comment: m.comment,
      }));
      return { ...head, subject: summarize(row, school), marks };
    },
  };
}
