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
export function newsCte(queries: ClassDailyQuery[], teacherId: number | null, options: { streakOnlyWithoutNews?: boolean } = {}): SQL {
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
  // Who has news needs a streak only in a class with nothing else to report: it is the dearest line.
  const quietOnly = options.streakOnlyWithoutNews
    ? sql`WHERE class_id NOT IN (SELECT class_id FROM away WHERE unexplained UNION SELECT class_id FROM failing UNION SELECT class_id FROM flags)`
    : sql``;
  return sql`
    WITH p AS (
      SELECT * FROM jsonb_to_recordset(${params}::jsonb)
        AS p(school_id int, date date, since timestamptz, until timestamptz, days int, failing text[], teacher_id int)
    ),
    cls AS MATERIALIZED (
      SELECT g.id AS class_id, g.name AS class_name, g.class_teacher_id AS teacher_id, p.school_id
      FROM p JOIN groups g ON g.school_id = p.school_id AND g.kind = 'class' AND g.class_teacher_id IS NOT NULL
      WHERE p.teacher_id IS NULL OR g.class_teacher_id = p.teacher_id
    ),
    day AS MATERIALIZED (
      -- Groups are joined by key, not through cls: its row count is unknown to the planner.
      SELECT x.lesson_id, cg.id AS class_id, p.date, p.days, count(*) OVER (PARTITION BY cg.id)::int AS class_lessons
      FROM p CROSS JOIN LATERAL (
        SELECT l.id AS lesson_id, l.group_id FROM lessons l
        WHERE l.school_id = p.school_id AND l.date = p.date AND l.status = 'scheduled' OFFSET 0) x
      JOIN groups g ON g.id = x.group_id
      JOIN groups cg ON cg.id = coalesce(g.parent_group_id, g.id) AND cg.kind = 'class' AND cg.class_teacher_id IS NOT NULL
      WHERE p.teacher_id IS NULL OR cg.class_teacher_id = p.teacher_id
    ),
    absent_marks AS MATERIALIZED (
      SELECT d.class_id, d.date, d.days, d.class_lessons, a.student_id, count(*)::int AS lessons, bool_and(${UNEXPLAINED}) AS unexplained
      FROM day d JOIN attendance a ON a.lesson_id = d.lesson_id AND a.status <> 'present'
      GROUP BY d.class_id, d.date, d.days, d.class_lessons, a.student_id
      HAVING bool_and(a.status IN ('absent', 'sick', 'excused'))
    ),
    away AS MATERIALIZED (
      -- Every mark of the day is an absence: plainly so when absent from every lesson of the class
      -- today (one mark a lesson), else as many marks as absences, probed by (lesson, student).
      SELECT m.class_id, m.date, m.days, m.student_id, m.lessons, m.unexplained
      FROM absent_marks m WHERE m.lessons = m.class_lessons
      UNION ALL
      SELECT m.class_id, m.date, m.days, m.student_id, m.lessons, m.unexplained
      FROM absent_marks m JOIN day d ON d.class_id = m.class_id
      JOIN attendance a ON a.lesson_id = d.lesson_id AND a.student_id = m.student_id
      WHERE m.lessons < m.class_lessons
      GROUP BY m.class_id, m.date, m.days, m.student_id, m.lessons, m.unexplained
      HAVING count(*) = m.lessons
    ),
    failing AS (
      SELECT g.id AS class_id, x.student_id, x.course_id, x.value, x.kind, x.term
      FROM p CROSS JOIN LATERAL (
        SELECT gr.student_id, gr.course_id, gr.value, gr.kind, gr.term FROM grades gr
        WHERE gr.school_id = p.school_id AND gr.updated_at > p.since AND gr.updated_at <= p.until
          AND gr.value IN ('1', '2', 'fail') AND gr.deleted_at IS NULL OFFSET 0) x
      JOIN enrollments e ON e.student_id = x.student_id AND e.from_date <= p.date AND (e.to_date IS NULL OR e.to_date >= p.date)
      JOIN groups g ON g.id = e.group_id AND g.kind = 'class' AND g.class_teacher_id IS NOT NULL
      WHERE x.value = ANY(p.failing) AND x.kind IN ('current', 'term', 'year')
        AND (p.teacher_id IS NULL OR g.class_teacher_id = p.teacher_id)
    ),
    flags AS (
      SELECT g.id AS class_id, f.student_id, f.lesson_id, f.teacher_id, f.reason, f.id
      FROM p JOIN class_flags f ON f.school_id = p.school_id AND f.delivered_on = p.date
      JOIN enrollments e ON e.student_id = f.student_id AND e.from_date <= p.date AND (e.to_date IS NULL OR e.to_date >= p.date)
      JOIN groups g ON g.id = e.group_id AND g.kind = 'class' AND g.class_teacher_id IS NOT NULL
      WHERE p.teacher_id IS NULL OR g.class_teacher_id = p.teacher_id
    ),
    streak_lessons AS MATERIALIZED (
      -- The lessons of the class's last "days" school days (days it had lessons), for classes with someone away today.
      SELECT w.class_id, w.days, sd.date, l.id AS lesson_id
      FROM (SELECT DISTINCT class_id, date, days FROM away ${quietOnly}) w,
      LATERAL (
        SELECT l.date FROM lessons l WHERE l.group_id = w.class_id AND l.date <= w.date AND l.status = 'scheduled'
        GROUP BY l.date ORDER BY l.date DESC LIMIT w.days) sd,
      lessons l
      WHERE l.group_id = w.class_id AND l.date = sd.date AND l.status = 'scheduled'
    ),
    streak AS (
      SELECT w.class_id, w.student_id, w.days AS lessons
      FROM away w JOIN streak_lessons sl ON sl.class_id = w.class_id
      JOIN attendance a ON a.lesson_id = sl.lesson_id AND a.student_id = w.student_id
      GROUP BY w.class_id, w.student_id, w.days
      HAVING count(*) FILTER (WHERE a.status IN ('present', 'late')) = 0 AND count(DISTINCT sl.date) = w.days
    )`;
}
