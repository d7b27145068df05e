import { eq, sql } from 'drizzle-orm';
import type { JournalRepository, LessonSnapshot } from '../../../domain/journal/types.js';
import type { AttendanceStatus } from '../../../domain/lessons/types.js';
import type { LocalDate } from '../../../domain/shared/dates.js';
import { resolvePolicy } from '../../../domain/schools/policy.js';
import type { Executor } from '../../client.js';
import { courses, groups, lessons, schools, subjects } from '../../schema/index.js';
import { toLesson } from '../lesson-rows.js';
import { byName } from './roster-queries.js';

type SnapshotQueries = Pick<JournalRepository, 'lessonSnapshot'>;

type Json<T> = T[];

/**
 * One statement instead of seven: every attendance tap re-reads the lesson (authorization, edit
 * window, roster), so the round trips and the query building of separate reads dominated a tap.
 */
function buildSnapshot(db: Executor) {
  return db
    .select({
      lesson: lessons,
      groupName: groups.name,
      subjectName: subjects.name,
      classTeacherId: groups.classTeacherId,
      schoolName: schools.name,
      timezone: schools.timezone,
      policy: schools.policy,
      closedYears: sql<Json<{ fromDate: LocalDate; toDate: LocalDate }>>`coalesce((
        select json_agg(json_build_object('fromDate', cy.from_date, 'toDate', cy.to_date))
        from closed_years cy where cy.school_id = ${lessons.schoolId}), '[]'::json)`,
      students: sql<Json<{ id: number; lastName: string; firstName: string; middleName: string | null }>>`coalesce((
        select json_agg(json_build_object('id', st.id, 'lastName', st.last_name, 'firstName', st.first_name, 'middleName', st.middle_name))
        from students st
        where st.id in (
          select e.student_id from enrollments e
          where e.group_id = ${lessons.groupId} and e.from_date <= ${lessons.date} and (e.to_date is null or e.to_date >= ${lessons.date}))), '[]'::json)`,
      marks: sql<Json<{ studentId: number; status: string; reason: string | null; parentExplanation: string | null }>>`coalesce((
        select json_agg(json_build_object('studentId', a.student_id, 'status', a.status, 'reason', a.reason, 'parentExplanation', a.parent_explanation))
        from attendance a where a.lesson_id = ${lessons.id}), '[]'::json)`,
    })
    .from(lessons)
    .innerJoin(groups, eq(groups.id, lessons.groupId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .innerJoin(subjects, eq(subjects.id, courses.subjectId))
    .innerJoin(schools, eq(schools.id, lessons.schoolId))
    .where(eq(lessons.id, sql.placeholder('id')))
    .prepare('journal_lesson_snapshot');
}

export function createSnapshotQueries(db: Executor): SnapshotQueries {
  // Built once per executor: drizzle's query building showed up in the profile of a tap.
  let prepared: ReturnType<typeof buildSnapshot> | undefined;
  return {
    async lessonSnapshot(id): Promise<LessonSnapshot | null> {
      prepared ??= buildSnapshot(db);
      const [row] = await prepared.execute({ id });
      if (!row) return null;
      return {
        lesson: toLesson(row.lesson),
        groupName: row.groupName,
        subjectName: row.subjectName,
        classTeacherId: row.classTeacherId,
        school: { id: row.lesson.schoolId, name: row.schoolName, timezone: row.timezone, policy: resolvePolicy(row.policy) },
        closedYears: row.closedYears,
        students: row.students.sort(byName),
        marks: row.marks.map((m) => ({ ...m, status: m.status as AttendanceStatus })),
      };
    },
  };
}
