import type { Clock } from '../shared/clock.js';
import type { ClosedYearRange } from '../shared/closed-years.js';
import { ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, viaOf, type Principal } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import type { School } from '../schools/types.js';
import type { AuditEntry } from '../audit/types.js';

export interface ScheduleDeps {
  uow: UnitOfWork;
  clock: Clock;
}

/** The school a principal acts for; the system must act through a school's key or user. */
export function schoolIdOf(principal: Principal): number {
  if (principal.kind === 'system') throw new ForbiddenError('A school principal is required');
  return principal.schoolId;
}

/** Loads the acting school and checks that the principal may administer it. */
export async function adminSchool(deps: ScheduleDeps, principal: Principal): Promise<School> {
  const schoolId = schoolIdOf(principal);
  assertSchoolAdmin(principal, schoolId);
  const school = await deps.uow.repos.schools.findById(schoolId);
  if (!school) throw new NotFoundError('School', schoolId);
  return school;
}

/** The school's archived years: the schedule may not change inside them either (the journal's rule). */
export function closedYearsOf(deps: ScheduleDeps, schoolId: number): Promise<ClosedYearRange[]> {
  return deps.uow.repos.journal.closedYears(schoolId);
}

export function auditOf(principal: Principal, schoolId: number) {
  return (entity: string, entityId: string | number, action: string, before?: unknown, after?: unknown): AuditEntry => ({
    schoolId,
    actorId: actorIdOf(principal),
    via: viaOf(principal),
    entity,
    entityId,
    action,
    before,
    after,
  });
}

/** Collects every problem of an input before anything is written, then throws them together. */
export class Problems {
  readonly list: ErrorDetail[] = [];
  add(path: string, message: string, row?: number): void {
    this.list.push(row === undefined ? { path, message } : { path, row, message });
  }
  throwIfAny(message: string): void {
    if (this.list.length) throw new ValidationError(message, this.list);
  }
}

export const isInt = (v: unknown, min: number, max: number): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

export const nonEmpty = (v: unknown, max = 300): v is string => typeof v === 'string' && v.trim().length > 0 && v.trim().length <= max;

export function isTeacher(staff: { roles: readonly string[]; active: boolean }): boolean {
  return staff.active && staff.roles.includes('teacher');
}
