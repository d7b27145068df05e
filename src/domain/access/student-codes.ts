import { StudentConsentRequiredError } from '../family/student-guard.js';
import { needsGuardianConsent } from '../family/student-age.js';
import type { Repositories, UnitOfWork } from '../ports.js';
import type { School } from '../schools/types.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { Issue } from './issue.js';
import type { InviteRecord, IssuedCode } from './types.js';

const ADMIN_ROLES = ['administrator', 'director', 'deputy_director'];
const MAX_STUDENTS = 1000;

export type StudentCodeTarget = { groupId: number } | { studentIds: number[] };

function validateIds(ids: unknown): number[] {
  if (!Array.isArray(ids) || !ids.length || ids.length > MAX_STUDENTS || !ids.every((id) => Number.isInteger(id) && id > 0))
    throw new ValidationError('Bad student ids', [{ path: 'studentIds', message: `must list 1 to ${MAX_STUDENTS} student ids` }]);
  return [...new Set(ids as number[])];
}

/**
 * A student's code links only when the consent their age needs could be there: under 14 (or of
 * unknown age) a guardian must have consented first. Refused before the code is marked used,
 * so the same code works once the parent has confirmed consent in the bot.
 */
export async function assertStudentMayLink(repos: Repositories, invite: InviteRecord, now: Date): Promise<void> {
  if (invite.studentId === null) return;
  const school = await repos.schools.findById(invite.schoolId);
  if (!school) throw new NotFoundError('School', invite.schoolId);
  const today = localDateOf(now, school.timezone);
  const account = await repos.family.studentAccount(invite.userId, today);
  if (!account) throw new NotFoundError('Code');
  if (needsGuardianConsent(account.birthDate, today) && !account.guardianConsent) throw new StudentConsentRequiredError('guardian');
}

export function createStudentCodes(deps: {
  uow: UnitOfWork;
  clock: Clock;
  issue: Issue;
  schoolOf: (principal: Principal, schoolId: number) => Promise<School>;
}) {
  const { uow, clock, issue, schoolOf } = deps;
  return {
    /**
     * Codes for the students of a group (enrolled today) or for chosen students, creating their
     * student users on first issue. For the school administration and for the class teacher of
     * the group (or of every chosen student's class); a reissue revokes the older unused code.
     * The class teacher's printed slips call this.
     */
    async issueStudentCodes(
      principal: Principal,
      schoolId: number,
      target: StudentCodeTarget,
      opts: { onlyUnlinked?: boolean } = {},
    ): Promise<{ group: { id: number; name: string } | null; codes: IssuedCode[] }> {
      const school = await schoolOf(principal, schoolId);
      const repos = uow.repos;
      const ids = 'groupId' in target ? null : validateIds(target.studentIds);
      const group = 'groupId' in target ? await repos.access.findGroup(schoolId, target.groupId) : null;
      if ('groupId' in target && !group) throw new NotFoundError('Group', target.groupId);
      const which = ids ? { studentIds: ids } : { groupId: group!.id };
      const pupils = await repos.access.studentsForCodes(schoolId, which, localDateOf(clock.now(), school.timezone));
      if (ids) {
        const missing = ids.find((id) => !pupils.some((p) => p.id === id));
        if (missing !== undefined) throw new NotFoundError('Student', missing);
      }
      if (principal.kind === 'user' && !principal.roles.some((r) => ADMIN_ROLES.includes(r))) {
        const mine = group ? group.classTeacherId === principal.userId : pupils.every((p) => p.classTeacherIds.includes(principal.userId));
        if (!mine) throw new ForbiddenError('Only the class teacher of these students or the administration can issue their codes');
      }
      const users = await repos.access.ensureStudentUsers(schoolId, pupils);
      // Linked in either messenger counts as linked.
      const wanted = users.filter((u) => u.active && !(opts.onlyUnlinked && (u.telegramLinked || u.maxLinked)));
      const classNames = new Map(pupils.map((p) => [p.id, p.className]));
      return { group: group ? { id: group.id, name: group.name } : null, codes: await issue(principal, schoolId, wanted, classNames) };
    },
  };
}
