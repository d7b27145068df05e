import { sql, type SQL } from 'drizzle-orm';
import type { ReportQuery } from '../../../domain/reports/types.js';

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/** Russian order in JS: the database's collation may not sort ё or "10А" after "9Б". */
export function compareRu(a: string, b: string): number {
  return collator.compare(a, b);
}

export function fullName(r: { last_name: string; first_name: string; middle_name: string | null }): string {
  return [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' ');
}

/** Sort key of a student: last, first, middle name as one string keeps the order of the roster. */
export function nameKey(r: { last_name: string; first_name: string; middle_name: string | null }): string {
  return `${r.last_name}\u0001${r.first_name}\u0001${r.middle_name ?? ''}`;
}

/** Rows of a course: groups by name, then subjects by name (ids break ties). */
export function compareCourseRows(
  a: { group_name: string; group_id: number; subject_name: string; course_id: number },
  b: { group_name: string; group_id: number; subject_name: string; course_id: number },
): number {
  return (
    compareRu(a.group_name, b.group_name) ||
    a.group_id - b.group_id ||
    compareRu(a.subject_name, b.subject_name) ||
    a.course_id - b.course_id
  );
}

/** Only the asked group, and the subgroups of a class asked for: they are counted under it. */
export function groupFilter(column: SQL, q: ReportQuery): SQL {
  return q.groupId === null
    ? sql``
    : sql` AND (${column} = ${q.groupId} OR ${column} IN (SELECT sg.id FROM groups sg WHERE sg.parent_group_id = ${q.groupId}))`;
}

/** Over a `groups` row `g`: the group a report counts it under (a subgroup's class, else itself). */
export const reportGroupOf = (g: string) => sql.raw(`coalesce(${g}.parent_group_id, ${g}.id)`);

/** Rounded percentage in SQL; null when the denominator is 0. */
export function pct(part: SQL, whole: SQL): SQL {
  return sql`round(100.0 * (${part}) / nullif(${whole}, 0), 1)::float8`;
}

/**
 * Student-lessons: every lesson held (not cancelled; a substitution is held) paired with the
 * students who were in its group on its date. A student who moved counts in each group for
 * the days spent there only. A subgroup's lessons count under its class, for its members.
 */
export function studentLessons(q: ReportQuery): SQL {
  return sql`
    SELECT l.id AS lesson_id, ${reportGroupOf('lg')} AS group_id, to_char(l.date, 'YYYY-MM') AS month, e.student_id
    FROM lessons l
    JOIN groups lg ON lg.id = l.group_id
    JOIN enrollments e ON e.group_id = l.group_id AND e.from_date <= l.date AND (e.to_date IS NULL OR e.to_date >= l.date)
    WHERE l.school_id = ${q.schoolId} AND l.date BETWEEN ${q.from} AND ${q.to} AND l.status <> 'cancelled'${groupFilter(sql`l.group_id`, q)}`;
}

/** Over `sl LEFT JOIN attendance a … AND a.status <> 'present'`: only the marks that count are read (a partial index). */
export const ATTENDANCE_COUNTS = sql`
  count(*)::int AS lessons,
  count(*) FILTER (WHERE a.status = 'absent')::int AS absent,
  count(*) FILTER (WHERE a.status = 'sick')::int AS sick,
  count(*) FILTER (WHERE a.status = 'excused')::int AS excused,
  count(*) FILTER (WHERE a.status = 'late')::int AS late,
  count(*) FILTER (WHERE a.status IN ('absent','sick','excused'))::int AS missed,
  ${pct(sql`count(*) FILTER (WHERE a.status IN ('absent','sick','excused'))`, sql`count(*)`)} AS missed_percent`;

export type CountColumns = {
  lessons: number;
  absent: number;
  sick: number;
  excused: number;
  late: number;
  missed: number;
  missed_percent: number | null;
};

export function counts(r: CountColumns) {
  return {
    lessons: r.lessons,
    absent: r.absent,
    sick: r.sick,
    excused: r.excused,
    late: r.late,
    missed: r.missed,
    missedPercent: r.missed_percent,
  };
}

/** Months ascending, the period row (null) last. */
export function compareMonth(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
