import { inClosedYears } from '../shared/closed-years.js';
import { isLocalDate } from '../shared/dates.js';
import { ConflictError, NotFoundError, ReadOnlyError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { adminSchool, auditOf, isTeacher } from '../schedule/context.js';
import type { StaffRef } from '../schedule/types.js';
import type { StaffDeps } from './deactivation.js';
import type { HandoverInput, HandoverReport } from './types.js';

const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

/** Course handover: from a date, the course and its lessons not given yet belong to another teacher. */
export function handoverOperations(deps: StaffDeps) {
  const { uow } = deps;

  /** The new teacher named by exactly one of teacherId / teacherExternalId, checked; each problem named. */
  async function newTeacherOf(schoolId: number, input: HandoverInput, problems: ErrorDetail[]): Promise<StaffRef | null> {
    const byId = input.teacherId !== undefined;
    const byExternal = input.teacherExternalId !== undefined;
    if (byId === byExternal) {
      problems.push({ path: 'teacherId', message: 'give exactly one of teacherId and teacherExternalId' });
      return null;
    }
    const path = byId ? 'teacherId' : 'teacherExternalId';
    if (byId && !isId(input.teacherId)) {
      problems.push({ path, message: 'must be a positive integer' });
      return null;
    }
    if (!byId && (typeof input.teacherExternalId !== 'string' || !input.teacherExternalId.trim())) {
      problems.push({ path, message: 'must be a non-empty string' });
      return null;
    }
    const repo = uow.repos.schedule;
    const staff = byId
      ? await repo.staffById(schoolId, input.teacherId!)
      : ((await repo.staffByExternal(schoolId, [input.teacherExternalId!.trim()]))[0] ?? null);
    if (!staff) problems.push({ path, message: 'no staff member with this id in the school' });
    else if (!isTeacher(staff)) problems.push({ path, message: 'is not an active teacher of the school' });
    return staff && isTeacher(staff) ? staff : null;
  }

  return {
    /**
     * From `from` on, the course's lessons that were not given yet (nothing of attendance or
     * topic in the journal) go to the new teacher, and so does the course (lessons generated
     * later follow it). Given lessons and lessons of a closed year stay as they are and are
     * listed with the reason. `dryRun` answers the same and writes nothing.
     */
    async handover(principal: Principal, courseId: number, input: HandoverInput): Promise<HandoverReport> {
      const school = await adminSchool(deps, principal);
      const course = isId(courseId) ? await uow.repos.schedule.courseById(courseId) : null;
      if (!course || course.schoolId !== school.id) throw new NotFoundError('Course', courseId);
      const problems: ErrorDetail[] = [];
      if (typeof input.from !== 'string' || !isLocalDate(input.from)) problems.push({ path: 'from', message: 'must be a date YYYY-MM-DD' });
      const teacher = await newTeacherOf(school.id, input, problems);
      if (teacher && teacher.id === course.teacherId)
        problems.push({ path: input.teacherId !== undefined ? 'teacherId' : 'teacherExternalId', message: 'already teaches this course' });
      if (problems.length || !teacher) throw new ValidationError('The handover request is invalid', problems);
      const closedYears = await uow.repos.journal.closedYears(school.id);
      if (inClosedYears(input.from, closedYears)) throw new ReadOnlyError('The date belongs to a closed school year', 'closed_year');
      const twin = (await uow.repos.schedule.listCourses(school.id, { groupId: course.groupId, teacherId: teacher.id })).find(
        (c) => c.subjectId === course.subjectId && c.id !== course.id,
      );
      if (twin)
        throw new ConflictError('The new teacher already teaches this subject to this group', [
          { path: 'teacherId', message: `course ${twin.externalId ?? twin.id} is the same group, subject and teacher` },
        ]);

      const lessons = await uow.repos.staff.courseLessonsFrom(course.id, input.from);
      const moved: HandoverReport['moved'] = [];
      const notMoved: HandoverReport['notMoved'] = [];
      for (const l of lessons) {
        const at = { lessonId: l.id, date: l.date, period: l.period };
        if (inClosedYears(l.date, closedYears)) notMoved.push({ ...at, reason: 'closed_year' });
        else if (l.filled) notMoved.push({ ...at, reason: 'already_filled' });
        else if (l.teacherId !== teacher.id) moved.push({ ...at, startsAt: l.startsAt, substituteCleared: l.substituteId === teacher.id });
      }
      const names = await uow.repos.staff.names([course.teacherId, teacher.id]);
      const report: HandoverReport = {
        dryRun: Boolean(input.dryRun),
        course: { id: course.id, subject: course.subject, groupId: course.groupId },
        from: input.from,
        previousTeacher: { id: course.teacherId, name: names.get(course.teacherId) ?? '' },
        newTeacher: { id: teacher.id, name: names.get(teacher.id) ?? '' },
        moved,
        notMoved,
      };
      if (input.dryRun) return report;
      await uow.transaction(async (tx) => {
        await tx.staff.reassignLessons(
          moved.map((m) => m.lessonId),
          teacher.id,
        );
        await tx.staff.setCourseTeacher(course.id, teacher.id);
        await tx.audit.record([
          auditOf(principal, school.id)(
            'course',
            course.id,
            'handover',
            { teacherId: course.teacherId },
            {
              teacherId: teacher.id,
              from: input.from,
              moved: moved.map((m) => m.lessonId),
              notMoved: notMoved.map((n) => ({ lessonId: n.lessonId, reason: n.reason })),
            },
          ),
        ]);
      });
      return report;
    },
  };
}
