import { assertLessonAccess } from '../journal/access.js';
import type { RosterStudent } from '../journal/types.js';
import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import { FLAG_REASONS, type FlagReason } from './types.js';

export interface FlagTarget {
  lessonId: number;
  groupName: string;
  subjectName: string;
  students: RosterStudent[];
}

/**
 * «🚩 Классному руководителю»: a subject teacher tells a student's class teacher about them
 * from a lesson of their own. Only the lesson's teacher or substitute may, and only about a
 * student on that lesson's roster; the flag waits for the class teacher's next daily message.
 */
export function createClassFlagService({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  async function load(principal: Principal, lessonId: number) {
    const record = assertLessonAccess(principal, await uow.repos.journal.findLesson(lessonId), lessonId, 'write');
    return { record, students: await uow.repos.journal.enrolledOn(record.lesson.groupId, record.lesson.date) };
  }

  return {
    /** Whom the teacher may flag from this lesson: its roster on the lesson day. */
    async target(principal: Principal, lessonId: number): Promise<FlagTarget> {
      const { record, students } = await load(principal, lessonId);
      return { lessonId, groupName: record.groupName, subjectName: record.subjectName, students };
    },

    async flag(principal: Principal, lessonId: number, studentId: number, reason: FlagReason): Promise<{ flagId: number }> {
      if (!FLAG_REASONS.includes(reason))
        throw new ValidationError('The reason is invalid', [{ path: 'reason', message: `must be one of ${FLAG_REASONS.join(', ')}` }]);
      const { record, students } = await load(principal, lessonId);
      // A student of another lesson (a forged button) looks missing: nothing is written.
      if (!students.some((s) => s.id === studentId)) throw new NotFoundError('Student', studentId);
      const now = clock.now();
      return uow.transaction(async (repos) => {
        const flagId = await repos.classDaily.insertFlag({
          schoolId: record.lesson.schoolId,
          studentId,
          lessonId,
          teacherId: actorIdOf(principal) ?? record.lesson.teacherId,
          reason,
          createdAt: now,
        });
        await repos.audit.record([
          {
            schoolId: record.lesson.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'class_flag',
            entityId: flagId,
            action: 'create',
            after: { studentId, lessonId, reason },
          },
        ]);
        return { flagId };
      });
    },
  };
}

export type ClassFlagService = ReturnType<typeof createClassFlagService>;
