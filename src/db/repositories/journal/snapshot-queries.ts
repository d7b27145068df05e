import { eq, sql } from 'drizzle-orm';
import type { Grade, JournalRepository, LessonSnapshot } from '../../../domain/journal/types.js';
import type { AttendanceStatus, GradeKind, PlanItem } from '../../../domain/lessons/types.js';
import type { LocalDate } from '../../../domain/shared/dates.js';
import { resolvePolicy } from '../../../domain/schools/policy.js';
import type { Executor } from '../../client.js';
import { schools } from '../../schema/index.js';
import { groupLabelText } from '../group-label.js';
import { lessonFromJson } from '../lesson-rows.js';
import { lockLessonStatement } from './lesson-queries.js';
import { byName } from './roster-queries.js';

type SnapshotQueries = Pick<JournalRepository, 'lessonSnapshot' | 'lockedSnapshot' | 'editContextOf'>;

type Json<T> = T[];
type ClosedYearsJson = Json<{ fromDate: LocalDate; toDate: LocalDate }>;

/** The closed years of a school as a JSON array (never null); `schoolId` must be a qualified column. */
const closedYearsOf = (schoolId: string) => `coalesce((
  select json_agg(json_build_object('fromDate', cy.from_date, 'toDate', cy.to_date))
  from closed_years cy where cy.school_id = ${schoolId}), '[]'::json)`;

type GradeJson = Omit<Grade, 'kind' | 'createdAt' | 'updatedAt' | 'deletedAt'> & {
  kind: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
};

type SnapshotRow = {
  lesson: Record<string, unknown>;
  groupName: string;
  subjectName: string;
  classTeacherId: number | null;
  schoolName: string;
  timezone: string;
  policy: unknown;
  closedYears: ClosedYearsJson;
  students: Json<{ id: number; lastName: string; firstName: string; middleName: string | null }>;
  marks: Json<{ studentId: number; status: string; reason: string | null; parentExplanation: string | null }>;
  grades: Json<GradeJson>;
  nextPlanItem: PlanItem | null;
  planWorkType: string | null;
};

/**
 * One statement instead of seven: the lesson card and the attendance keyboard re-read the lesson
 * (authorization, edit window, roster) on every press, and every attendance save reads it under
 * its lock. The text is fixed, so it is built once, prepared once per connection, and costs no
 * query building inside a transaction either (drizzle builds a query per executor, and a
 * transaction is a new one each time: that building was about a tenth of a save). What hangs
 * off the lesson comes as JSON sub-selects; the lesson row itself as JSON, mapped by the table's
 * own columns (lessonFromJson).
 */
const SNAPSHOT = sql.raw(`
  select row_to_json(l) as "lesson", ${groupLabelText('g')} as "groupName", sub.name as "subjectName", g.class_teacher_id as "classTeacherId",
    sch.name as "schoolName", sch.timezone as "timezone", sch.policy as "policy",
    ${closedYearsOf('l.school_id')} as "closedYears",
    coalesce((select json_agg(json_build_object('id', st.id, 'lastName', st.last_name, 'firstName', st.first_name, 'middleName', st.middle_name))
      from students st
      where st.id in (
        select e.student_id from enrollments e
        where e.group_id = l.group_id and e.from_date <= l.date and (e.to_date is null or e.to_date >= l.date))), '[]'::json) as "students",
    coalesce((select json_agg(json_build_object('studentId', a.student_id, 'status', a.status, 'reason', a.reason, 'parentExplanation', a.parent_explanation))
      from attendance a where a.lesson_id = l.id), '[]'::json) as "marks",
    coalesce((select json_agg(json_build_object(
        'id', gr.id, 'schoolId', gr.school_id, 'courseId', gr.course_id, 'lessonId', gr.lesson_id, 'studentId', gr.student_id,
        'kind', gr.kind, 'term', gr.term, 'value', gr.value, 'comment', gr.comment, 'workType', gr.work_type, 'date', gr.date, 'externalId', gr.external_id,
        'createdBy', gr.created_by, 'createdAt', gr.created_at, 'updatedAt', gr.updated_at, 'deletedAt', gr.deleted_at) order by gr.id)
      from grades gr where gr.lesson_id = l.id and gr.deleted_at is null), '[]'::json) as "grades",
    (select json_build_object('id', p.id, 'courseId', p.course_id, 'position', p.position, 'topic', p.topic, 'hours', p.hours, 'workType', p.work_type)
      from plan_items p
      where p.course_id = l.course_id
        and not exists (select 1 from lessons used where used.course_id = p.course_id and used.plan_item_id = p.id and used.status <> 'cancelled')
      order by p.position limit 1) as "nextPlanItem",
    (select lp.work_type from plan_items lp where lp.id = l.plan_item_id) as "planWorkType"
  from lessons l
  join groups g on g.id = l.group_id
  join courses c on c.id = l.course_id
  join subjects sub on sub.id = c.subject_id
  join schools sch on sch.id = l.school_id
  where l.id = `);

