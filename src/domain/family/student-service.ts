import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { NotFoundError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { asStudent, studentAccountOf } from './student-guard.js';

/** What the student's bot screens start from: who they are and whether their data may be shown. */
export interface StudentSelf {
  studentId: number;
  lastName: string;
  firstName: string;
  /** Under 14 or of unknown age: a guardian's consent covers them, they cannot give their own. */
  minor: boolean;
  /** The consent their age needs is active. */
  allowed: boolean;
  /** Which consent is missing (or would be): the guardian's or their own. */
  consentFrom: 'guardian' | 'own';
}

export function createStudentService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    /** The student user's own pupil and consent state, today in the school's timezone. */
    async studentSelf(principal: Principal): Promise<StudentSelf> {
      const me = asStudent(principal);
      const school = await uow.repos.schools.findById(me.schoolId);
      if (!school) throw new NotFoundError('School', me.schoolId);
      const { account, minor, allowed, consentFrom } = await studentAccountOf(
        uow.repos,
        principal,
        localDateOf(clock.now(), school.timezone),
      );
      return { studentId: account.studentId, lastName: account.lastName, firstName: account.firstName, minor, allowed, consentFrom };
    },
  };
}
