import { sql } from 'drizzle-orm';
import type { ReportsRepository } from '../../../domain/reports/types.js';
import type { Executor } from '../../client.js';
import { groupLabelText, groupLevelText } from '../group-label.js';
import { compareCourseRows, fullName, groupFilter, reportGroupOf } from './shared.js';

type Queries = Pick<ReportsRepository, 'workLessons'>;

export function createWorkLessonReports(db: Executor): Queries {
  return {
    async workLessons(q, workTypes) {
      // The period is the one of the group's grade level on the lesson's date; a group without a
      // level, or a date outside every loaded period, has none.
      const rows = await db.execute<{
        group_id: number;
        group_name: string;
        course_id: number;
        subject_name: string;
        lesson_id: number;
        date: string;
        starts_at: string;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        topic: string | null;
        work_type: string;
        period_kind: string | null;
        period_number: number | null;
      }>(sql`
        SELECT ${reportGroupOf('g')} AS group_id, ${sql.raw(groupLabelText('g'))} AS group_name, l.course_id, sub.name AS subject_name, l.id AS lesson_id,
          to_char(l.date, 'YYYY-MM-DD') AS date, l.starts_at::text AS starts_at,
          u.last_name, u.first_name, u.middle_name, l.topic, l.work_type,
          sp.kind AS period_kind, sp.number AS period_number
        FROM lessons l
        JOIN groups g ON g.id = l.group_id
        JOIN courses c ON c.id = l.course_id
        JOIN subjects sub ON sub.id = c.subject_id
        JOIN users u ON u.id = coalesce(l.substitute_id, l.teacher_id)
        LEFT JOIN LATERAL (
          SELECT p.kind, p.number FROM study_periods p
          WHERE p.school_id = l.school_id AND ${sql.raw(groupLevelText('g'))} = ANY (p.grade_levels) AND l.date BETWEEN p.from_date AND p.to_date
          ORDER BY p.from_date LIMIT 1
        ) sp ON true
        WHERE l.school_id = ${q.schoolId} AND l.date BETWEEN ${q.from} AND ${q.to} AND l.status <> 'cancelled'
          AND l.work_type IN (${sql.join(
            workTypes.map((w) => sql`${w}`),
            sql`, `,
          )})${groupFilter(sql`l.group_id`, q)}`);
      return [...rows]
        .sort((a, b) => compareCourseRows(a, b) || a.starts_at.localeCompare(b.starts_at) || a.lesson_id - b.lesson_id)
        .map((r) => ({
          groupId: r.group_id,
          groupName: r.group_name,
          courseId: r.course_id,
          subjectName: r.subject_name,
          lessonId: r.lesson_id,
          date: r.date,
          teacherName: fullName(r),
          topic: r.topic,
          workType: r.work_type,
          periodKind: r.period_kind,
          periodNumber: r.period_number,
        }));
    },
  };
}
