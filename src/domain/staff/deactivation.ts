import type { AccessUser } from '../access/types.js';
import { fullName } from '../access/codes.js';
import { isLocalDate, localDateOf, type LocalDate } from '../shared/dates.js';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, assertSchoolAdmin, sameSchool, viaOf, type Principal } from '../shared/principal.js';
import { cleanTypedText } from '../shared/text.js';
import type { Clock } from '../shared/clock.js';
import type { UnitOfWork } from '../ports.js';
import type { CourseToReassign, DeactivationInput, DeactivationReport, LessonToReassign, StaffUserRef } from './types.js';

export interface StaffDeps {
  uow: UnitOfWork;
  clock: Clock;
}

const MAX_REASON = 500;

const refOf = (u: AccessUser, active: boolean): StaffUserRef => ({ id: u.id, name: fullName(u), roles: u.roles, active });

/** Their lessons by course, own courses first; each group says which call reassigns it. */
export function groupByCourse(userId: number, lessons: LessonToReassign[], date: LocalDate): CourseToReassign[] {
  const byKey = new Map<string, CourseToReassign>();
  for (const l of lessons) {
    const as = l.teacherId === userId ? 'teacher' : 'substitute';
    const key = `${as}:${l.courseId}`;
    let course = byKey.get(key);
    if (!course) {
      const hint =
        as === 'teacher'
          ? `POST /v1/courses/${l.courseId}/handover {"teacherId": <new teacher>, "from": "${date}"} moves these lessons and the course; PUT /v1/lessons/<id>/substitute covers single lessons`
          : 'PUT /v1/lessons/<id>/substitute {"teacherId": <another teacher>} (or null to end the substitution)';
      course = { courseId: l.courseId, subject: l.subject, groupId: l.groupId, groupName: l.groupName, as, lessons: [], hint };
      byKey.set(key, course);
    }
    // For their own lessons the substitute already set matters; for those they were to substitute, they are it.
    const substitute = as === 'teacher' && l.substituteId !== null ? { id: l.substituteId, name: l.substituteName ?? '' } : null;
    course.lessons.push({ lessonId: l.lessonId, date: l.date, period: l.period, startsAt: l.startsAt, substitute });
  }
  return [...byKey.values()].sort((a, b) => (a.as === b.as ? 0 : a.as === 'teacher' ? -1 : 1));
}

/** Staff leaving: deactivation (access ends at once) and the way back. */
export function deactivationOperations({ uow, clock }: StaffDeps) {
  async function userOf(principal: Principal, schoolId: number, userId: number): Promise<AccessUser> {
    const user = sameSchool(principal, schoolId) ? await uow.repos.access.findUser(schoolId, userId) : null;
    if (!user) throw new NotFoundError('User', userId);
    assertSchoolAdmin(principal, schoolId);
    return user;
  }

  const audit = (principal: Principal, schoolId: number, userId: number, action: string, after: unknown) => ({
    schoolId,
    actorId: actorIdOf(principal),
    via: viaOf(principal),
    entity: 'user',
    entityId: userId,
    action,
    after,
  });

  return {
    /**
     * Ends the person's access now: inactive, Telegram and MAX links ended, unused codes revoked, one
     * audit row. Lists their scheduled lessons from `date` (today by default) by course, so the
     * administrator can hand them over. `dryRun` answers the same and writes nothing.
     */
    async deactivate(principal: Principal, schoolId: number, userId: number, input: DeactivationInput = {}): Promise<DeactivationReport> {
      const user = await userOf(principal, schoolId, userId);
      const problems: ErrorDetail[] = [];
      if (input.date !== undefined && !isLocalDate(input.date)) problems.push({ path: 'date', message: 'must be a date YYYY-MM-DD' });
      const reason = input.reason === undefined ? null : cleanTypedText(input.reason);
      if (reason !== null && (!reason || reason.length > MAX_REASON))
        problems.push({ path: 'reason', message: `must be 1 to ${MAX_REASON} characters` });
      if (problems.length) throw new ValidationError('The deactivation request is invalid', problems);
      if (!user.active) throw new ConflictError('The user is already deactivated', [{ path: 'id', message: 'is not active' }]);
      const school = await uow.repos.schools.findById(schoolId);
      if (!school) throw new NotFoundError('School', schoolId);
      const date = input.date ?? localDateOf(clock.now(), school.timezone);
      const lessons = await uow.repos.staff.lessonsFrom(userId, date);
      const report = (unlinked: { telegram: boolean; max: boolean }, codesRevoked: number, active: boolean): DeactivationReport => ({
        dryRun: Boolean(input.dryRun),
        user: refOf(user, active),
        date,
        reason,
        telegramUnlinked: unlinked.telegram,
        maxUnlinked: unlinked.max,
        codesRevoked,
        lessons: { total: lessons.length, courses: groupByCourse(userId, lessons, date) },
      });
      if (input.dryRun)
        return report({ telegram: user.telegramLinked, max: user.maxLinked }, await uow.repos.staff.unusedCodes(userId), true);

      return uow.transaction(async (repos) => {
        const telegramUserId = await repos.staff.telegramUserIdOf(userId);
        if (!(await repos.staff.setActive(userId, false)))
          throw new ConflictError('The user is already deactivated', [{ path: 'id', message: 'is not active' }]);
        const unlinked = (await repos.access.unlinkTelegram([userId])).length > 0;
        if (telegramUserId !== null) await repos.staff.markAccessClosed(telegramUserId, userId);
        // The MAX link ends too, and that MAX account is told the school closed the access.
        const [maxLink] = await repos.access.unlinkMax([userId]);
        if (maxLink) await repos.staff.markMaxAccessClosed(maxLink.maxUserId, userId);
        const revoked = await repos.access.revokeUnused([userId], clock.now());
        const entries = [
          audit(principal, schoolId, userId, 'deactivate', {
            date,
            reason,
            telegramUnlinked: unlinked,
            maxUnlinked: Boolean(maxLink),
            codesRevoked: revoked,
          }),
        ];
        if (unlinked) entries.push(audit(principal, schoolId, userId, 'telegram_unlinked', { by: 'deactivation' }));
        if (maxLink) entries.push(audit(principal, schoolId, userId, 'max_unlinked', { by: 'deactivation' }));
        await repos.audit.record(entries);
        return report({ telegram: unlinked, max: Boolean(maxLink) }, revoked, false);
      });
    },

    /** The way back: active again, no link and no code (the person gets a new code), audited. */
    async reactivate(principal: Principal, schoolId: number, userId: number): Promise<{ user: StaffUserRef; hint: string }> {
      const user = await userOf(principal, schoolId, userId);
      if (user.active) throw new ConflictError('The user is active', [{ path: 'id', message: 'is already active' }]);
      return uow.transaction(async (repos) => {
        if (!(await repos.staff.setActive(userId, true)))
          throw new ConflictError('The user is active', [{ path: 'id', message: 'is already active' }]);
        await repos.audit.record([audit(principal, schoolId, userId, 'reactivate', { active: true })]);
        return {
          user: refOf(user, true),
          hint: `POST /v1/users/${userId}/access-code gives the person a new code; lessons handed over stay with their new teachers`,
        };
      });
    },
  };
}
