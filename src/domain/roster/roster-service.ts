import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { isLocalDate, localDateOf } from '../shared/dates.js';
import { ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, sameSchool, viaOf, type Principal } from '../shared/principal.js';
import { applyPlan } from './apply-plan.js';
import { cleanInput, jsonLocate, problemSink } from './clean-input.js';
import { parseStaffCsv, parseStudentsCsv, type CsvSource } from './csv/index.js';
import { planImport } from './plan.js';
import { applyDepartures } from '../movement/departures.js';
import { assertWithdrawable, planMissing } from './withdraw-missing.js';
import type { GroupSummary, ImportOptions, ImportReport, Locate, RosterInput } from './types.js';

export interface RosterServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
}

export function createRosterService({ uow, clock }: RosterServiceDeps) {
  async function schoolOf(principal: Principal, schoolId: number | undefined) {
    const id = principal.kind === 'system' ? schoolId : (schoolId ?? principal.schoolId);
    const school = id !== undefined && sameSchool(principal, id) ? await uow.repos.schools.findById(id) : null;
    if (!school) throw new NotFoundError('School', id);
    return school;
  }

  async function runImport(
    principal: Principal,
    input: RosterInput,
    options: ImportOptions,
    source: { locate: Locate; problems: ErrorDetail[] },
  ): Promise<ImportReport> {
    const school = await schoolOf(principal, options.schoolId);
    assertSchoolAdmin(principal, school.id);
    if (options.effectiveDate !== undefined && !isLocalDate(options.effectiveDate)) {
      throw new ValidationError('effectiveDate is invalid', [
        { path: 'effectiveDate', field: 'effectiveDate', message: 'effectiveDate must be a date YYYY-MM-DD' },
      ]);
    }
    const effectiveDate = options.effectiveDate ?? localDateOf(clock.now(), school.timezone);
    const dryRun = options.dryRun ?? false;
    if (options.withdrawMissing) assertWithdrawable(input);
    const sink = problemSink(source.locate);
    sink.include(source.problems);
    const roster = cleanInput(input, sink);

    return uow.transaction(async (repos) => {
      if (!dryRun) await repos.roster.lockSchool(school.id);
      const plan = await planImport(repos, school.id, roster, effectiveDate, sink);
      if (sink.count) {
        const n = sink.count;
        throw sink.error(`The roster has ${n} problem${n === 1 ? '' : 's'}; nothing was imported`);
      }
      const actor = { actorId: actorIdOf(principal), via: viaOf(principal) };
      const missing = options.withdrawMissing
        ? await planMissing(repos, school.id, new Set(roster.students.map((s) => s.externalId)), effectiveDate)
        : null;
      const groupIds = dryRun
        ? new Map([...plan.groupPlan.byExternal].map(([ext, g]) => [ext, g.id]))
        : await applyPlan(repos, school.id, plan, effectiveDate, actor, clock.now());
      if (missing && !dryRun) await applyDepartures(repos, school.id, missing.plan, actor, clock.now());
      const named = new Set([
        ...roster.groups.map((g) => g.externalId),
        ...roster.students.flatMap((s) => [s.groupExternalId, ...(s.clubExternalIds ?? []), ...(s.subgroupExternalIds ?? [])]),
      ]);
      const { enrollments } = plan.studentPlan;
      return {
        dryRun,
        effectiveDate,
        groups: plan.groupPlan.counts,
        staff: plan.userPlan.staffCounts,
        students: plan.studentPlan.counts,
        parents: plan.userPlan.parentCounts,
        guardianships: plan.guardianPlan.counts,
        enrollments: {
          opened: enrollments.open.length,
          closed: enrollments.close.length,
          corrected: enrollments.correct.length + enrollments.drop.length,
        },
        groupIds: Object.fromEntries([...named].sort().map((ext) => [ext, groupIds.get(ext) ?? null])),
        withdrawn: missing?.listed ?? [],
      };
    });
  }

  /** Authorizes before reading the file: a caller without the right learns nothing about its contents. */
  async function runCsv(principal: Principal, parse: () => CsvSource, options: ImportOptions) {
    assertSchoolAdmin(principal, (await schoolOf(principal, options.schoolId)).id);
    const parsed = parse();
    return runImport(principal, parsed.input, options, parsed);
  }

  return {
    /** Upserts the roster by external id in one transaction; every problem is reported at once. */
    importRoster(principal: Principal, input: RosterInput, options: ImportOptions = {}): Promise<ImportReport> {
      return runImport(principal, input, options, { locate: jsonLocate, problems: [] });
    },

    /** The secretary's students export (one row per student, up to two parents each). */
    async importStudentsCsv(principal: Principal, bytes: Uint8Array, options: ImportOptions & { charset?: string } = {}) {
      return runCsv(principal, () => parseStudentsCsv(bytes, options.charset), options);
    },

    async importStaffCsv(principal: Principal, bytes: Uint8Array, options: ImportOptions & { charset?: string } = {}) {
      return runCsv(principal, () => parseStaffCsv(bytes, options.charset), options);
    },

    /** Every group of the school with its class teacher and the number of students enrolled today. */
    async listGroups(principal: Principal, options: { schoolId?: number } = {}): Promise<GroupSummary[]> {
      const school = await schoolOf(principal, options.schoolId);
      if (principal.kind === 'user' && principal.roles.every((r) => r === 'parent')) throw new ForbiddenError();
      return uow.repos.roster.listGroups(school.id, localDateOf(clock.now(), school.timezone));
    },
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
