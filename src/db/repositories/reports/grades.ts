import { sql } from 'drizzle-orm';
import type { ReportQuery, ReportsRepository } from '../../../domain/reports/types.js';
import type { Executor } from '../../client.js';
import { compareRu, fullName, groupFilter, nameKey, pct, reportGroupOf } from './shared.js';

type Queries = Pick<ReportsRepository, 'gradesSummary' | 'classResults'>;

/**
 * One row per student of a group in the period and course of that group, with the student's
 * grades of that course dated inside the student's stay in the group (a student who moved has
 * the grades of each group in that group only). Subgroup courses count under the class.
 */
function perCourse(q: ReportQuery) {
  return sql`
    spans AS (
      SELECT e.student_id, e.group_id, ${reportGroupOf('g')} AS class_id, greatest(e.from_date, ${q.from}::date) AS f, least(coalesce(e.to_date, ${q.to}::date), ${q.to}::date) AS t
      FROM enrollments e JOIN groups g ON g.id = e.group_id
      WHERE g.school_id = ${q.schoolId} AND e.from_date <= ${q.to} AND (e.to_date IS NULL OR e.to_date >= ${q.from})${groupFilter(sql`e.group_id`, q)}
    ),
    members AS (SELECT DISTINCT student_id, group_id, class_id FROM spans),
    gr AS (
      SELECT sp.group_id, sp.student_id, gd.course_id, gd.id, gd.kind, gd.term, gd.value, gd.date
      FROM spans sp JOIN courses c ON c.group_id = sp.group_id
      JOIN grades gd ON gd.course_id = c.id AND gd.student_id = sp.student_id AND gd.deleted_at IS NULL AND gd.date BETWEEN sp.f AND sp.t
    ),
    pc AS (
      SELECT m.class_id AS group_id, m.student_id, c.id AS course_id, c.subject_id,
        coalesce(array_agg(gr.value ORDER BY gr.date, gr.id) FILTER (WHERE gr.kind = 'current'), '{}') AS current,
        round(avg(CASE WHEN gr.value ~ '^[1-5]$' THEN gr.value::numeric END) FILTER (WHERE gr.kind = 'current'), 2)::float8 AS average,
        coalesce(array_agg(gr.term || ':' || gr.value ORDER BY gr.term, gr.date, gr.id) FILTER (WHERE gr.kind = 'term' AND gr.term IS NOT NULL), '{}') AS terms,
        (array_agg(gr.value ORDER BY gr.date DESC, gr.id DESC) FILTER (WHERE gr.kind = 'term'))[1] AS last_term,
        (array_agg(gr.value ORDER BY gr.date DESC, gr.id DESC) FILTER (WHERE gr.kind = 'year'))[1] AS year
      FROM members m JOIN courses c ON c.group_id = m.group_id
      LEFT JOIN gr ON gr.group_id = m.group_id AND gr.student_id = m.student_id AND gr.course_id = c.id
      GROUP BY m.class_id, m.group_id, m.student_id, c.id, c.subject_id
    )`;
}

export function createGradeReports(db: Executor): Queries {
  return {
    async gradesSummary(q) {
      const rows = await db.execute<{
        group_id: number;
        group_name: string;
        student_id: number;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        course_id: number;
        subject_name: string;
        current: string[];
        average: number | null;
        terms: string[];
        year: string | null;
      }>(sql`
        WITH ${perCourse(q)}
        SELECT pc.*, g.name AS group_name, s.last_name, s.first_name, s.middle_name, sub.name AS subject_name
        FROM pc JOIN groups g ON g.id = pc.group_id JOIN students s ON s.id = pc.student_id JOIN subjects sub ON sub.id = pc.subject_id`);
      return [...rows]
        .sort(
          (a, b) =>
            compareRu(a.group_name, b.group_name) ||
            a.group_id - b.group_id ||
            compareRu(nameKey(a), nameKey(b)) ||
            a.student_id - b.student_id ||
            compareRu(a.subject_name, b.subject_name) ||
            a.course_id - b.course_id,
        )
        .map((r) => ({
          groupId: r.group_id,
          groupName: r.group_name,
          studentId: r.student_id,
          studentName: fullName(r),
          courseId: r.course_id,
          subjectName: r.subject_name,
          current: r.current,
          average: r.average,
          terms: r.terms.map((t) => ({ term: Number(t.split(':')[0]), value: t.split(':')[1]! })),
          year: r.year,
        }));
    },

    async classResults(q) {
      // The final grade of a subject: the year grade, else the last term grade, else the rounded average of current grades.
      const rows = await db.execute<{
        group_id: number;
        group_name: string;
        students: number;
        assessed: number;
        excellent: number;
        good: number;
        one_three: number;
        with_threes: number;
        failing: number;
        not_assessed: number;
        quality_percent: number | null;
        success_percent: number | null;
      }>(sql`
        WITH ${perCourse(q)},
        fin AS (
          SELECT group_id, student_id,
            coalesce(year, last_term, CASE WHEN average IS NOT NULL THEN floor(average + 0.5)::int::text END) AS final
          FROM pc
        ),
        ps AS (
          SELECT group_id, student_id, count(final) AS n,
            count(*) FILTER (WHERE final IN ('1','2','fail')) AS fails, count(*) FILTER (WHERE final = '3') AS threes,
            count(*) FILTER (WHERE final = '4') AS fours, count(*) FILTER (WHERE final = '5') AS fives
          FROM fin GROUP BY group_id, student_id
        ),
        per_group AS (
          SELECT group_id, count(*)::int AS students, count(*) FILTER (WHERE n > 0)::int AS assessed,
            count(*) FILTER (WHERE n > 0 AND fails = 0 AND threes = 0 AND fours = 0 AND fives > 0)::int AS excellent,
            count(*) FILTER (WHERE n > 0 AND fails = 0 AND threes = 0 AND fours > 0)::int AS good,
            count(*) FILTER (WHERE n > 0 AND fails = 0 AND threes = 1)::int AS one_three,
            count(*) FILTER (WHERE n > 0 AND fails = 0 AND threes > 1)::int AS with_threes,
            count(*) FILTER (WHERE fails > 0)::int AS failing,
            count(*) FILTER (WHERE n = 0)::int AS not_assessed
          FROM ps GROUP BY group_id
        )
        SELECT pg.*, g.name AS group_name,
          ${pct(sql`pg.excellent + pg.good`, sql`pg.assessed`)} AS quality_percent,
          ${pct(sql`pg.assessed - pg.failing`, sql`pg.assessed`)} AS success_percent
        FROM per_group pg JOIN groups g ON g.id = pg.group_id`);
      return [...rows]
        .sort((a, b) => compareRu(a.group_name, b.group_name) || a.group_id - b.group_id)
        .map((r) => ({
          groupId: r.group_id,
          groupName: r.group_name,
          students: r.students,
          assessed: r.assessed,
          excellent: r.excellent,
          good: r.good,
          oneThree: r.one_three,
          withThrees: r.with_threes,
          failing: r.failing,
          notAssessed: r.not_assessed,
          qualityPercent: r.quality_percent,
          successPercent: r.success_percent,
        }));
    },
  };
}
