/**
 * The class teachers' daily messages and the heads of department's alerts on the compliance
 * benchmark's region. Each class's course teacher leads the class; the last three days carry
 * attendance (25 rows a lesson: one student away every day, one sick today, one away from
 * the first lesson only, one away all day today without a reason), every class has three new
 * 2s and one subject teacher's flag. The attendance rows are written without the lessons'
 * fill stamps, so the reminder and escalation lines still measure an open last day (a saved
 * lesson has both; the message reads the marks).
 */
import type { Sql } from 'postgres';
import { indexScan, type IndexScan } from '../lib/index-scan.js';

export async function seedClassDaily(sql: Sql, lastDay: string): Promise<void> {
  await sql.unsafe(`
    UPDATE groups g SET class_teacher_id = c.teacher_id FROM courses c WHERE c.group_id = g.id;
    INSERT INTO attendance (lesson_id, student_id, status)
    SELECT l.id, st.id,
           CASE WHEN k.n = 1 THEN 'absent'
                WHEN k.n = 2 AND l.date = '${lastDay}' THEN 'sick'
                WHEN k.n = 3 AND l.date = '${lastDay}' AND l.period = 1 THEN 'absent'
                WHEN k.n = 4 AND l.date = '${lastDay}' THEN 'absent'
                ELSE 'present' END
    FROM lessons l JOIN enrollments e ON e.group_id = l.group_id JOIN students st ON st.id = e.student_id,
         LATERAL (SELECT split_part(st.external_id, '-', 2)::int AS n) k
    WHERE l.date BETWEEN '${lastDay}'::date - 2 AND '${lastDay}';
    INSERT INTO grades (school_id, course_id, student_id, kind, value, date, created_at, updated_at)
    SELECT c.school_id, c.id, e.student_id, 'current', '2', '${lastDay}', '${lastDay}T09:00:00Z', '${lastDay}T09:00:00Z'
    FROM courses c JOIN enrollments e ON e.group_id = c.group_id JOIN students st ON st.id = e.student_id
    WHERE split_part(st.external_id, '-', 2)::int IN (5, 6, 7);
    INSERT INTO class_flags (school_id, student_id, lesson_id, teacher_id, reason, created_at)
    SELECT l.school_id, st.id, l.id, l.teacher_id, 'unprepared', '${lastDay}T09:00:00Z'
    FROM lessons l JOIN students st ON st.external_id = l.group_id || '-8'
    WHERE l.date = '${lastDay}' AND l.period = 1;
    ANALYZE;`);
}

/**
 * Heads become plain teachers (of no course) rather than lose their row between runs of a kept database: deleting 1,500
 * users checks attendance.marked_by and grades.created_by, which have no index, by a sequential
 * scan of millions of rows per user (over ten minutes).
 */
export const UNSEAT_HEADS = `DELETE FROM departments;
  UPDATE users SET roles = array_replace(roles, 'head_of_department', 'teacher') WHERE 'head_of_department' = ANY(roles);`;

/** A head of department per school over its teachers of Математика (every teacher of the benchmark). */
export async function seedHeads(sql: Sql): Promise<void> {
  await sql.unsafe(`
    ${UNSEAT_HEADS}
    INSERT INTO users (school_id, roles, last_name, first_name, telegram_chat_id)
    SELECT s.id, ARRAY['teacher'], 'Руководитель МО', 'Вера', 2000000 + s.id FROM schools s
    WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.school_id = s.id AND u.last_name = 'Руководитель МО');
    UPDATE users SET roles = ARRAY['head_of_department'] WHERE last_name = 'Руководитель МО';
    INSERT INTO departments (school_id, name, head_id, teacher_ids, subject_ids)
    SELECT u.school_id, 'Математика', u.id, '{}', ARRAY[sub.id]
    FROM users u JOIN subjects sub ON sub.school_id = u.school_id AND sub.name = 'Математика'
    WHERE 'head_of_department' = ANY(u.roles);
    ANALYZE users, departments;`);
}

/** The escalation claims and notices of the first pass, so that the pass with heads is a first one too. */
export async function forgetEscalations(sql: Sql): Promise<void> {
  await sql.unsafe(`
    DELETE FROM compliance_runs WHERE kind = 'escalation';
    DELETE FROM notifications WHERE kind = 'escalation';`);
}

/** The rows the daily message reads at the least: every school's lessons of the day and their marks other than «present». */
export const classDayScan = (sql: Sql, date: string): Promise<IndexScan> =>
  indexScan(
    sql,
    "every school's absences of the day",
    `SELECT count(*), sum(a.student_id) FROM schools s,
  LATERAL (SELECT a.student_id FROM lessons l JOIN attendance a ON a.lesson_id = l.id AND a.status <> 'present'
           WHERE l.school_id = s.id AND l.date = $1 OFFSET 0) a`,
    [date],
  );
