import type { Clock } from '../shared/clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal } from '../shared/principal.js';
import type { Lesson } from '../lessons/types.js';
import type { Repositories, UnitOfWork } from '../ports.js';
import { assertEditable, assertLessonAccess, canWrite, loadEditContext, type EditContext } from './access.js';
import type { LessonPatch } from './types.js';
import type { TopicInput } from './views.js';
import { cleanTypedText } from '../shared/text.js';

export const MAX_TOPIC = 500;
export const MAX_HOMEWORK = 2000;

function text(value: unknown, path: string, max: number): string {
  const trimmed = cleanTypedText(value);
  if (!trimmed || trimmed.length > max)
    throw new ValidationError(`The ${path} is invalid`, [{ path, message: `must be text of 1 to ${max} characters` }]);
  return trimmed;
}

export function createLessonContentWrites({ uow, clock }: { uow: UnitOfWork; clock: Clock }) {
  /** Locks, authorizes and checks the lesson, then applies and audits `plan` when it changes anything. */
  async function change(
    principal: Principal,
    lessonId: number,
    entity: 'lesson_topic' | 'lesson_homework' | 'lesson_work_type',
    plan: (lesson: Lesson, repos: Repositories, ctx: EditContext) => Promise<{ patch: LessonPatch; before: object; after: object }>,
  ): Promise<Lesson> {
    assertLessonAccess(principal, await uow.repos.journal.findLesson(lessonId), lessonId, 'write');
    return uow.transaction(async (repos) => {
      const lesson = await repos.journal.lockLesson(lessonId);
      if (!lesson) throw new NotFoundError('Lesson', lessonId);
      if (!canWrite(principal, lesson)) throw new ForbiddenError('Only the teacher or the substitute of this lesson can change it');
      const ctx = await loadEditContext(repos, clock, lesson.schoolId);
      assertEditable(principal, lesson, 'content', ctx);
      const { patch, before, after } = await plan(lesson, repos, ctx);
      if (Object.keys(patch).length === 0) return lesson;
      // The lesson's current marks carry its work type (they weigh by it): they follow a change in the same transaction.
      if (patch.workType !== undefined) await repos.journal.setLessonGradesWorkType(lesson.id, patch.workType, clock.now());
      const updated = await repos.journal.updateLesson(lesson.id, patch);
      await repos.audit.record([
        {
          schoolId: lesson.schoolId,
          actorId: actorIdOf(principal),
          via: viaOf(principal),
          entity,
          entityId: lesson.id,
          action: 'update',
          before,
          after,
        },
      ]);
      return updated;
    });
  }

  return {
    async setTopic(principal: Principal, lessonId: number, input: TopicInput): Promise<Lesson> {
      const given = input as { topic?: unknown; planItemId?: unknown };
      if (given.planItemId != null && !Number.isInteger(given.planItemId)) {
        throw new ValidationError('The plan item is invalid', [{ path: 'planItemId', message: 'must be a plan item id' }]);
      }
      if (given.planItemId == null) text(given.topic, 'topic', MAX_TOPIC);
      return change(principal, lessonId, 'lesson_topic', async (lesson, repos, ctx) => {
        let topic: string;
        let planItemId: number | null = null;
        let workType = lesson.workType;
        if (given.planItemId != null) {
          const item = await repos.journal.findPlanItem(given.planItemId as number);
          if (!item || item.courseId !== lesson.courseId) {
            throw new ValidationError('The plan item is not of this course', [
              { path: 'planItemId', message: "must be a topic of the lesson's КТП" },
            ]);
          }
          planItemId = item.id;
          topic = given.topic == null ? item.topic : text(given.topic, 'topic', MAX_TOPIC);
          // The plan's work type comes with its topic unless the teacher already chose one.
          if (workType === null && item.workType && ctx.school.policy.workTypes.some((w) => w.code === item.workType))
            workType = item.workType;
        } else {
          topic = text(given.topic, 'topic', MAX_TOPIC);
        }
        const before = { topic: lesson.topic, planItemId: lesson.planItemId, filled: lesson.topicFilledAt !== null };
        const after = { topic, planItemId, filled: true };
        const same = before.topic === after.topic && before.planItemId === after.planItemId;
        const patch: LessonPatch = same ? {} : { topic, planItemId };
        if (!lesson.topicFilledAt) patch.topicFilledAt = clock.now();
        if (workType === lesson.workType) return { patch, before, after };
        patch.workType = workType;
        return { patch, before: { ...before, workType: lesson.workType }, after: { ...after, workType } };
      });
    },

    async setWorkType(principal: Principal, lessonId: number, workType: string | null): Promise<Lesson> {
      if (workType !== null && typeof workType !== 'string')
        throw new ValidationError('The work type is invalid', [{ path: 'workType', message: 'must be a work type code or null' }]);
      return change(principal, lessonId, 'lesson_work_type', async (lesson, _repos, ctx) => {
        const { workTypes } = ctx.school.policy;
        if (workType !== null && !workTypes.some((w) => w.code === workType)) {
          throw new ValidationError('The work type is not one of the school', [
            { path: 'workType', message: `must be one of ${workTypes.map((w) => w.code).join(', ')}, or null for an ordinary lesson` },
          ]);
        }
        const patch: LessonPatch = lesson.workType === workType ? {} : { workType };
        return { patch, before: { workType: lesson.workType }, after: { workType } };
      });
    },

    async setHomework(principal: Principal, lessonId: number, homework: string | null): Promise<Lesson> {
      const value = homework === null ? null : text(homework, 'homework', MAX_HOMEWORK);
      return change(principal, lessonId, 'lesson_homework', async (lesson) => {
        const before = { homework: lesson.homework, filled: lesson.homeworkFilledAt !== null };
        const after = { homework: value, filled: true };
        // null is an answer ("no homework"), so it fills the part just as text does.
        const patch: LessonPatch = lesson.homework === value ? {} : { homework: value };
        if (!lesson.homeworkFilledAt) patch.homeworkFilledAt = clock.now();
        return { patch, before, after };
      });
    },
  };
}
