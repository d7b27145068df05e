import type { UnitOfWork } from '../ports.js';
import { actorIdOf, assertSchoolAdmin, viaOf, type Principal } from '../shared/principal.js';
import { planDepartments, referencedIds } from './plan.js';
import { type DepartmentWithMembers, withMembers } from './members.js';
import type { DepartmentInput, PlannedDepartment } from './types.js';

export type * from './types.js';
export { teachersOfHead, type DepartmentWithMembers } from './members.js';

export interface LoadDepartmentsResult {
  dryRun: boolean;
  departments: PlannedDepartment[];
  /** How many stored departments the load replaced (or would). */
  replaced: number;
}

/** Departments (heads and their teachers); docs/compliance.md, "Heads of department". */
export function createDepartmentService({ uow }: { uow: UnitOfWork }) {
  return {
    /** Replaces the school's whole list. Idempotent; a dry run checks everything and writes nothing. */
    async load(
      principal: Principal,
      schoolId: number,
      input: { departments: DepartmentInput[]; dryRun?: boolean },
    ): Promise<LoadDepartmentsResult> {
      assertSchoolAdmin(principal, schoolId);
      const dryRun = input.dryRun ?? false;
      const run = async (repos = uow.repos) => {
        const refs = referencedIds(input.departments);
        const planned = planDepartments(input.departments, {
          people: await repos.departments.peopleOf(schoolId, refs.userIds),
          subjectIds: await repos.departments.subjectIdsOf(schoolId, refs.subjectIds),
        });
        const existing = await repos.departments.list(schoolId);
        if (!dryRun) {
          await repos.departments.replaceAll(schoolId, planned);
          await repos.audit.record([
            {
              schoolId,
              actorId: actorIdOf(principal),
              via: viaOf(principal),
              entity: 'departments',
              entityId: schoolId,
              action: existing.length ? 'update' : 'create',
              before: existing.length ? { departments: existing.map((d) => d.name) } : null,
              after: { departments: planned.map((d) => d.name) },
            },
          ]);
        }
        return { dryRun, departments: planned, replaced: existing.length };
      };
      return dryRun ? run() : uow.transaction(run);
    },

    async list(principal: Principal, schoolId: number): Promise<DepartmentWithMembers[]> {
      assertSchoolAdmin(principal, schoolId);
      const repo = uow.repos.departments;
      return Promise.all((await repo.list(schoolId)).map((d) => withMembers(repo, schoolId, d)));
    },

    /** The departments a user heads, with their members (the bot's «Контроль» filter). */
    async headedBy(schoolId: number, userId: number): Promise<DepartmentWithMembers[]> {
      const repo = uow.repos.departments;
      return Promise.all((await repo.headedBy(schoolId, userId)).map((d) => withMembers(repo, schoolId, d)));
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