const toGrade = (g: GradeJson): Grade => ({
  ...g,
  kind: g.kind as GradeKind,
  createdAt: new Date(g.createdAt),
  updatedAt: new Date(g.updatedAt),
  deletedAt: g.deletedAt ? new Date(g.deletedAt) : null,
});

function toSnapshot(row: SnapshotRow): LessonSnapshot {
  const lesson = lessonFromJson(row.lesson);
  return {
    lesson,
    groupName: row.groupName,
    subjectName: row.subjectName,
    classTeacherId: row.classTeacherId,
    school: { id: lesson.schoolId, name: row.schoolName, timezone: row.timezone, policy: resolvePolicy(row.policy) },
    closedYears: row.closedYears,
    students: row.students.sort(byName),
    marks: row.marks.map((m) => ({ ...m, status: m.status as AttendanceStatus })),
    grades: row.grades.map(toGrade),
    nextPlanItem: row.nextPlanItem,
    planWorkType: row.planWorkType,
  };
}

function buildEditContext(db: Executor) {
  // drizzle leaves columns of a one-table select unqualified, which inside the sub-select would
  // mean closed_years.id: name the table's column in full.
  return db
    .select({
      id: schools.id,
      name: schools.name,
      timezone: schools.timezone,
      policy: schools.policy,
      closedYears: sql<ClosedYearsJson>`${sql.raw(closedYearsOf('"schools"."id"'))}`,
    })
    .from(schools)
    .where(eq(schools.id, sql.placeholder('id')))
    .prepare('journal_edit_context');
}

export function createSnapshotQueries(db: Executor): SnapshotQueries {
  // Built once per executor: drizzle's query building showed up in the profile of a press.
  let editContext: ReturnType<typeof buildEditContext> | undefined;
  const readSnapshot = (id: number) => db.execute<SnapshotRow>(sql`${SNAPSHOT}${id}`);
  return {
    async editContextOf(schoolId) {
      editContext ??= buildEditContext(db);
      const [row] = await editContext.execute({ id: schoolId });
      return row
        ? {
            school: { id: row.id, name: row.name, timezone: row.timezone, policy: resolvePolicy(row.policy) },
            closedYears: row.closedYears,
          }
        : null;
    },
    async lessonSnapshot(id): Promise<LessonSnapshot | null> {
      const [row] = await readSnapshot(id);
      return row ? toSnapshot(row) : null;
    },
    async lockedSnapshot(id): Promise<LessonSnapshot | null> {
      // drizzle runs a query when it is awaited. Promise.all awaits these two in the order of the
      // array, and both take the same path (a fixed text run by execute), so postgres.js queues
      // the lock first on the transaction's connection and writes both together. PostgreSQL
      // runs the read only after the lock is granted, and at read committed each statement
      // takes a fresh snapshot when it starts: the read sees what the previous holder of the
      // lock committed. (As one statement, the joined tables would be read as they were before
      // the wait.) A test fails if the read goes first.
      const [locked, [row]] = await Promise.all([db.execute(lockLessonStatement(id)), readSnapshot(id)]);
      return locked.length && row ? toSnapshot(row) : null;
    },
  };
}
