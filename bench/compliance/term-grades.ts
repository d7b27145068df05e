/**
 * The term-grade part of the compliance benchmark, on the same region: every school divides
 * the year of its nine classes into trimesters (the first ends 25 November, so its term grades
 * are due on the 23rd: a reminder day, and the 24th an overdue one), 25 students a class, four
 * current grades per student and course, and the first trimester's term grades set except in
 * every seventh course, where a quarter of the class has none.
 */
import type { Sql } from 'postgres';
import { indexScan, type IndexScan } from '../lib/index-scan.js';

export const STUDENTS_PER_CLASS = 25;

export async function seedTermGrades(sql: Sql, lastDay: string): Promise<void> {
  await sql.unsafe(`
    UPDATE groups SET grade_level = split_part(name, 'А', 1)::int;
    INSERT INTO study_periods (school_id, year_from, kind, number, from_date, to_date, grade_levels)
    SELECT s.id, '2026-09-01', 'trimesters', t.n, t.f::date, t.l::date, ARRAY[1,2,3,4,5,6,7,8,9]
    FROM schools s,
         (VALUES (1, '2026-09-01', '2026-11-25'), (2, '2026-12-01', '2027-02-28'), (3, '2027-03-09', '2027-05-31')) AS t(n, f, l);
    INSERT INTO students (school_id, last_name, first_name, external_id)
    SELECT g.school_id, 'Ученик' || k, 'Пётр', g.id || '-' || k FROM groups g, generate_series(1, ${STUDENTS_PER_CLASS}) k;
    INSERT INTO enrollments (student_id, group_id, from_date)
    SELECT st.id, split_part(st.external_id, '-', 1)::int, '2026-09-01' FROM students st;`);
  await sql.unsafe(`
    INSERT INTO grades (school_id, course_id, student_id, kind, value, date)
    SELECT c.school_id, c.id, e.student_id, 'current', (2 + (e.student_id + k) % 4)::text, '${lastDay}'::date - 7 * k
    FROM courses c JOIN enrollments e ON e.group_id = c.group_id, generate_series(1, 4) k;
    INSERT INTO grades (school_id, course_id, student_id, kind, term, value, date)
    SELECT c.school_id, c.id, e.student_id, 'term', 1, (2 + e.student_id % 4)::text, '${lastDay}'::date - 3
    FROM courses c JOIN enrollments e ON e.group_id = c.group_id JOIN students st ON st.id = e.student_id
    WHERE c.id % 7 <> 0 OR split_part(st.external_id, '-', 2)::int % 4 <> 0;
    ANALYZE;`);
}

/**
 * The rows a term-grade pass reads at the least: the classes' enrollments and the first
 * trimester's term grades of their courses, through grades_final as the pass probes them.
 */
export const termGradeScan = (sql: Sql): Promise<IndexScan> =>
  indexScan(
    sql,
    'term grades of every course',
    `SELECT count(*), sum(g.student_id) FROM courses c,
  LATERAL (SELECT gr.student_id FROM grades gr WHERE gr.course_id = c.id AND gr.kind = 'term' AND gr.term = 1 AND gr.deleted_at IS NULL OFFSET 0) g`,
  );
