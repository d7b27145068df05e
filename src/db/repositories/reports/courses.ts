import { sql } from 'drizzle-orm';
import type { CourseReportQueries } from '../../../domain/reports/course/types.js';
import type { Executor } from '../../client.js';
import { groupLabelText, groupLevelText } from '../group-label.js';
import { compareRu, fullName, nameKey } from './shared.js';

type CourseColumns = { course_id: number; group_id: number; group_name: string; subject_name: string };
const byCourse = (a: CourseColumns, b: CourseColumns) =>
  compareRu(a.group_name, b.group_name) ||
  a.group_id - b.group_id ||
  compareRu(a.subject_name, b.subject_name) ||
  a.course_id - b.course_id;

/** The subject teacher's own courses: what «Отчёты» of a teacher reads. */
export function createCourseReports(db: Executor): CourseReportQueries {
  return {
    async teacherCourses(schoolId, teacherId) {
      const rows = await db.execute<CourseColumns & { grade_level: number | null }>(sql`
        SELECT c.id AS course_id, c.group_id, ${sql.raw(groupLabelText('g'))} AS group_name, sub.name AS subject_name,
          ${sql.raw(groupLevelText('g'))} AS grade_level
        FROM courses c JOIN groups g ON g.id = c.group_id JOIN subjects sub ON sub.id = c.subject_id
        WHERE c.school_id = ${schoolId} AND c.teacher_id = ${teacherId}`);
      return [...rows].sort(byCourse).map((r) => ({
        courseId: r.course_id,
        groupId: r.group_id,
        groupName: r.group_name,
        subjectName: r.subject_name,
        gradeLevel: r.grade_level,
      }));
    },

    async courseAttendance(courseId, from, to) {
      // Student-lessons of the course: each held lesson with the students in its group that day.
      const rows = await db.execute<{
        student_id: number;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        lessons: number;
        absent: number;
        sick: number;
        excused: number;
        late: number;
      }>(sql`
        WITH sl AS (
          SELECT l.id AS lesson_id, e.student_id
          FROM lessons l
          JOIN enrollments e ON e.group_id = l.group_id AND e.from_date <= l.date AND (e.to_date IS NULL OR e.to_date >= l.date)
          WHERE l.course_id = ${courseId} AND l.date BETWEEN ${from} AND ${to} AND l.status <> 'cancelled'
        ),
        agg AS (
          SELECT sl.student_id, count(*)::int AS lessons,
            count(*) FILTER (WHERE a.status = 'absent')::int AS absent, count(*) FILTER (WHERE a.status = 'sick')::int AS sick,
            count(*) FILTER (WHERE a.status = 'excused')::int AS excused, count(*) FILTER (WHERE a.status = 'late')::int AS late
          FROM sl LEFT JOIN attendance a ON a.lesson_id = sl.lesson_id AND a.student_id = sl.student_id AND a.status <> 'present'
          GROUP BY sl.student_id
        )
        SELECT agg.*, s.last_name, s.first_name, s.middle_name FROM agg JOIN students s ON s.id = agg.student_id`);
      return [...rows]
        .sort((a, b) => compareRu(nameKey(a), nameKey(b)) || a.student_id - b.student_id)
        .map((r) => ({
          studentId: r.student_id,
          studentName: fullName(r),
          lessons: r.lessons,
          absent: r.absent,
          sick: r.sick,
          excused: r.excused,
          late: r.late,
          missed: r.absent + r.sick + r.excused,
        }));
    },

    async teacherPlan(schoolId, teacherId, from, to) {
      const rows = await db.execute<
        CourseColumns & {
          planned_hours: number | null;
          ktp_topics: number;
          ktp_hours: number;
          scheduled: number;
          held: number;
          topics: number;
        }
      >(sql`
        WITH mine AS (SELECT c.* FROM courses c WHERE c.school_id = ${schoolId} AND c.teacher_id = ${teacherId}),
        ls AS (
          SELECT l.course_id, count(*)::int AS scheduled, count(*) FILTER (WHERE l.status <> 'cancelled')::int AS held,
            count(*) FILTER (WHERE l.status <> 'cancelled' AND nullif(btrim(l.topic), '') IS NOT NULL)::int AS topics
          FROM lessons l JOIN mine ON mine.id = l.course_id
          WHERE l.date BETWEEN ${from} AND ${to}
          GROUP BY l.course_id
        ),
        ktp AS (
          SELECT p.course_id, count(*)::int AS topics, sum(p.hours)::int AS hours
          FROM plan_items p JOIN mine ON mine.id = p.course_id GROUP BY p.course_id
        )
        SELECT mine.id AS course_id, mine.group_id, ${sql.raw(groupLabelText('g'))} AS group_name, sub.name AS subject_name,
          mine.planned_hours, coalesce(ktp.topics, 0) AS ktp_topics, coalesce(ktp.hours, 0) AS ktp_hours,
          coalesce(ls.scheduled, 0) AS scheduled, coalesce(ls.held, 0) AS held, coalesce(ls.topics, 0) AS topics
        FROM mine JOIN groups g ON g.id = mine.group_id JOIN subjects sub ON sub.id = mine.subject_id
        LEFT JOIN ls ON ls.course_id = mine.id LEFT JOIN ktp ON ktp.course_id = mine.id`);
      return [...rows].sort(byCourse).map((r) => ({
        courseId: r.course_id,
        groupName: r.group_name,
        subjectName: r.subject_name,
        plannedHours: r.planned_hours,
        ktpTopics: r.ktp_topics,
        ktpHours: r.ktp_hours,
        scheduled: r.scheduled,
        held: r.held,
        topicsEntered: r.topics,
      }));
    },
  };
}
