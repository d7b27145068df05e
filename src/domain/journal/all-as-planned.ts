import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/dates.js';
import { ValidationError } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import type { AuditEntry } from '../audit/types.js';
import type { LessonPatch } from './types.js';
import type { Lesson } from '../lessons/types.js';
import { assertEditable, assertLessonAccess } from './access.js';

export type PlannedPart = 'attendance' | 'topic' | 'homework';

export interface AllAsPlannedResult {
  /** The parts this call filled; a part filled before is kept as it was. */
  filled: PlannedPart[];
  /** True when attendance had marks already: they are kept, nobody is re-marked present. */
  attendanceKept: boolean;
  lesson: Lesson;
}

/**
 * «Всё по плану»: the typical lesson in one transaction — everyone present, the next КТП topic
 * (with its work type when the lesson has none), no homework. Only what is still unfilled is
 * written, so a teacher's own marks, topic or homework are never overwritten; each part is
 * audited as its own operation writes it. All present means no absence notices, so no events.
 */
export function createAllAsPlanned({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  return {
    async fillAsPlanned(principal: Principal, lessonId: number): Promise<AllAsPlannedResult> {
      return uow.transaction(async (repos) => {
        const snapshot = await repos.journal.lockedSnapshot(lessonId);
        const { lesson } = assertLessonAccess(principal, snapshot, lessonId, 'write');
        const { school, closedYears, students, marks, nextPlanItem } = snapshot!;
        const today = localDateOf(clock.now(), school.timezone);
        // Attendance is the strictest part (not before the lesson day): it covers the others' rules too.
        assertEditable(principal, lesson, 'attendance', { school, closedYears, today });

        const now = clock.now();
        const base = { schoolId: lesson.schoolId, actorId: actorIdOf(principal), via: viaOf(principal) };
        const audit: AuditEntry[] = [];
        const filled: PlannedPart[] = [];
        const patch: LessonPatch = {};
        let current = lesson;

        const attendanceKept = lesson.attendanceFilledAt !== null || marks.length > 0;
        const newMarks = attendanceKept ? [] : students.map((s) => s.id);
        if (!attendanceKept) {
          filled.push('attendance');
          current = { ...current, attendanceFilledAt: now };
          for (const studentId of newMarks)
            audit.push({
              ...base,
              entity: 'attendance',
              entityId: `${lesson.id}:${studentId}`,
              action: 'create',
              before: null,
              after: { status: 'present', reason: null },
            });
        }

        if (!lesson.topicFilledAt) {
          if (!nextPlanItem) {
            throw new ValidationError('The course has no next КТП topic', [
              { path: 'topic', message: 'the КТП has no unused topic left: type the topic instead' },
            ]);
          }
          filled.push('topic');
          Object.assign(patch, { topic: nextPlanItem.topic, planItemId: nextPlanItem.id, topicFilledAt: now });
          const before = { topic: lesson.topic, planItemId: lesson.planItemId, filled: false };
          const after = { topic: nextPlanItem.topic, planItemId: nextPlanItem.id, filled: true };
          const workType = nextPlanItem.workType;
          const bringsType = lesson.workType === null && workType !== null && school.policy.workTypes.some((w) => w.code === workType);
          if (bringsType) patch.workType = workType;
          audit.push({
            ...base,
            entity: 'lesson_topic',
            entityId: lesson.id,
            action: 'update',
            before: bringsType ? { ...before, workType: null } : before,
            after: bringsType ? { ...after, workType } : after,
          });
        }

        if (!lesson.homeworkFilledAt) {
          filled.push('homework');
          Object.assign(patch, { homework: null, homeworkFilledAt: now });
          audit.push({
            ...base,
            entity: 'lesson_homework',
            entityId: lesson.id,
            action: 'update',
            before: { homework: lesson.homework, filled: false },
            after: { homework: null, filled: true },
          });
        }

        if (newMarks.length) {
          await repos.journal.saveAttendance(
            newMarks.map((studentId) => ({
              lessonId: lesson.id,
              studentId,
              status: 'present' as const,
              reason: null,
              markedBy: actorIdOf(principal),
              markedAt: now,
            })),
          );
        }
        if (!attendanceKept) await repos.journal.markAttendanceFilled(lesson.id, now);
        if (patch.workType !== undefined) await repos.journal.setLessonGradesWorkType(lesson.id, patch.workType, now);
        // markAttendanceFilled ran first, so the updated row carries it too.
        if (Object.keys(patch).length) current = await repos.journal.updateLesson(lesson.id, patch);
        if (audit.length) await repos.audit.record(audit);

        return { filled, attendanceKept, lesson: current };
      });
    },
  };
}
