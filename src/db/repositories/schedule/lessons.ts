import { and, asc, between, eq, inArray, or, sql } from 'drizzle-orm';
import type { ScheduleRepository } from '../../../domain/schedule/types.js';
import type { Executor } from '../../client.js';
import { holidays, lessons } from '../../schema/index.js';
import { toLesson } from '../lesson-rows.js';

/** Rows per INSERT: big enough to amortise a round trip, small enough to keep statements short. */
const CHUNK = 2000;

type LessonQueries = Pick<
  ScheduleRepository,
  | 'lessonKeys'
  | 'lessonsByExternal'
  | 'insertLessons'
  | 'moveLesson'
  | 'findLesson'
  | 'updateLesson'
  | 'listLessons'
  | 'holidayDates'
  | 'addHolidays'
>;

export function lessonQueries(db: Executor): LessonQueries {
  return {
    async lessonKeys(schoolId, courseIds, from, to) {
      if (!courseIds.length) return [];
      const rows = await db
        .select({ id: lessons.id, courseId: lessons.courseId, startsAt: lessons.startsAt, externalId: lessons.externalId })
        .from(lessons)
        .where(and(eq(lessons.schoolId, schoolId), inArray(lessons.courseId, courseIds), between(lessons.date, from, to)));
      return rows.map((r) => ({ ...r, startsAt: r.startsAt! }));
    },
    async lessonsByExternal(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select()
        .from(lessons)
        .where(and(eq(lessons.schoolId, schoolId), inArray(lessons.externalId, externalIds)));
      return rows.map(toLesson);
    },
    async insertLessons(rows) {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        // One JSON parameter per chunk instead of nine per row: building and binding tens of
        // thousands of parameters costs more than PostgreSQL's parsing of the document.
        const chunk = rows.slice(i, i + CHUNK).map((r) => ({
          school_id: r.schoolId,
          course_id: r.courseId,
          group_id: r.groupId,
          teacher_id: r.teacherId,
          external_id: r.externalId,
          date: r.date,
          period: r.period,
          room: r.room ?? null,
          starts_at: r.startsAt.toISOString(),
          ends_at: r.endsAt.toISOString(),
        }));
        const out = await db.execute(sql`
          insert into lessons (school_id, course_id, group_id, teacher_id, external_id, date, period, room, starts_at, ends_at)
          select school_id, course_id, group_id, teacher_id, external_id, date, period, room, starts_at, ends_at
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(school_id int, course_id int, group_id int, teacher_id int,
            external_id text, date date, period int, room text, starts_at timestamptz, ends_at timestamptz)
          on conflict do nothing
          returning id`);
        inserted += out.length;
      }
      return inserted;
    },
    async moveLesson(id, to) {
      await db.update(lessons).set(to).where(eq(lessons.id, id));
    },
    async findLesson(id) {
      const [row] = await db.select().from(lessons).where(eq(lessons.id, id));
      return row ? toLesson(row) : null;
    },
    async updateLesson(id, patch) {
      const [row] = await db.update(lessons).set(patch).where(eq(lessons.id, id)).returning();
      return toLesson(row!);
    },
    async listLessons(q) {
      const rows = await db
        .select()
        .from(lessons)
        .where(
          and(
            eq(lessons.schoolId, q.schoolId),
            between(lessons.date, q.from, q.to),
            q.groupId ? eq(lessons.groupId, q.groupId) : undefined,
            q.teacherId ? or(eq(lessons.teacherId, q.teacherId), eq(lessons.substituteId, q.teacherId)) : undefined,
          ),
        )
        .orderBy(asc(lessons.startsAt), asc(lessons.groupId), asc(lessons.id));
      return rows.map(toLesson);
    },
    async holidayDates(schoolId, from, to) {
      const rows = await db
        .select({ date: holidays.date })
        .from(holidays)
        .where(and(eq(holidays.schoolId, schoolId), between(holidays.date, from, to)));
      return rows.map((r) => r.date);
    },
    async addHolidays(schoolId, days) {
      if (!days.length) return 0;
      const out = await db
        .insert(holidays)
        .values(days.map((d) => ({ schoolId, date: d.date, name: d.name })))
        .onConflictDoNothing()
        .returning({ id: holidays.id });
      return out.length;
    },
  };
}
