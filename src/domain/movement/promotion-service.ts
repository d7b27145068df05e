import type { Repositories, UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { assertOpenYear } from '../shared/closed-years.js';
import { addLocalDays, isLocalDate, LOCAL_DATE_RULE, type LocalDate } from '../shared/dates.js';
import { ProblemList } from '../shared/errors.js';
import { cleanTypedText } from '../shared/text.js';
import { actorIdOf, assertSchoolAdmin, viaOf, type Principal } from '../shared/principal.js';
import { applyDepartures, planDepartures, type DepartureReport } from './departures.js';
import { archivedId, planPromotion, type ClassProblem, type PromotionStep, type RenameRule } from './promotion-plan.js';

export interface PromotionInput {
  /** The first day of the new school year. */
  date: LocalDate;
  dryRun?: boolean;
  /** Levels whose students graduate (leave); default: the school's highest grade level. */
  graduateLevels?: number[];
  rename?: RenameRule[];
}

export interface PromotionResult {
  dryRun: boolean;
  date: LocalDate;
  graduateLevels: number[];
  classes: PromotionStep[];
  graduatingClasses: { id: number; name: string; gradeLevel: number | null; students: number }[];
  graduates: DepartureReport[];
  problems: ClassProblem[];
}

export const GRADUATION_REASON = 'graduated';
export const PROMOTION_REASON = 'promotion';

async function checkInput(repos: Repositories, schoolId: number, input: PromotionInput) {
  const problems = new ProblemList();
  if (!isLocalDate(input.date)) problems.add({ path: 'date', field: 'date', message: `date must be ${LOCAL_DATE_RULE}` });
  (input.graduateLevels ?? []).forEach((level, i) => {
    if (!Number.isInteger(level) || level < 1 || level > 12)
      problems.add({ path: `graduateLevels/${i}`, message: 'a grade level is a whole number from 1 to 12' });
  });
  const groups = await repos.roster.groupsOf(schoolId);
  const classIds = new Set(groups.filter((g) => g.kind === 'class').map((g) => g.externalId));
  (input.rename ?? []).forEach((r, i) => {
    if (!classIds.has(r.from)) problems.add({ path: `rename/${i}/from`, message: `no class with external id "${r.from}"` });
    if (!cleanTypedText(r.to.externalId)) problems.add({ path: `rename/${i}/to/externalId`, message: 'must not be empty' });
    if (!cleanTypedText(r.to.name)) problems.add({ path: `rename/${i}/to/name`, message: 'must not be empty' });
  });
  if (problems.count) throw problems.error('The promotion is invalid; nothing was changed');
  return {
    groups,
    rename: (input.rename ?? []).map((r) => ({
      from: r.from,
      to: { externalId: cleanTypedText(r.to.externalId), name: cleanTypedText(r.to.name) },
    })),
  };
}

export function createPromotionService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /**
     * Moves every class up a year on `date` (the new year's first day): students leave last
     * year's class the day before and join the next-year class on `date`, so last year's journal
     * stays under the old class; the graduating levels are withdrawn as 'graduated'. Clubs are
     * untouched. Idempotent: a second run with the same date finds nothing left to move.
     */
    async promote(principal: Principal, schoolId: number, input: PromotionInput): Promise<PromotionResult> {
      assertSchoolAdmin(principal, schoolId);
      const dryRun = input.dryRun ?? false;
      return uow.transaction(async (repos) => {
        if (!dryRun) await repos.roster.lockSchool(schoolId);
        const { groups, rename } = await checkInput(repos, schoolId, input);
        assertOpenYear(input.date, await repos.journal.closedYears(schoolId), 'The new school year');
        const levels = groups.filter((g) => g.kind === 'class' && g.gradeLevel !== null).map((g) => g.gradeLevel!);
        const graduateLevels = input.graduateLevels ?? (levels.length ? [Math.max(...levels)] : []);
        const existing = new Map(groups.flatMap((g) => (g.externalId === null ? [] : [[g.externalId, g.id] as const])));
        const classes = await repos.movement.promotableClasses(schoolId, input.date);
        const plan = planPromotion(classes, { date: input.date, graduateLevels, rename, existing });

        const leaving = await repos.movement.openEnrollmentsOfGroups(
          plan.graduating.map((c) => c.id),
          input.date,
        );
        const graduates = await repos.movement.studentsByIds([...new Set(leaving.map((e) => e.studentId))]);
        const departures = await planDepartures(repos, schoolId, graduates, input.date, GRADUATION_REASON);
        const result = {
          dryRun,
          date: input.date,
          graduateLevels,
          classes: plan.steps,
          graduatingClasses: plan.graduating.map((c) => ({ id: c.id, name: c.name, gradeLevel: c.gradeLevel, students: c.students })),
          graduates: departures.reports,
          problems: plan.problems,
        };
        if (dryRun || (!plan.steps.length && !graduates.length)) return result;

        const actor = { actorId: actorIdOf(principal), via: viaOf(principal) };
        const archived = [
          ...plan.steps.flatMap((s) => (s.archivedExternalId ? [{ id: s.from.id, externalId: s.archivedExternalId }] : [])),
          ...plan.graduating.flatMap((c) => (c.externalId ? [{ id: c.id, externalId: archivedId(c.externalId, input.date) }] : [])),
        ];
        await repos.movement.renameGroupExternalIds(archived);
        const written = await repos.roster.upsertGroups(
          schoolId,
          plan.steps.map((s) => ({
            externalId: s.to.externalId,
            name: s.to.name,
            kind: 'class' as const,
            parentGroupId: null,
            gradeLevel: s.to.gradeLevel,
            classTeacherId: s.to.classTeacherId,
          })),
        );
        const newIds = new Map(written.map((g) => [g.externalId, g.id]));
        const target = new Map(plan.steps.map((s) => [s.from.id, newIds.get(s.to.externalId)!]));
        const moving = await repos.movement.openEnrollmentsOfGroups([...target.keys()], input.date);
        // Last year's subgroups end with their class; the new year's are loaded with its roster.
        const subgroups = await repos.movement.openSubgroupEnrollmentsOfClasses([...target.keys()], input.date);
        await repos.roster.closeEnrollments(
          [...moving, ...subgroups].map((e) => e.id),
          addLocalDays(input.date, -1),
        );
        await repos.roster.addEnrollments(
          moving.map((e) => ({ studentId: e.studentId, groupId: target.get(e.groupId)!, fromDate: input.date, reason: PROMOTION_REASON })),
        );
        const left = await applyDepartures(repos, schoolId, departures, actor, clock.now());
        await repos.audit.record([
          ...plan.steps.map((s) => ({
            schoolId,
            ...actor,
            entity: 'group',
            entityId: newIds.get(s.to.externalId)!,
            action: 'promote',
            before: { groupId: s.from.id, externalId: s.from.externalId, name: s.from.name, gradeLevel: s.from.gradeLevel },
            after: { ...s.to, id: newIds.get(s.to.externalId), date: input.date, students: s.students },
          })),
        ]);
        return {
          ...result,
          classes: plan.steps.map((s) => ({ ...s, to: { ...s.to, id: newIds.get(s.to.externalId) ?? null } })),
          graduates: left,
        };
      });
    },
  };
}

export type PromotionService = ReturnType<typeof createPromotionService>;
