import type { Clock } from '../shared/clock.js';
import { overlapsClosedYears } from '../shared/closed-years.js';
import { ConflictError, ReadOnlyError } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, viaOf, type Principal } from '../shared/principal.js';
import { localDateOf, type LocalDate } from '../shared/dates.js';
import type { UnitOfWork } from '../ports.js';
import { periodOn, planSchoolYear } from './periods.js';
import type { SchoolYearInput, StudyPeriod } from './types.js';

export interface LoadPeriodsResult {
  dryRun: boolean;
  periods: Omit<StudyPeriod, 'id' | 'schoolId'>[];
  /** How many stored periods of the same year the load replaces (or would). */
  replaced: number;
  /** Classes whose grade level no division covers: their final grades fall back to `finalGradeMonths`. */
  uncoveredClasses: { id: number; name: string; gradeLevel: number | null }[];
}

export function createYearService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /**
     * Loads a school year's study periods. Idempotent: the same input again replaces the year
     * with the same periods. A dry run checks everything and writes nothing.
     */
    async loadPeriods(principal: Principal, schoolId: number, input: SchoolYearInput & { dryRun?: boolean }): Promise<LoadPeriodsResult> {
      assertSchoolAdmin(principal, schoolId);
      const planned = planSchoolYear(input);
      const dryRun = input.dryRun ?? false;
      const run = async (repos = uow.repos) => {
        const closed = await repos.journal.closedYears(schoolId);
        if (overlapsClosedYears(input.from, input.to, closed))
          throw new ReadOnlyError('The school year is closed: its periods can no longer change', 'closed_year');
        const others = (await repos.studyPeriods.overlapping(schoolId, input.from, input.to)).filter((p) => p.yearFrom !== input.from);
        if (others.length) {
          throw new ConflictError(
            'Another school year already covers some of these dates',
            others.map((p) => ({ path: 'from', message: `the year from ${p.yearFrom} has ${p.kind} ${p.number} (${p.from}..${p.to})` })),
          );
        }
        const existing = await repos.studyPeriods.listForYear(schoolId, input.from);
        const groups = await repos.roster.groupsOf(schoolId);
        const covered = new Set(planned.flatMap((p) => p.gradeLevels));
        const uncoveredClasses = groups
          .filter((g) => g.kind === 'class' && (g.gradeLevel === null || !covered.has(g.gradeLevel)))
          .map((g) => ({ id: g.id, name: g.name, gradeLevel: g.gradeLevel }));
        if (!dryRun) {
          await repos.studyPeriods.replaceYear(schoolId, input.from, planned);
          await repos.audit.record([
            {
              schoolId,
              actorId: actorIdOf(principal),
              via: viaOf(principal),
              entity: 'study_periods',
              entityId: schoolId,
              action: existing.length ? 'update' : 'create',
              before: existing.length ? { year: input.from, periods: existing.length } : null,
              after: { year: input.from, periods: planned.length },
            },
          ]);
        }
        return { dryRun, periods: planned.map((p) => ({ ...p, yearFrom: input.from })), replaced: existing.length, uncoveredClasses };
      };
      return dryRun ? run() : uow.transaction(run);
    },

    /** The year's periods (the year around `date`, today by default). */
    async periods(principal: Principal, schoolId: number, date?: LocalDate): Promise<StudyPeriod[]> {
      assertSchoolAdmin(principal, schoolId);
      const school = await uow.repos.schools.findById(schoolId);
      return uow.repos.studyPeriods.listAround(schoolId, date ?? localDateOf(clock.now(), school?.timezone ?? 'UTC'));
    },

    /** The period a date falls in for a grade level, or null (holidays, or no periods loaded). */
    async periodOf(schoolId: number, gradeLevel: number | null, date: LocalDate): Promise<StudyPeriod | null> {
      return periodOn(await uow.repos.studyPeriods.listAround(schoolId, date), gradeLevel, date);
    },
  };
}

export type YearService = ReturnType<typeof createYearService>;
