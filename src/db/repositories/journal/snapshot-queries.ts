import { eq, sql, type SQL } from 'drizzle-orm';
import type { Grade, JournalRepository, LessonSnapshot } from '../../../domain/journal/types.js';
import type { AttendanceStatus, GradeKind, PlanItem } from '../../../domain/lessons/types.js';
import type { LocalDate } from '../../../domain/shared/dates.js';
import { resolvePolicy } from '../../../domain/schools/policy.js';
import type { Executor } from '../../client.js';
import { courses, groups, lessons, schools, subjects } from '../../schema/index.js';
import { toLesson } from '../lesson-rows.js';
import { byName } from './roster-queries.js';

type SnapshotQueries = Pick<JournalRepository, 'lessonSnapshot' | 'editContextOf'>;

type Json<T> = T[];

/** The closed years of a school as a JSON array (never null); `schoolId` must be a qualified column. */
const closedYearsOf = (schoolId: SQL) => sql<Json<{ fromDate: LocalDate; toDate: LocalDate }>>`coalesce((
  select json_agg(json_build_object('fromDate', cy.from_date, 'toDate', cy.to_date))
  from closed_years cy where cy.school_id = ${schoolId}), '[]'::json)`;

/** The columns of the lesson snapshot: the lesson and, as JSON sub-selects, what hangs off it. */
function snapshotColumns() {
  return {
    lesson: lessons,
    groupName: groups.name,
    subjectName: subjects.name,
    classTeacherId: groups.classTeacherId,
    schoolName: schools.name,
    timezone: schools.timezone,
    policy: schools.policy,
    closedYears: closedYearsOf(sql`${lessons.schoolId}`),
    students: sql<Json<{ id: number; lastName: string; firstName: string; middleName: string | null }>>`coalesce((
      select json_agg(json_build_object('id', st.id, 'lastName', st.last_name, 'firstName', st.first_name, 'middleName', st.middle_name))
      from students st
      where st.id in (
        select e.student_id from enrollments e
        where e.group_id = ${lessons.groupId} and e.from_date <= ${lessons.date} and (e.to_date is null or e.to_date >= ${lessons.date}))), '[]'::json)`,
    marks: sql<Json<{ studentId: number; status: string; reason: string | null; parentExplanation: string | null }>>`coalesce((
      select json_agg(json_build_object('studentId', a.student_id, 'status', a.status, 'reason', a.reason, 'parentExplanation', a.parent_explanation))
      from attendance a where a.lesson_id = ${lessons.id}), '[]'::json)`,
  };
}

type GradeJson = Omit<Grade, 'kind' | 'createdAt' | 'updatedAt' | 'deletedAt'> & { kind: string; createdAt: string; updatedAt: string; deletedAt: string | null };

/** The card's columns: grades as gradesOfLessons gives them, and the next КТП item as nextPlanItem does. */
function viewColumns() {
  return {
    grades: sql<Json<GradeJson>>`coalesce((
      select json_agg(json_build_object(
        'id', g.id, 'schoolId', g.school_id, 'courseId', g.course_id, 'lessonId', g.lesson_id, 'studentId', g.student_id,
        'kind', g.kind, 'term', g.term, 'value', g.value, 'comment', g.comment, 'date', g.date, 'externalId', g.external_id,
        'createdBy', g.created_by, 'createdAt', g.created_at, 'updatedAt', g.updated_at, 'deletedAt', g.deleted_at) order by g.id)
      from grades g where g.lesson_id = ${lessons.id} and g.deleted_at is null), '[]'::json)`,
    nextPlanItem: sql<PlanItem | null>`(
      select json_build_object('id', p.id, 'courseId', p.course_id, 'position', p.position, 'topic', p.topic, 'hours', p.hours)
      from plan_items p
      where p.course_id = ${lessons.courseId}
        and not exists (select 1 from lessons used where used.course_id = p.course_id and used.plan_item_id = p.id and used.status <> 'cancelled')
      order by p.position limit 1)`,
  };
}

/**
 * One statement instead of seven: the lesson card and the attendance keyboard re-read the lesson
 * (authorization, edit window, roster) on every press, and the round trips and the query
 * building of separate reads dominated those presses. Built once per executor and prepared.
 */
function buildSnapshot(db: Executor) {
  return db
    .select({ ...snapshotColumns(), ...viewColumns() })
    .from(lessons)
    .innerJoin(groups, eq(groups.id, lessons.groupId))
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .innerJoin(subjects, eq(subjects.id, courses.subjectId))
    .innerJoin(schools, eq(schools.id, lessons.schoolId))
    .where(eq(lessons.id, sql.placeholder('id')))
    .prepare('journal_lesson_snapshot');
}

type SnapshotRow = Awaited<ReturnType<ReturnType<typeof buildSnapshot>['execute']>>[number];

const toGrade = (g: GradeJson): Grade => ({
  ...g, kind: g.kind as GradeKind, createdAt: new Date(g.createdAt), updatedAt: new Date(g.updatedAt), deletedAt: g.deletedAt ? new Date(g.deletedAt) : null,
});

function toSnapshot(row: SnapshotRow): LessonSnapshot {
  return {
    lesson: toLesson(row.lesson),
    groupName: row.groupName,
    subjectName: row.subjectName,
    classTeacherId: row.classTeacherId,
    school: { id: row.lesson.schoolId, name: row.schoolName, timezone: row.timezone, policy: resolvePolicy(row.policy) },
    closedYears: row.closedYears,
    students: row.students.sort(byName),
    marks: row.marks.map((m) => ({ ...m, status: m.status as AttendanceStatus })),
    grades: row.grades.map(toGrade),
    nextPlanItem: row.nextPlanItem,
  };
}

function buildEditContext(db: Executor) {
  // drizzle leaves columns of a one-table select unqualified, which inside the sub-select would
  // mean closed_years.id: name the table's column in full.
  return db
    .select({ id: schools.id, name: schools.name, timezone: schools.timezone, policy: schools.policy, closedYears: closedYearsOf(sql.raw('"schools"."id"')) })
    .from(schools)
    .where(eq(schools.id, sql.placeholder('id')))
    .prepare('journal_edit_context');
}

export function createSnapshotQueries(db: Executor): SnapshotQueries {
  // Built once per executor: drizzle's query building showed up in the profile of a press.
  let prepared: ReturnType<typeof buildSnapshot> | undefined;
  let editContext: ReturnType<typeof buildEditContext> | undefined;
  return {
    async editContextOf(schoolId) {
      editContext ??= buildEditContext(db);
      const [row] = await editContext.execute({ id: schoolId });
      return row ? { school: { id: row.id, name: row.name, timezone: row.timezone, policy: resolvePolicy(row.policy) }, closedYears: row.closedYears } : null;
    },
    async lessonSnapshot(id): Promise<LessonSnapshot | null> {
      prepared ??= buildSnapshot(db);
      const [row] = await prepared.execute({ id });
      return row ? toSnapshot(row) : null;
    },
  };
}
