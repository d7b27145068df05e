import { sql, type SQL } from 'drizzle-orm';
import type { ReportQuery } from '../../../domain/reports/types.js';
import { groupFilter, pct, reportGroupOf } from './shared.js';

/**
 * `ls, sl, marks, sm` CTEs: per group, student and month, the lessons held while the student
 * was in the group (`lessons`) and the marks that count. The marks are read per lesson from
 * the partial index of non-present marks (a few rows a lesson) instead of probing it once per
 * student-lesson, and are kept only for a student enrolled in the lesson's group that day.
 * A subgroup's lessons count under its class (`class_id`), for the subgroup's members.
 */
export function studentMonths(q: ReportQuery): SQL {
  return sql`
    ls AS (
      SELECT l.id, l.group_id, ${reportGroupOf('lg')} AS class_id, l.date, to_char(l.date, 'YYYY-MM') AS month
      FROM lessons l JOIN groups lg ON lg.id = l.group_id
      WHERE l.school_id = ${q.schoolId} AND l.date BETWEEN ${q.from} AND ${q.to} AND l.status <> 'cancelled'${groupFilter(sql`l.group_id`, q)}
    ),
    sl AS (
      SELECT ls.class_id AS group_id, e.student_id, ls.month, count(*)::int AS lessons
      FROM ls JOIN enrollments e ON e.group_id = ls.group_id AND e.from_date <= ls.date AND (e.to_date IS NULL OR e.to_date >= ls.date)
      GROUP BY ls.class_id, e.student_id, ls.month
    ),
    marks AS (
      SELECT ls.class_id AS group_id, a.student_id, ls.month,
        count(*) FILTER (WHERE a.status = 'absent')::int AS absent, count(*) FILTER (WHERE a.status = 'sick')::int AS sick,
        count(*) FILTER (WHERE a.status = 'excused')::int AS excused, count(*) FILTER (WHERE a.status = 'late')::int AS late
      FROM ls JOIN attendance a ON a.lesson_id = ls.id AND a.status <> 'present'
      WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = a.student_id AND e.group_id = ls.group_id
                    AND e.from_date <= ls.date AND (e.to_date IS NULL OR e.to_date >= ls.date))
      GROUP BY ls.class_id, a.student_id, ls.month
    ),
    sm AS (
      SELECT sl.group_id, sl.student_id, sl.month, sl.lessons,
        coalesce(m.absent, 0) AS absent, coalesce(m.sick, 0) AS sick, coalesce(m.excused, 0) AS excused, coalesce(m.late, 0) AS late
      FROM sl LEFT JOIN marks m ON m.group_id = sl.group_id AND m.student_id = sl.student_id AND m.month = sl.month
    )`;
}

/** The counts over `sm` rows, as `ATTENDANCE_COUNTS` gives them over student-lessons. */
export const SUMMED_COUNTS = sql`
  sum(lessons)::int AS lessons, sum(absent)::int AS absent, sum(sick)::int AS sick, sum(excused)::int AS excused, sum(late)::int AS late,
  sum(absent + sick + excused)::int AS missed,
  ${pct(sql`sum(absent + sick + excused)`, sql`sum(lessons)`)} AS missed_percent`;

/** Sorts by a key computed once per row rather than in every comparison (names are joined strings). */
export function sortedBy<T, K>(rows: Iterable<T>, key: (row: T) => K, compare: (a: K, b: K) => number): T[] {
  return [...rows]
    .map((row) => ({ row, key: key(row) }))
    .sort((a, b) => compare(a.key, b.key))
    .map((k) => k.row);
}
