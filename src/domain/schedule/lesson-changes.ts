import type { Lesson } from '../lessons/types.js';
import { assertOpenYear } from '../shared/closed-years.js';
import { daysBetween, isLocalDate, localDateOf } from '../shared/dates.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { assertSchoolAdmin, type Principal } from '../shared/principal.js';
import { adminSchool, auditOf, closedYearsOf, isTeacher, Problems, schoolIdOf, type ScheduleDeps } from './context.js';
import { cleanTypedText } from '../shared/text.js';

export type SubstituteRef = { teacherId: number } | { teacherExternalId: string } | null;

export interface LessonFilter {
  date?: string;
  from?: string;
  to?: string;
  groupId?: number;
  teacherId?: number;
}

export const MAX_LIST_DAYS = 31;

export function lessonChangeOperations(deps: ScheduleDeps) {
  /** Another school's lesson looks exactly like a missing one; a lesson of a closed year is read-only. */
  async function lessonOf(schoolId: number, lessonId: number): Promise<Lesson> {
    const lesson = Number.isInteger(lessonId) ? await deps.uow.repos.schedule.findLesson(lessonId) : null;
    if (!lesson || lesson.schoolId !== schoolId) throw new NotFoundError('Lesson', lessonId);
    assertOpenYear(lesson.date, await closedYearsOf(deps, schoolId));
    return lesson;
  }

  async function setStatus(principal: Principal, lessonId: number, status: 'scheduled' | 'cancelled', reason: string | null) {
    const school = await adminSchool(deps, principal);
    const lesson = await lessonOf(school.id, lessonId);
    if (lesson.status === status && lesson.cancelReason === reason) return lesson;
    return deps.uow.transaction(async (tx) => {
      const updated = await tx.schedule.updateLesson(lesson.id, { status, cancelReason: reason });
      await tx.audit.record([
        auditOf(principal, school.id)(
          'lesson',
          lesson.id,
          status === 'cancelled' ? 'cancel' : 'restore',
          { status: lesson.status, cancelReason: lesson.cancelReason },
          { status, cancelReason: reason },
        ),
      ]);
      return updated;
    });
  }

  return {
    async cancelLesson(principal: Principal, lessonId: number, reason: string): Promise<Lesson> {
      const text = cleanTypedText(reason);
      if (!text || text.length > 500)
        throw new ValidationError('A reason is required', [{ path: 'reason', message: 'must be 1 to 500 characters' }]);
      return setStatus(principal, lessonId, 'cancelled', text);
    },

    async restoreLesson(principal: Principal, lessonId: number): Promise<Lesson> {
      return setStatus(principal, lessonId, 'scheduled', null);
    },

    /** Names who fills the lesson instead of the course's teacher; null ends the substitution. */
    async setSubstitute(principal: Principal, lessonId: number, ref: SubstituteRef): Promise<Lesson> {
      const school = await adminSchool(deps, principal);
      const lesson = await lessonOf(school.id, lessonId);
      const repo = deps.uow.repos.schedule;
      let substituteId: number | null = null;
      if (ref !== null) {
        const path = 'teacherId' in ref ? 'teacherId' : 'teacherExternalId';
        const staff =
          'teacherId' in ref
            ? await repo.staffById(school.id, ref.teacherId)
            : ((await repo.staffByExternal(school.id, [ref.teacherExternalId]))[0] ?? null);
        if (!staff)
          throw new ValidationError('The substitute is unknown', [{ path, message: 'no staff member with this id in the school' }]);
        if (!isTeacher(staff))
          throw new ValidationError('The substitute must be a teacher', [{ path, message: 'is not an active teacher of the school' }]);
        if (staff.id === lesson.teacherId)
          throw new ValidationError("The substitute is the lesson's own teacher", [
            { path, message: 'is the teacher of the course; send null to end a substitution' },
          ]);
        substituteId = staff.id;
      }
      if (lesson.substituteId === substituteId) return lesson;
      return deps.uow.transaction(async (tx) => {
        const updated = await tx.schedule.updateLesson(lesson.id, { substituteId });
        await tx.audit.record([
          auditOf(principal, school.id)(
            'lesson',
            lesson.id,
            substituteId === null ? 'substitute_clear' : 'substitute',
            { substituteId: lesson.substituteId, teacherId: lesson.teacherId },
            { substituteId, teacherId: lesson.teacherId },
          ),
        ]);
        return updated;
      });
    },

    /** Lessons over at most 31 days; a staff member without an admin role sees only their own. */
    async listLessons(principal: Principal, filter: LessonFilter): Promise<{ from: string; to: string; items: Lesson[] }> {
      const schoolId = schoolIdOf(principal);
      const problems = new Problems();
      let from = filter.from;
      let to = filter.to;
      if (filter.date !== undefined) {
        if (!isLocalDate(filter.date)) problems.add('date', 'must be a date YYYY-MM-DD');
        if (from !== undefined || to !== undefined) problems.add('date', 'give either date or from/to');
        from = to = filter.date;
      }
      if (from === undefined && to === undefined && filter.date === undefined) {
        const school = await deps.uow.repos.schools.findById(schoolId);
        from = to = localDateOf(deps.clock.now(), school?.timezone ?? 'UTC');
      }
      from ??= to;
      to ??= from;
      if (!isLocalDate(from!)) problems.add('from', 'must be a date YYYY-MM-DD');
      if (!isLocalDate(to!)) problems.add('to', 'must be a date YYYY-MM-DD');
      if (!problems.list.length) {
        if (from! > to!) problems.add('to', 'must not be before from');
        else if (daysBetween(from!, to!) + 1 > MAX_LIST_DAYS) problems.add('to', `the range may be at most ${MAX_LIST_DAYS} days`);
      }
      problems.throwIfAny('The lesson query is invalid');
      let teacherId = filter.teacherId;
      if (principal.kind === 'user') {
        try {
          assertSchoolAdmin(principal, schoolId);
        } catch {
          teacherId = principal.userId;
        }
      }
      const items = await deps.uow.repos.schedule.listLessons({ schoolId, from: from!, to: to!, groupId: filter.groupId, teacherId });
      return { from: from!, to: to!, items };
    },
  };
}
