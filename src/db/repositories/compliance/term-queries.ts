import { sql, type SQL } from 'drizzle-orm';
import type { TermGradeGap, TermGradeQueries, TermGradeRules } from '../../../domain/compliance/term-types.js';
import type { DivisionKind } from '../../../domain/year/types.js';
import type { Executor } from '../../client.js';
import { fullName, type NameColumns } from './fact-queries.js';
import { groupLabelText, groupLevelText } from '../group-label.js';

const paramsOf = (rules: TermGradeRules[]) =>
  JSON.stringify(
    rules.map((r) => ({
      school_id: r.schoolId,
      today: r.date,
      stage: r.stage,
      open_days: r.openDays,
      due_days: r.dueDays,
      reminder_days: r.reminderDays,
    })),
  );

/**
 * The study periods at the stage asked for, per school and local date: `opens` is the first day
 * of term-grade entry (never before the period begins), `due` the due date. Reminders run from
 * due − reminder_days (not before entry opens) to due; the overdue stage from due + 1 to the
 * period's last day, and at least on due + 1.
 */
const periodsAt = (params: string) => sql`
  p AS (
    SELECT * FROM jsonb_to_recordset(${params}::jsonb)
      AS p(school_id int, today date, stage text, open_days int, due_days int, reminder_days int)
  ),
  sp AS (
    SELECT p.school_id, p.today, p.stage, sp.kind, sp.number, sp.from_date, sp.to_date, sp.grade_levels,
           sp.to_date - p.due_days AS due, GREATEST(sp.from_date, sp.to_date - p.open_days) AS opens
    FROM p JOIN study_periods sp ON sp.school_id = p.school_id
    WHERE CASE WHEN p.stage = 'reminder'
            THEN p.today BETWEEN GREATEST(sp.to_date - p.due_days - p.reminder_days, sp.from_date, sp.to_date - p.open_days)
                             AND sp.to_date - p.due_days
            ELSE p.today > sp.to_date - p.due_days AND p.today <= GREATEST(sp.to_date, sp.to_date - p.due_days + 1)
          END
  )`;

/**
 * Courses of the classes of those periods (grade level in the period's levels) that had a lesson
 * in the period, with their students (enrolled on some day from entry opening to the period's
 * end: a student who left before grading began gets no term grade here) and how many of them
 * have no term grade of the period in the course. Set-based over every school at once; each
 * student is one probe of the partial index grades_final.
 */
const gapsWhere = (params: string, teacher: SQL) => sql`
  WITH ${periodsAt(params)},
  x AS (
    SELECT sp.school_id, c.id AS course_id, c.teacher_id, c.subject_id, ${sql.raw(groupLabelText('g'))} AS group_name, sp.kind, sp.number, sp.due,
           count(DISTINCT e.student_id)::int AS students,
           count(DISTINCT e.student_id) FILTER (WHERE NOT EXISTS (
             SELECT 1 FROM grades gr
             WHERE gr.course_id = c.id AND gr.student_id = e.student_id AND gr.kind = 'term' AND gr.term = sp.number
               AND gr.deleted_at IS NULL))::int AS missing
    FROM sp
    -- A subgroup's term grades are due like its class's: it has the class's level and is named with it.
    JOIN groups g ON g.school_id = sp.school_id AND g.kind IN ('class', 'subgroup') AND ${sql.raw(groupLevelText('g'))} = ANY(sp.grade_levels)
    JOIN courses c ON c.group_id = g.id ${teacher}
    JOIN enrollments e ON e.group_id = g.id AND e.from_date <= sp.to_date AND (e.to_date IS NULL OR e.to_date >= sp.opens)
    WHERE EXISTS (
      SELECT 1 FROM lessons l WHERE l.course_id = c.id AND l.date BETWEEN sp.from_date AND sp.to_date AND l.status = 'scheduled')
    GROUP BY sp.school_id, c.id, c.teacher_id, c.subject_id, g.id, sp.kind, sp.number, sp.due
  )`;

type GapRow = NameColumns & {
  school_id: number;
  course_id: number;
  teacher_id: number;
  group_name: string;
  subject: string;
  kind: string;
  number: number;
  due: string;
  students: number;
  missing: number;
};

