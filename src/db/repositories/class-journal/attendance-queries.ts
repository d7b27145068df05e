import { sql } from 'drizzle-orm';
import type { ClassJournalRepository, StudentLessonRow } from '../../../domain/class-journal/types.js';
import type { AbsenceAnswer } from '../../../domain/family/types.js';
import type { AttendanceStatus, LessonStatus } from '../../../domain/lessons/types.js';
import type { Executor } from '../../client.js';
import { byName } from '../journal/roster-queries.js';

type Queries = Pick<ClassJournalRepository, 'group' | 'studentsBetween' | 'studentLessons'>;

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

export function createAttendanceQueries(db: Executor): Queries {
  return {
    async group(groupId) {
      const [row] = await db.execute<{
        id: number;
        school_id: number;
        name: string;
        grade_level: number | null;
        class_teacher_id: number | null;
      }>(sql`SELECT id, school_id, name, grade_level, class_teacher_id FROM groups WHERE id = ${groupId}`);
      return row
        ? { id: row.id, schoolId: row.school_id, name: row.name, gradeLevel: row.grade_level, classTeacherId: row.class_teacher_id }
        : null;
    },

    async studentsBetween(groupId, from, to) {
      const rows = await db.execute<{ id: number; last_name: string; first_name: string; middle_name: string | null }>(sql`
        SELECT DISTINCT s.id, s.last_name, s.first_name, s.middle_name
        FROM enrollments e JOIN students s ON s.id = e.student_id
        WHERE e.group_id = ${groupId} AND e.from_date <= ${to}::date AND (e.to_date IS NULL OR e.to_date >= ${from}::date)`);
      return rows
        .map((r) => ({ id: r.id, lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name }))
        .sort(byName)
        .map(({ id, lastName, firstName }) => ({ id, lastName, firstName }));
    },

    async studentLessons(groupId, from, to) {
      // A student's lessons on a day they were in the class: the class's own, its subgroups'
      // and the clubs' they were enrolled in that day.
      const rows = await db.execute<{
        lesson_id: number;
        date: string;
        period: number | null;
        starts_at: string | Date;
        subject: string;
        group_name: string;
        status: string;
        filled: boolean;
        student_id: number;
        mark: string | null;
        explanation: string | null;
      }>(sql`
        WITH cls AS (
          SELECT e.student_id, e.from_date, e.to_date FROM enrollments e
          WHERE e.group_id = ${groupId} AND e.from_date <= ${to}::date AND (e.to_date IS NULL OR e.to_date >= ${from}::date)
        )
        SELECT DISTINCT ON (l.id, cls.student_id)
          l.id AS lesson_id, l.date::text AS date, l.period, l.starts_at, sub.name AS subject, gr.name AS group_name, l.status,
          l.attendance_filled_at IS NOT NULL AS filled, cls.student_id, a.status AS mark, a.parent_explanation AS explanation
        FROM cls
        JOIN enrollments e ON e.student_id = cls.student_id
        JOIN groups gr ON gr.id = e.group_id AND (gr.id = ${groupId} OR gr.parent_group_id = ${groupId} OR gr.kind = 'club')
        JOIN lessons l ON l.group_id = gr.id AND l.date BETWEEN ${from}::date AND ${to}::date
          AND l.date >= cls.from_date AND (cls.to_date IS NULL OR l.date <= cls.to_date)
          AND l.date >= e.from_date AND (e.to_date IS NULL OR l.date <= e.to_date)
        JOIN courses c ON c.id = l.course_id JOIN subjects sub ON sub.id = c.subject_id
        LEFT JOIN attendance a ON a.lesson_id = l.id AND a.student_id = cls.student_id
        ORDER BY l.id, cls.student_id`);
      return rows
        .map(
          (r): StudentLessonRow => ({
            lessonId: r.lesson_id,
            date: r.date,
            period: r.period,
            startsAt: toDate(r.starts_at),
            subject: r.subject,
            groupName: r.group_name,
            status: r.status as LessonStatus,
            filled: r.filled,
            studentId: r.student_id,
            mark: r.mark as AttendanceStatus | null,
            parentExplanation: r.explanation as AbsenceAnswer | null,
          }),
        )
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.lessonId - b.lessonId);
    },
  };
}
