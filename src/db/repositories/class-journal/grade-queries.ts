import { sql } from 'drizzle-orm';
import type { ClassJournalRepository } from '../../../domain/class-journal/types.js';
import type { Executor } from '../../client.js';

type Queries = Pick<ClassJournalRepository, 'subjects' | 'currentGrades'>;

/** The class and its subgroups: where the class's subjects are taught. */
const taughtIn = (groupId: number) => sql`SELECT id FROM groups WHERE id = ${groupId} OR parent_group_id = ${groupId}`;

export function createGradeQueries(db: Executor): Queries {
  return {
    async subjects(groupId) {
      const rows = await db.execute<{ id: number; name: string }>(sql`
        SELECT DISTINCT s.id, s.name FROM courses c JOIN subjects s ON s.id = c.subject_id
        WHERE c.group_id IN (${taughtIn(groupId)})`);
      const collator = new Intl.Collator('ru');
      return rows.map((r) => ({ id: r.id, name: r.name })).sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
    },

    async currentGrades(groupId, from, to) {
      // A grade weighs as its own work type, or else its lesson's (as in the parent's period screens).
      const rows = await db.execute<{ student_id: number; subject_id: number; value: string; work_type: string | null; date: string }>(sql`
        SELECT g.student_id, c.subject_id, g.value, COALESCE(g.work_type, l.work_type) AS work_type, g.date::text AS date
        FROM grades g JOIN courses c ON c.id = g.course_id LEFT JOIN lessons l ON l.id = g.lesson_id
        WHERE g.kind = 'current' AND g.deleted_at IS NULL AND g.date BETWEEN ${from}::date AND ${to}::date
          AND g.student_id IN (
            SELECT e.student_id FROM enrollments e
            WHERE e.group_id = ${groupId} AND e.from_date <= ${to}::date AND (e.to_date IS NULL OR e.to_date >= ${from}::date))
          AND c.subject_id IN (SELECT c2.subject_id FROM courses c2 WHERE c2.group_id IN (${taughtIn(groupId)}))
        ORDER BY g.date, g.id`);
      return rows.map((r) => ({ studentId: r.student_id, subjectId: r.subject_id, value: r.value, workType: r.work_type, date: r.date }));
    },
  };
}
