import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Grade, JournalRepository } from '../../../domain/journal/types.js';
import type { AttendanceStatus, GradeKind } from '../../../domain/lessons/types.js';
import type { Executor } from '../../client.js';
import { attendance, grades } from '../../schema/index.js';

type MarkQueries = Pick<
  JournalRepository,
  | 'attendanceOf'
  | 'saveAttendance'
  | 'gradesOfLessons'
  | 'findGrade'
  | 'insertGrades'
  | 'markGradeDeleted'
  | 'setLessonGradesWorkType'
  | 'gradesByExternalIds'
  | 'upsertExternalGrades'
>;

function toGrade(row: typeof grades.$inferSelect): Grade {
  return { ...row, kind: row.kind as GradeKind };
}

export function createMarkQueries(db: Executor): MarkQueries {
  return {
    async attendanceOf(lessonIds) {
      if (!lessonIds.length) return [];
      const rows = await db
        .select({
          lessonId: attendance.lessonId,
          studentId: attendance.studentId,
          status: attendance.status,
          reason: attendance.reason,
          parentExplanation: attendance.parentExplanation,
          markedBy: attendance.markedBy,
          markedAt: attendance.markedAt,
        })
        .from(attendance)
        .where(inArray(attendance.lessonId, lessonIds));
      return rows.map((r) => ({ ...r, status: r.status as AttendanceStatus }));
    },
    async saveAttendance(rows) {
      if (!rows.length) return;
      // The rows travel as one JSON parameter: the statement text is the same for any class size,
      // so it is prepared once per connection and costs no per-value query building.
      const json = JSON.stringify(
        rows.map((r) => ({
          lesson_id: r.lessonId,
          student_id: r.studentId,
          status: r.status,
          reason: r.reason,
          marked_by: r.markedBy,
          marked_at: r.markedAt.toISOString(),
        })),
      );
      await db.execute(sql`
        INSERT INTO attendance (lesson_id, student_id, status, reason, marked_by, marked_at)
        SELECT r.lesson_id, r.student_id, r.status, r.reason, r.marked_by, r.marked_at
        FROM jsonb_to_recordset(${json}::jsonb) AS r(lesson_id int, student_id int, status text, reason text, marked_by int, marked_at timestamptz)
        ON CONFLICT (lesson_id, student_id) DO UPDATE SET
          status = excluded.status, reason = excluded.reason, marked_by = excluded.marked_by, marked_at = excluded.marked_at`);
    },
    async gradesOfLessons(lessonIds) {
      if (!lessonIds.length) return [];
      const rows = await db
        .select()
        .from(grades)
        .where(and(inArray(grades.lessonId, lessonIds), isNull(grades.deletedAt)))
        .orderBy(asc(grades.id));
      return rows.map(toGrade);
    },
    async findGrade(id) {
      const [row] = await db.select().from(grades).where(eq(grades.id, id));
      return row ? toGrade(row) : null;
    },
    async insertGrades(rows, at) {
      if (!rows.length) return [];
      return (
        await db
          .insert(grades)
          .values(rows.map((r) => ({ ...r, createdAt: at, updatedAt: at })))
          .returning()
      ).map(toGrade);
    },
    async markGradeDeleted(id, at) {
      const [row] = await db.update(grades).set({ deletedAt: at, updatedAt: at }).where(eq(grades.id, id)).returning();
      return toGrade(row!);
    },
    async setLessonGradesWorkType(lessonId, workType, at) {
      const rows = await db
        .update(grades)
        .set({ workType, updatedAt: at })
        .where(
          and(
            eq(grades.lessonId, lessonId),
            eq(grades.kind, 'current'),
            isNull(grades.deletedAt),
            workType === null ? isNotNull(grades.workType) : or(isNull(grades.workType), ne(grades.workType, workType)),
          ),
        )
        .returning({ id: grades.id });
      return rows.length;
    },
    async gradesByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db
        .select()
        .from(grades)
        .where(and(eq(grades.schoolId, schoolId), inArray(grades.externalId, externalIds)));
      return rows.map(toGrade);
    },
    async upsertExternalGrades(rows, at) {
      if (!rows.length) return [];
      const written = await db
        .insert(grades)
        .values(rows.map((r) => ({ ...r, updatedAt: at })))
        .onConflictDoUpdate({
          target: [grades.schoolId, grades.externalId],
          set: {
            courseId: sql`excluded.course_id`,
            lessonId: sql`excluded.lesson_id`,
            studentId: sql`excluded.student_id`,
            kind: sql`excluded.kind`,
            term: sql`excluded.term`,
            value: sql`excluded.value`,
            comment: sql`excluded.comment`,
            workType: sql`excluded.work_type`,
            date: sql`excluded.date`,
            updatedAt: sql`excluded.updated_at`,
            deletedAt: null,
          },
        })
        .returning();
      return written.map(toGrade);
    },
  };
}
