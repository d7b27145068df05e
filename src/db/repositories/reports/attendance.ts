import { sql } from 'drizzle-orm';
import type { ReportsRepository } from '../../../domain/reports/types.js';
import type { Executor } from '../../client.js';
import { ATTENDANCE_COUNTS, compareMonth, compareRu, counts, fullName, nameKey, studentLessons, type CountColumns } from './shared.js';
import { SUMMED_COUNTS, sortedBy, studentMonths } from './student-months.js';

type Queries = Pick<ReportsRepository, 'attendanceSummary' | 'classAttendance' | 'regionDaily'>;

export function createAttendanceReports(db: Executor): Queries {
  return {
    async attendanceSummary(q) {
      const rows = await db.execute<
        CountColumns & {
          group_id: number;
          group_name: string;
          student_id: number;
          last_name: string;
          first_name: string;
          middle_name: string | null;
          month: string | null;
        }
      >(sql`
        -- Names are joined after the counts, through the school's own rows (an index on school_id):
        -- the planner's row estimate for agg is high, and it would rather scan every student of the region.
        WITH ${studentMonths(q)},
        agg AS (
          SELECT group_id, student_id, CASE WHEN grouping(month) = 0 THEN month END AS month, ${SUMMED_COUNTS}
          FROM sm GROUP BY GROUPING SETS ((group_id, student_id, month), (group_id, student_id))
        )
        SELECT agg.*, g.name AS group_name, s.last_name, s.first_name, s.middle_name
        FROM agg JOIN groups g ON g.id = agg.group_id AND g.school_id = ${q.schoolId}
        JOIN students s ON s.id = agg.student_id AND s.school_id = ${q.schoolId}`);
      return sortedBy(
        rows,
        (r) => ({ r, name: nameKey(r) }),
        (a, b) =>
          compareRu(a.r.group_name, b.r.group_name) ||
          a.r.group_id - b.r.group_id ||
          compareRu(a.name, b.name) ||
          a.r.student_id - b.r.student_id ||
          compareMonth(a.r.month, b.r.month),
      ).map((r) => ({
        groupId: r.group_id,
        groupName: r.group_name,
        studentId: r.student_id,
        studentName: fullName(r),
        month: r.month,
        ...counts(r),
      }));
    },

    async classAttendance(q) {
      const rows = await db.execute<
        CountColumns & { group_id: number; group_name: string; month: string | null; students: number; lessons_held: number }
      >(sql`
        WITH sl AS (${studentLessons(q)}),
        agg AS (
          SELECT sl.group_id, CASE WHEN grouping(sl.month) = 0 THEN sl.month END AS month,
            count(DISTINCT sl.student_id)::int AS students, count(DISTINCT sl.lesson_id)::int AS lessons_held, ${ATTENDANCE_COUNTS}
          FROM sl LEFT JOIN attendance a ON a.lesson_id = sl.lesson_id AND a.student_id = sl.student_id AND a.status <> 'present'
          GROUP BY GROUPING SETS ((sl.group_id, sl.month), (sl.group_id))
        )
        SELECT agg.*, g.name AS group_name FROM agg JOIN groups g ON g.id = agg.group_id AND g.school_id = ${q.schoolId}`);
      return [...rows]
        .sort((a, b) => compareRu(a.group_name, b.group_name) || a.group_id - b.group_id || compareMonth(a.month, b.month))
        .map((r) => ({
          groupId: r.group_id,
          groupName: r.group_name,
          month: r.month,
          students: r.students,
          lessonsHeld: r.lessons_held,
          ...counts(r),
        }));
    },

    async regionDaily(date) {
      // Student-lessons come from the enrollments of each lesson's group; absences from the marks.
      const rows = await db.execute<{
        school_id: number;
        school_name: string;
        lessons_held: number;
        student_lessons: number;
        absent: number;
        sick: number;
        excused: number;
        late: number;
      }>(sql`
        WITH day AS (
          SELECT l.id, l.school_id, l.group_id FROM lessons l WHERE l.date = ${date} AND l.status <> 'cancelled'
        ),
        enrolled AS (
          SELECT day.school_id, count(*)::int AS student_lessons
          FROM day JOIN enrollments e ON e.group_id = day.group_id AND e.from_date <= ${date} AND (e.to_date IS NULL OR e.to_date >= ${date})
          GROUP BY day.school_id
        ),
        marks AS (
          SELECT day.school_id,
            count(*) FILTER (WHERE a.status = 'absent')::int AS absent, count(*) FILTER (WHERE a.status = 'sick')::int AS sick,
            count(*) FILTER (WHERE a.status = 'excused')::int AS excused, count(*) FILTER (WHERE a.status = 'late')::int AS late
          FROM day JOIN attendance a ON a.lesson_id = day.id AND a.status <> 'present'
          GROUP BY day.school_id
        ),
        held AS (SELECT school_id, count(*)::int AS lessons_held FROM day GROUP BY school_id)
        SELECT s.id AS school_id, s.name AS school_name, held.lessons_held, coalesce(enrolled.student_lessons, 0) AS student_lessons,
          coalesce(marks.absent, 0) AS absent, coalesce(marks.sick, 0) AS sick, coalesce(marks.excused, 0) AS excused, coalesce(marks.late, 0) AS late
        FROM held JOIN schools s ON s.id = held.school_id
        LEFT JOIN enrolled ON enrolled.school_id = held.school_id LEFT JOIN marks ON marks.school_id = held.school_id
        ORDER BY s.id`);
      return rows.map((r) => ({
        schoolId: r.school_id,
        schoolName: r.school_name,
        lessonsHeld: r.lessons_held,
        studentLessons: r.student_lessons,
        absent: r.absent,
        sick: r.sick,
        excused: r.excused,
        late: r.late,
      }));
    },
  };
}