export function createTermQueries(db: Executor): TermGradeQueries {
  return {
    async termGradesDue(schoolId, from, to, rules) {
      const rows = await db.execute<{ teacher_id: number; on_time: number; late: number; missing: number }>(sql`
        WITH sp AS (
          SELECT sp.number, sp.from_date, sp.to_date, sp.grade_levels, sp.to_date - ${rules.dueDays}::int AS due,
                 GREATEST(sp.from_date, sp.to_date - ${rules.openDays}::int) AS opens
          FROM study_periods sp
          WHERE sp.school_id = ${schoolId} AND sp.to_date - ${rules.dueDays}::int BETWEEN ${from}::date AND ${to}::date
        ),
        x AS (
          SELECT DISTINCT c.teacher_id, c.id AS course_id, e.student_id, sp.number, sp.due
          FROM sp
          JOIN groups g ON g.school_id = ${schoolId} AND g.kind IN ('class', 'subgroup') AND ${sql.raw(groupLevelText('g'))} = ANY(sp.grade_levels)
          JOIN courses c ON c.group_id = g.id
          JOIN enrollments e ON e.group_id = g.id AND e.from_date <= sp.to_date AND (e.to_date IS NULL OR e.to_date >= sp.opens)
          WHERE EXISTS (
            SELECT 1 FROM lessons l WHERE l.course_id = c.id AND l.date BETWEEN sp.from_date AND sp.to_date AND l.status = 'scheduled')
        ),
        y AS (
          SELECT x.teacher_id, x.due, (
            SELECT min((gr.created_at AT TIME ZONE ${rules.timezone})::date) FROM grades gr
            WHERE gr.course_id = x.course_id AND gr.student_id = x.student_id AND gr.kind = 'term' AND gr.term = x.number
              AND gr.deleted_at IS NULL) AS set_on
          FROM x
        )
        SELECT teacher_id,
               count(*) FILTER (WHERE set_on <= due)::int AS on_time,
               count(*) FILTER (WHERE set_on > due)::int AS late,
               count(*) FILTER (WHERE set_on IS NULL)::int AS missing
        FROM y GROUP BY teacher_id ORDER BY teacher_id`);
      return rows.map((r) => ({ teacherId: r.teacher_id, onTime: r.on_time, late: r.late, missing: r.missing }));
    },

    async termStagesDue(rules, runKind) {
      if (!rules.length) return [];
      const rows = await db.execute<{ school_id: number }>(sql`
        WITH ${periodsAt(paramsOf(rules))}
        SELECT DISTINCT sp.school_id FROM sp
        WHERE NOT EXISTS (
          SELECT 1 FROM compliance_runs r WHERE r.school_id = sp.school_id AND r.kind = ${runKind} AND r.period_key = sp.today::text)`);
      const due = new Set(rows.map((r) => r.school_id));
      return rules.filter((r) => due.has(r.schoolId));
    },

    async termGradeTeachers(rules) {
      if (!rules.length) return [];
      const rows = await db.execute<{ school_id: number; teacher_id: number }>(sql`
        ${gapsWhere(paramsOf(rules), sql``)}
        SELECT DISTINCT school_id, teacher_id FROM x WHERE missing > 0 ORDER BY school_id, teacher_id`);
      return rows.map((r) => ({ schoolId: r.school_id, teacherId: r.teacher_id }));
    },

    async termGradeGaps(rules, teacherId) {
      const teacher = teacherId === undefined ? sql`` : sql`AND c.teacher_id = ${teacherId}`;
      const rows = await db.execute<GapRow>(sql`
        ${gapsWhere(paramsOf([rules]), teacher)}
        SELECT x.school_id, x.course_id, x.teacher_id, u.last_name, u.first_name, u.middle_name, x.group_name,
               sub.name AS subject, x.kind, x.number, x.due::text AS due, x.students, x.missing
        FROM x JOIN users u ON u.id = x.teacher_id JOIN subjects sub ON sub.id = x.subject_id
        WHERE x.missing > 0
        ORDER BY u.last_name, u.first_name, u.id, x.due, x.group_name, sub.name, x.course_id`);
      return rows.map(
        (r): TermGradeGap => ({
          schoolId: r.school_id,
          courseId: r.course_id,
          teacherId: r.teacher_id,
          teacherName: fullName(r),
          groupName: r.group_name,
          subject: r.subject,
          periodKind: r.kind as DivisionKind,
          periodNumber: r.number,
          due: r.due,
          students: r.students,
          missing: r.missing,
        }),
      );
    },
  };
}
