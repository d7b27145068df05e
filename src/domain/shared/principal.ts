import { ForbiddenError } from './errors.js';

export const ROLES = [
  'administrator',
  'director',
  'deputy_director',
  'head_of_department',
  'teacher',
  'class_teacher',
  'parent',
  'student',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. Every service call carries one and is authorized against it. */
export type Principal =
  | { kind: 'api'; schoolId: number }
  | { kind: 'user'; userId: number; schoolId: number; roles: readonly Role[] }
  | { kind: 'system' };

export type Via = 'api' | 'bot' | 'system';

export function viaOf(principal: Principal): Via {
  return principal.kind === 'api' ? 'api' : principal.kind === 'user' ? 'bot' : 'system';
}

export function actorIdOf(principal: Principal): number | null {
  return principal.kind === 'user' ? principal.userId : null;
}

/** School-wide administration: the school's API key, the system, or a staff member with the role. */
export function assertSchoolAdmin(principal: Principal, schoolId: number): void {
  if (principal.kind === 'system') return;
  if (principal.schoolId !== schoolId) throw new ForbiddenError();
  if (principal.kind === 'api') return;
  if (principal.roles.some((r) => r === 'administrator' || r === 'director' || r === 'deputy_director')) return;
  throw new ForbiddenError();
}

/** Ids of another school are reported as missing, not forbidden, so they cannot be probed. */
export function sameSchool(principal: Principal, schoolId: number): boolean {
  return principal.kind === 'system' || principal.schoolId === schoolId;
}
