import { sql } from 'drizzle-orm';
import type { ChildPeriodRepository, PeriodSubjectRow } from '../../domain/family/period-types.js';
import type { Executor } from '../client.js';

/** The queries behind a parent's period screens (src/domain/family/period-views.ts). */
export function createChildPeriodRepository(db: Executor): ChildPeriodRepository {
  return {
    async gradeLevelOn(studentId, date) {
      const [row] = await db.execute<{ grade_level: number | null }>(sql`
        SELECT gr.grade_level
        FROM enrollments e JOIN groups gr ON gr.id = e.group_id
        WHERE e.student_id = ${studentId} AND gr.kind = 'class'
          AND e.from_date <= ${date}::date AND (e.to_date IS NULL OR e.to_date >= ${date}::date)
        ORDER BY e.from_date DESC, e.id DESC
        LIMIT 1`);
      return row?.grade_level ?? null;
    },
    async periodGrades(studentId, w, subjectId) {
      // A grade's work type is its own, or else its lesson's (a контрольная lesson makes its marks weigh as one).
      const rows = await db.execute<{
        id: number;
        name: string;
        marks: PeriodSubjectRow['marks'] | null;
        term_grade: string | null;
      }>(sql`
        WITH taken AS (
          SELECT c.subject_id
          FROM enrollments e JOIN courses c ON c.group_id = e.group_id
          WHERE e.student_id = ${studentId} AND e.from_date <= ${w.to}::date AND (e.to_date IS NULL OR e.to_date >= ${w.from}::date)
        ), marks AS (
          SELECT c.subject_id, g.id, g.kind, g.value, g.date, g.comment, COALESCE(g.work_type, l.work_type) AS work_type
          FROM grades g
          JOIN courses c ON c.id = g.course_id
          LEFT JOIN lessons l ON l.id = g.lesson_id
          WHERE g.student_id = ${studentId} AND g.deleted_at IS NULL
            AND ((g.kind = 'current' AND g.date BETWEEN ${w.from}::date AND ${w.to}::date)
              OR (g.kind = 'term' AND g.date BETWEEN ${w.from}::date AND ${w.termTo}::date
                  AND (${w.term}::int IS NULL OR g.term = ${w.term}::int)))
        )
        SELECT s.id, s.name,
          (SELECT json_agg(json_build_object('date', m.date, 'value', m.value, 'workType', m.work_type, 'comment', m.comment)
                           ORDER BY m.date, m.id)
             FROM marks m WHERE m.subject_id = s.id AND m.kind = 'current') AS marks,
          (SELECT m.value FROM marks m WHERE m.subject_id = s.id AND m.kind = 'term' ORDER BY m.date DESC, m.id DESC LIMIT 1) AS term_grade
        FROM subjects s
        WHERE s.id IN (SELECT subject_id FROM taken UNION SELECT subject_id FROM marks)
          AND (${subjectId ?? null}::int IS NULL OR s.id = ${subjectId ?? null}::int)
        ORDER BY s.name, s.id`);
      return rows.map((r) => ({ subjectId: r.id, subject: r.name, marks: r.marks ?? [], termGrade: r.term_grade }));
    },
  };
}
