import { type SQL, sql } from 'drizzle-orm';
import type { ClassDailyQuery } from '../../../domain/class-daily/types.js';

/** An unexplained absence: «н» with no reason, and no parent's answer but «не знаю». */
const UNEXPLAINED = sql`a.status = 'absent' AND a.reason IS NULL AND coalesce(a.parent_explanation, 'unknown') = 'unknown'`;

/**
 * The facts of the class teachers' daily messages as CTEs over `p` (one row per school run,
 * `teacher_id` narrowing to one class teacher): `away` (absent from every lesson of the class
 * today at which attendance was taken and they were on the roster, with `unexplained`), `streak`
 * (absent so on the last `days` days the class had lessons), `failing` (failing marks of the
 * class's students changed in the window) and `flags` (given to this day's message).
 *
 * A lesson counts once it has marks: they exist only after its attendance was taken (the save
 * writes a row per student on the roster), so no fill stamp is needed.
 *
 * Every step starts from an index of a school's day: lessons_school_date, attendance_not_present
 * then the (lesson, student) key for the few absent students, grades_failing, class_flags_delivered.
 */
export function newsCte(queries: ClassDailyQuery[], teacherId: number | null): SQL {
  const params = JSON.stringify(
    queries.map((q) => ({
      school_id: q.schoolId,
      date: q.date,
      since: q.since.toISOString(),
      until: q.until.toISOString(),
      days: q.absentDays,
      failing: q.failing,
      teacher_id: teacherId,
    })),
  );
  return sql`
    WITH p AS (
      SELECT * FROM jsonb_to_recordset(${params}::jsonb)
        AS p(school_id int, date date, since timestamptz, until timestamptz, days int, failing text[], teacher_id int)
    ),
    cls AS MATERIALIZED (
      SELECT g.id AS class_id, g.name AS class_name, g.class_teacher_id AS teacher_id, p.school_id, p.date, p.days
      FROM p JOIN groups g ON g.school_id = p.school_id AND g.kind = 'class' AND g.class_teacher_id IS NOT NULL
      WHERE p.teacher_id IS NULL OR g.class_teacher_id = p.teacher_id
    ),
    day AS MATERIALIZED (
      SELECT l.id AS lesson_id, c.class_id
      FROM p JOIN lessons l ON l.school_id = p.school_id AND l.date = p.date
      JOIN groups g ON g.id = l.group_id
      JOIN cls c ON c.class_id = coalesce(g.parent_group_id, g.id)
      WHERE l.status = 'scheduled'
    ),
    away AS MATERIALIZED (
      SELECT d.class_id, a.student_id, count(*)::int AS lessons, bool_and(${UNEXPLAINED}) AS unexplained
      FROM day d JOIN attendance a ON a.lesson_id = d.lesson_id AND a.status <> 'present'
      WHERE a.status IN ('absent', 'sick', 'excused')
      GROUP BY d.class_id, a.student_id
      HAVING NOT EXISTS (
        SELECT 1 FROM day d2 JOIN attendance a2 ON a2.lesson_id = d2.lesson_id AND a2.student_id = a.student_id
        WHERE d2.class_id = d.class_id AND a2.status IN ('present', 'late'))
    ),
    streak AS (
      SELECT w.class_id, w.student_id, c.days AS lessons
      FROM away w JOIN cls c ON c.class_id = w.class_id
      WHERE c.days = (
        SELECT count(*) FROM (
          SELECT l.date FROM lessons l
          WHERE l.group_id = w.class_id AND l.date <= c.date AND l.status = 'scheduled'
          GROUP BY l.date ORDER BY l.date DESC LIMIT c.days) sd
        WHERE EXISTS (
            SELECT 1 FROM lessons l JOIN attendance a ON a.lesson_id = l.id AND a.student_id = w.student_id
            WHERE l.group_id = w.class_id AND l.date = sd.date AND l.status = 'scheduled' AND a.status IN ('absent', 'sick', 'excused'))
          AND NOT EXISTS (
            SELECT 1 FROM lessons l JOIN attendance a ON a.lesson_id = l.id AND a.student_id = w.student_id
            WHERE l.group_id = w.class_id AND l.date = sd.date AND l.status = 'scheduled' AND a.status IN ('present', 'late')))
    ),
    failing AS (
      SELECT c.class_id, gr.student_id, gr.course_id, gr.value, gr.kind, gr.term, gr.date
      FROM p JOIN grades gr ON gr.school_id = p.school_id
        AND gr.updated_at > p.since AND gr.updated_at <= p.until
        AND gr.value IN ('1', '2', 'fail') AND gr.deleted_at IS NULL
      JOIN enrollments e ON e.student_id = gr.student_id AND e.from_date <= p.date AND (e.to_date IS NULL OR e.to_date >= p.date)
      JOIN cls c ON c.class_id = e.group_id
      WHERE gr.value = ANY(p.failing) AND gr.kind IN ('current', 'term', 'year')
    ),
    flags AS (
      SELECT c.class_id, f.student_id, f.lesson_id, f.teacher_id, f.reason, f.id
      FROM p JOIN class_flags f ON f.school_id = p.school_id AND f.delivered_on = p.date
      JOIN enrollments e ON e.student_id = f.student_id AND e.from_date <= p.date AND (e.to_date IS NULL OR e.to_date >= p.date)
      JOIN cls c ON c.class_id = e.group_id
    )`;
}
