import type { Repositories } from '../ports.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { needsGuardianConsent } from './student-age.js';

export type StudentPrincipal = Extract<Principal, { kind: 'user' }>;

/**
 * A student whose data may not be shown yet: under 14 (or of unknown age) without a guardian's
 * active consent (`guardian`), or 14+ without their own (`own`).
 */
export class StudentConsentRequiredError extends ForbiddenError {
  constructor(readonly needs: 'guardian' | 'own') {
    super(needs === 'guardian' ? 'A guardian has to confirm consent first' : 'The student has not given consent');
  }
}

export function isStudent(principal: Principal): principal is StudentPrincipal {
  return principal.kind === 'user' && principal.roles.includes('student') && !principal.roles.includes('parent');
}

export function asStudent(principal: Principal): StudentPrincipal {
  if (!isStudent(principal)) throw new ForbiddenError('Only a student can do this');
  return principal;
}

/** The student account's pupil and consent state on `today`; NotFoundError when the user is no student any more. */
export async function studentAccountOf(repos: Repositories, principal: Principal, today: string) {
  const me = asStudent(principal);
  const account = await repos.family.studentAccount(me.userId, today);
  if (!account) throw new NotFoundError('Student');
  const minor = needsGuardianConsent(account.birthDate, today);
  const consentFrom: 'guardian' | 'own' = minor ? 'guardian' : 'own';
  const allowed = minor ? account.guardianConsent : account.ownConsent;
  return { me, account, minor, consentFrom, allowed };
}

/**
 * The student's own record with the consent that covers it. Any other student id (a forged
 * button) looks missing, exactly as for a parent, so ids cannot be probed.
 */
export async function assertSelf(repos: Repositories, principal: Principal, studentId: number, today: string) {
  const { me, account, allowed, consentFrom } = await studentAccountOf(repos, principal, today);
  if (!Number.isInteger(studentId) || account.studentId !== studentId) throw new NotFoundError('Student', studentId);
  if (!allowed) throw new StudentConsentRequiredError(consentFrom);
  const student = await repos.family.student(studentId);
  if (!student || student.schoolId !== me.schoolId) throw new NotFoundError('Student', studentId);
  return { parent: me, student };
}
