import type { Repositories } from '../ports.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { assertSelf, isStudent } from './student-guard.js';

/** A parent without an active consent: nothing of a child is shown or processed. */
export class ConsentRequiredError extends ForbiddenError {
  constructor() {
    super('The parent has not given (or has withdrawn) consent to process the child’s personal data');
  }
}

export type ParentPrincipal = Extract<Principal, { kind: 'user' }>;

export function asParent(principal: Principal): ParentPrincipal {
  if (principal.kind !== 'user' || !principal.roles.includes('parent')) throw new ForbiddenError('Only a parent can do this');
  return principal;
}

export async function assertConsent(repos: Repositories, parentId: number): Promise<void> {
  const consent = await repos.family.lastConsent(parentId);
  if (!consent || consent.withdrawnAt) throw new ConsentRequiredError();
}

/**
 * The parent's own child, with consent. Any other student (another family's, another
 * school's, a made-up id) looks missing, so ids cannot be probed.
 */
export async function assertOwnChild(repos: Repositories, principal: Principal, studentId: number) {
  const parent = asParent(principal);
  await assertConsent(repos, parent.userId);
  const student = Number.isInteger(studentId) ? await repos.family.student(studentId) : null;
  if (!student || student.schoolId !== parent.schoolId || !(await repos.family.isGuardian(parent.userId, studentId))) {
    throw new NotFoundError('Student', studentId);
  }
  return { parent, student };
}

/** A parent or a student: who may read a student's journal through the family views. */
export function asReader(principal: Principal): ParentPrincipal {
  if (isStudent(principal)) return principal;
  return asParent(principal);
}

/**
 * The read-only views (day, week, period) serve a consenting guardian and the student themself
 * (with the consent their age needs). Answers to absence notices and settings of children stay
 * the parent's: they call assertOwnChild.
 */
export async function assertReader(repos: Repositories, principal: Principal, studentId: number, today: string) {
  return isStudent(principal) ? assertSelf(repos, principal, studentId, today) : assertOwnChild(repos, principal, studentId);
}
