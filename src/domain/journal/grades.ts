import type { Clock } from '../shared/clock.js';
import { ForbiddenError, NotFoundError, ReadOnlyError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { actorIdOf, sameSchool, viaOf, type Principal } from '../shared/principal.js';
import type { GradeKind } from '../lessons/types.js';
import type { UnitOfWork } from '../ports.js';
import { assertEditable, assertLessonAccess, canWrite, inClosedYear, loadEditContext } from './access.js';
import { gradeShapeProblems, isFinalKind, normalizeGradeValue } from './grade-rules.js';
import { createFinalGuard } from './final-grade-checks.js';
import type { Grade, GradeWrite, JournalEvents } from './types.js';
import type { GradeInput } from './views.js';
import { cleanTypedText } from '../shared/text.js';

export const MAX_GRADES_PER_CALL = 200;

/** The audit shape of a grade: what a reviewer needs to see changed. */
export function gradeAudit(g: Grade) {
  return {
    studentId: g.studentId,
    courseId: g.courseId,
    lessonId: g.lessonId,
    kind: g.kind,
    term: g.term,
    value: g.value,
    comment: g.comment,
    workType: g.workType,
    date: g.date,
  };
}

export function createGradeWrites({ uow, clock, events }: { uow: UnitOfWork; clock: Clock; events?: JournalEvents }) {
  return {
    async addGrades(principal: Principal, lessonId: number, items: GradeInput[]): Promise<Grade[]> {
      assertLessonAccess(principal, await uow.repos.journal.findLesson(lessonId), lessonId, 'write');
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_GRADES_PER_CALL) {
        throw new ValidationError('Send 1 to 200 grades', [
          { path: 'grades', message: `must be a list of 1 to ${MAX_GRADES_PER_CALL} grades` },
        ]);
      }
      return uow.transaction(async (repos) => {
        const lesson = await repos.journal.lockLesson(lessonId);
        if (!lesson) throw new NotFoundError('Lesson', lessonId);
        if (!canWrite(principal, lesson)) throw new ForbiddenError('Only the teacher or the substitute of this lesson can change it');
        const ctx = await loadEditContext(repos, clock, lesson.schoolId);
        assertEditable(principal, lesson, 'grades', ctx);
        const { policy } = ctx.school;
        const enrolled = new Set((await repos.journal.enrolledOn(lesson.groupId, lesson.date)).map((s) => s.id));

        const details: ErrorDetail[] = [];
        // Teachers enter term and year grades in their class's windows; the main journal is the source and is not held to them.
        const cls =
          principal.kind === 'user' && items.some((x) => isFinalKind(x?.kind ?? 'current'))
            ? await repos.finalGrades.courseClass(lesson.courseId)
            : null;
        const guard = cls ? createFinalGuard(repos, cls, ctx) : null;
        const rows: GradeWrite[] = [];
        for (const [i, item] of items.entries()) {
          const at = (field: string, message: string) => details.push({ path: `grades[${i}].${field}`, message });
          if (!Number.isInteger(item?.studentId)) at('studentId', 'must be a student id');
          else if (!enrolled.has(item.studentId)) at('studentId', `student ${item.studentId} is not in the group on ${lesson.date}`);
          const value = normalizeGradeValue(item?.value, policy.gradeScale);
          if ('error' in value) at('value', value.error);
          const shape = gradeShapeProblems(item ?? {});
          for (const [field, message] of shape) at(field, message);
          const kind = (item?.kind ?? 'current') as GradeKind;
          if (guard && !shape.length && enrolled.has(item.studentId) && (kind === 'term' || kind === 'year')) {
            const problem = await guard.problem(kind, item.term ?? null, item.studentId);
            if (problem) at(problem.path, problem.message);
          }
          rows.push({
            schoolId: lesson.schoolId,
            courseId: lesson.courseId,
            lessonId: lesson.id,
            studentId: item?.studentId,
            kind,
            term: item?.term ?? null,
            value: 'value' in value ? value.value : '',
            comment: cleanTypedText(item?.comment) || null,
            // A current mark is for the lesson's work; term and year grades are for no one piece of work.
            workType: kind === 'current' ? lesson.workType : null,
            date: lesson.date,
            externalId: null,
            createdBy: actorIdOf(principal),
          });
        }
        if (details.length) throw new ValidationError('Some grades are invalid; none were saved', details);

        const created = await repos.journal.insertGrades(rows, clock.now());
        await repos.audit.record(
          created.map((g) => ({
            schoolId: g.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'grade',
            entityId: g.id,
            action: 'create',
            before: null,
            after: gradeAudit(g),
          })),
        );
        if (events) await events.gradesChanged(repos, { lesson, changes: created.map((g) => ({ before: null, after: g })), principal });
        return created;
      });
    },

    async removeGrade(principal: Principal, gradeId: number): Promise<Grade> {
      const grade = await uow.repos.journal.findGrade(gradeId);
      if (!grade || grade.deletedAt || !sameSchool(principal, grade.schoolId)) throw new NotFoundError('Grade', gradeId);
      if ((grade.externalId !== null || grade.lessonId === null) && principal.kind === 'user')
        throw new ForbiddenError('Grades from the main journal are changed there');
      if (grade.lessonId !== null)
        assertLessonAccess(principal, await uow.repos.journal.findLesson(grade.lessonId), grade.lessonId, 'write');
      return uow.transaction(async (repos) => {
        const lesson = grade.lessonId === null ? null : await repos.journal.lockLesson(grade.lessonId);
        const ctx = await loadEditContext(repos, clock, grade.schoolId);
        if (lesson) assertEditable(principal, lesson, 'content', ctx);
        else if (inClosedYear(grade.date, ctx)) throw new ReadOnlyError('The grade belongs to a closed school year', 'closed_year');
        const current = await repos.journal.findGrade(gradeId);
        if (!current || current.deletedAt) throw new NotFoundError('Grade', gradeId);
        const removed = await repos.journal.markGradeDeleted(gradeId, clock.now());
        await repos.audit.record([
          {
            schoolId: grade.schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'grade',
            entityId: grade.id,
            action: 'delete',
            before: gradeAudit(current),
            after: null,
          },
        ]);
        if (events) await events.gradesChanged(repos, { lesson, changes: [{ before: current, after: null }], principal });
        return removed;
      });
    },
  };
}
