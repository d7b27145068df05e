import { and, asc, eq, gte, inArray, lte, ne, notExists, or, sql } from 'drizzle-orm';
import type { JournalRepository, LessonRecord } from '../../../domain/journal/types.js';
import type { Executor } from '../../client.js';
import { closedYears, courses, groups, lessons, planItems, subjects } from '../../schema/index.js';
import { groupLabel } from '../group-label.js';
import { lessonFromJson, toLesson } from '../lesson-rows.js';

type LessonQueries = Pick<
  JournalRepository,
  | 'findLesson'
  | 'lockLesson'
  | 'lessonDatesOf'
  | 'lessonsOfTeacher'
  | 'lessonsOfGroup'
  | 'findGroup'
  | 'closedYears'
  | 'updateLesson'
  | 'markAttendanceFilled'
  | 'nextPlanItem'
  | 'findPlanItem'
>;

const LOCK_LESSON = sql.raw('select row_to_json(l) as "lesson" from lessons l where l.id = ');
/** The lesson's row, locked until the transaction ends; a fixed text (see lockLesson). */
export const lockLessonStatement = (id: number) => sql`${LOCK_LESSON}${id} for update`;

export function createLessonQueries(db: Executor): LessonQueries {
  const withNames = () =>
    db
      .select({ lesson: lessons, groupName: groupLabel, subjectName: subjects.name, classTeacherId: groups.classTeacherId })
      .from(lessons)
      .innerJoin(groups, eq(groups.id, lessons.groupId))
      .innerJoin(courses, eq(courses.id, lessons.courseId))
      .innerJoin(subjects, eq(subjects.id, courses.subjectId));
  const toRecord = (r: {
    lesson: typeof lessons.$inferSelect;
    groupName: string;
    subjectName: string;
    classTeacherId: number | null;
  }): LessonRecord => ({
    lesson: toLesson(r.lesson),
    groupName: r.groupName,
    subjectName: r.subjectName,
    classTeacherId: r.classTeacherId,
  });
  // «Сегодня» asks this on every press: built once per executor, not per call.
  const prepareTeacherDay = () =>
    withNames()
      .where(
        and(
          eq(lessons.schoolId, sql.placeholder('schoolId')),
          eq(lessons.date, sql.placeholder('date')),
          or(eq(lessons.teacherId, sql.placeholder('userId')), eq(lessons.substituteId, sql.placeholder('userId'))),
        ),
      )
      .orderBy(asc(lessons.startsAt), asc(lessons.id))
      .prepare('journal_teacher_day');
  let teacherDay: ReturnType<typeof prepareTeacherDay> | undefined;

  return {
    async findLesson(id) {
      const [row] = await withNames().where(eq(lessons.id, id));
      return row ? toRecord(row) : null;
    },
    async lockLesson(id) {
      // Every save runs this inside its transaction, a new executor each time: a fixed text, so
      // nothing is built per save (drizzle's select of every lesson column cost about 0.2 ms).
      const [row] = await db.execute<{ lesson: Record<string, unknown> }>(lockLessonStatement(id));
      return row ? lessonFromJson(row.lesson) : null;
    },
    async lessonsOfTeacher(schoolId, userId, date) {
      teacherDay ??= prepareTeacherDay();
      return (await teacherDay.execute({ schoolId, userId, date })).map(toRecord);
    },
    async lessonsOfGroup(groupId, from, to) {
      // A class's journal holds the lessons of its subgroups too.
      const ofGroup = or(
        eq(lessons.groupId, groupId),
        sql`${lessons.groupId} in (select sg.id from groups sg where sg.parent_group_id = ${groupId})`,
      );
      const rows = await withNames()
        .where(and(ofGroup, gte(lessons.date, from), lte(lessons.date, to)))
        .orderBy(asc(lessons.startsAt), asc(lessons.id));
      return rows.map(toRecord);
    },
    async findGroup(id) {
      const [row] = await db
        .select({ id: groups.id, schoolId: groups.schoolId, name: groups.name, classTeacherId: groups.classTeacherId })
        .from(groups)
        .where(eq(groups.id, id));
      return row ?? null;
    },
    async closedYears(schoolId) {
      return db
        .select({ fromDate: closedYears.fromDate, toDate: closedYears.toDate })
        .from(closedYears)
        .where(eq(closedYears.schoolId, schoolId));
    },
    async markAttendanceFilled(id, at) {
      // The first save of every lesson: a fixed text, nothing built or returned.
      await db.execute(
        sql`update lessons set attendance_filled_at = ${at.toISOString()} where id = ${id} and attendance_filled_at is null`,
      );
    },
    async updateLesson(id, patch) {
      const [row] = await db.update(lessons).set(patch).where(eq(lessons.id, id)).returning();
      return toLesson(row!);
    },
    async nextPlanItem(courseId) {
      const used = db
        .select({ one: sql`1` })
        .from(lessons)
        .where(and(eq(lessons.courseId, courseId), eq(lessons.planItemId, planItems.id), ne(lessons.status, 'cancelled')));
      const [row] = await db
        .select()
        .from(planItems)
        .where(and(eq(planItems.courseId, courseId), notExists(used)))
        .orderBy(asc(planItems.position))
        .limit(1);
      return row ?? null;
    },
    async lessonDatesOf(courseIds, from, to) {
      if (!courseIds.length) return [];
      return db
        .select({ id: lessons.id, courseId: lessons.courseId, date: lessons.date })
        .from(lessons)
        .where(and(inArray(lessons.courseId, courseIds), gte(lessons.date, from), lte(lessons.date, to), ne(lessons.status, 'cancelled')));
    },
    async findPlanItem(id) {
      const [row] = await db.select().from(planItems).where(eq(planItems.id, id));
      return row ?? null;
    },
  };
}
