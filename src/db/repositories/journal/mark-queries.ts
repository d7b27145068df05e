import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Grade, JournalRepository } from '../../../domain/journal/types.js';
import type { AttendanceStatus, GradeKind } from '../../../domain/lessons/types.js';
import type { Executor } from '../../client.js';
import { attendance, grades } from '../../schema/index.js';

type MarkQueries = Pick<
  JournalRepository,
  'attendanceOf' | 'saveAttendance' | 'gradesOfLessons' | 'findGrade' | 'insertGrades' | 'markGradeDeleted' | 'gradesByExternalIds' | 'upsertExternalGrades'
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
          lessonId: attendance.lessonId, studentId: attendance.studentId, status: attendance.status, reason: attendance.reason,
          parentExplanation: attendance.parentExplanation, markedBy: attendance.markedBy, markedAt: attendance.markedAt,
        })
        .from(attendance)
        .where(inArray(attendance.lessonId, lessonIds));
      return rows.map((r) => ({ ...r, status: r.status as AttendanceStatus }));
    },
    async saveAttendance(rows) {
      if (!rows.length) return;
      await db
        .insert(attendance)
        .values(rows)
        .onConflictDoUpdate({
          target: [attendance.lessonId, attendance.studentId],
          set: {
            status: sql`excluded.status`, reason: sql`excluded.reason`,
            markedBy: sql`excluded.marked_by`, markedAt: sql`excluded.marked_at`,
          },
        });
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
    async insertGrades(rows) {
      if (!rows.length) return [];
      return (await db.insert(grades).values(rows).returning()).map(toGrade);
    },
    async markGradeDeleted(id, at) {
      const [row] = await db.update(grades).set({ deletedAt: at, updatedAt: at }).where(eq(grades.id, id)).returning();
      return toGrade(row!);
    },
    async gradesByExternalIds(schoolId, externalIds) {
      if (!externalIds.length) return [];
      const rows = await db.select().from(grades).where(and(eq(grades.schoolId, schoolId), inArray(grades.externalId, externalIds)));
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
            courseId: sql`excluded.course_id`, lessonId: sql`excluded.lesson_id`, studentId: sql`excluded.student_id`, kind: sql`excluded.kind`, term: sql`excluded.term`,
            value: sql`excluded.value`, comment: sql`excluded.comment`, date: sql`excluded.date`,
            updatedAt: sql`excluded.updated_at`, deletedAt: null,
          },
        })
        .returning();
      return written.map(toGrade);
    },
  };
}
