import { sql } from 'drizzle-orm';
import type { ReportsRepository } from '../../../domain/reports/types.js';
import type { Executor } from '../../client.js';
import { groupLabelText } from '../group-label.js';
import { compareCourseRows, compareRu, fullName, groupFilter, nameKey, pct, reportGroupOf } from './shared.js';

type Queries = Pick<ReportsRepository, 'classSizes' | 'movement' | 'planFulfilment' | 'parentLinking'>;

export function createRosterReports(db: Executor): Queries {
  return {
    async classSizes(q) {
      // Enrolled on the first day, arrived after it, left before the last day, enrolled on the last day.
      const rows = await db.execute<{
        group_id: number;
        group_name: string;
        at_start: number;
        arrived: number;
        departed: number;
        at_end: number;
      }>(sql`
        SELECT g.id AS group_id, g.name AS group_name,
          count(e.id) FILTER (WHERE e.from_date <= ${q.from} AND (e.to_date IS NULL OR e.to_date >= ${q.from}))::int AS at_start,
          count(e.id) FILTER (WHERE e.from_date > ${q.from} AND e.from_date <= ${q.to})::int AS arrived,
          count(e.id) FILTER (WHERE e.to_date >= ${q.from} AND e.to_date < ${q.to})::int AS departed,
          count(e.id) FILTER (WHERE e.from_date <= ${q.to} AND (e.to_date IS NULL OR e.to_date >= ${q.to}))::int AS at_end
        FROM groups g LEFT JOIN enrollments e ON e.group_id = g.id
        WHERE g.school_id = ${q.schoolId} AND g.kind <> 'subgroup'${groupFilter(sql`g.id`, q)}
        GROUP BY g.id, g.name`);
      return [...rows]
        .sort((a, b) => compareRu(a.group_name, b.group_name) || a.group_id - b.group_id)
        .map((r) => ({
          groupId: r.group_id,
          groupName: r.group_name,
          atStart: r.at_start,
          arrived: r.arrived,
          departed: r.departed,
          atEnd: r.at_end,
        }));
    },

    async movement(q) {
      // The same events class sizes count: arrivals after the first day, departures before the last.
      // A departure from the school says why it closed (end_reason); a move keeps the row's own reason.
      const rows = await db.execute<{
        date: string;
        kind: 'arrival' | 'departure';
        student_id: number;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        group_id: number;
        group_name: string;
        other_group: string | null;
        reason: string | null;
      }>(sql`
        WITH ev AS (
          SELECT e.from_date AS date, 'arrival' AS kind, e.student_id, e.group_id, e.reason, e.from_date - 1 AS adjacent
          FROM enrollments e JOIN groups g ON g.id = e.group_id
          WHERE g.school_id = ${q.schoolId} AND g.kind <> 'subgroup' AND e.from_date > ${q.from} AND e.from_date <= ${q.to}${groupFilter(sql`e.group_id`, q)}
          UNION ALL
          SELECT e.to_date, 'departure', e.student_id, e.group_id, coalesce(e.end_reason, e.reason), e.to_date + 1
          FROM enrollments e JOIN groups g ON g.id = e.group_id
          WHERE g.school_id = ${q.schoolId} AND g.kind <> 'subgroup' AND e.to_date >= ${q.from} AND e.to_date < ${q.to}${groupFilter(sql`e.group_id`, q)}
        )
        SELECT to_char(ev.date, 'YYYY-MM-DD') AS date, ev.kind, ev.student_id, s.last_name, s.first_name, s.middle_name,
          ev.group_id, g.name AS group_name, ev.reason,
          (SELECT g2.name FROM enrollments e2 JOIN groups g2 ON g2.id = e2.group_id
           WHERE e2.student_id = ev.student_id AND e2.group_id <> ev.group_id AND g2.kind <> 'subgroup'
             AND (CASE WHEN ev.kind = 'arrival' THEN e2.to_date ELSE e2.from_date END) = ev.adjacent
           LIMIT 1) AS other_group
        FROM ev JOIN students s ON s.id = ev.student_id JOIN groups g ON g.id = ev.group_id`);
      return [...rows]
        .sort(
          (a, b) =>
            a.date.localeCompare(b.date) ||
            (a.kind === b.kind ? 0 : a.kind === 'departure' ? -1 : 1) ||
            compareRu(nameKey(a), nameKey(b)) ||
            compareRu(a.group_name, b.group_name),
        )
        .map((r) => ({
          date: r.date,
          kind: r.kind,
          studentId: r.student_id,
          studentName: fullName(r),
          groupId: r.group_id,
          groupName: r.group_name,
          otherGroupName: r.other_group,
          reason: r.reason,
        }));
    },

    async planFulfilment(q) {
      const rows = await db.execute<{
        course_id: number;
        group_id: number;
        group_name: string;
        subject_name: string;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        curriculum_hours: number | null;
        ktp_hours: number;
        planned: number;
        cancelled: number;
        held: number;
        substituted: number;
        held_percent: number | null;
        ktp_percent: number | null;
      }>(sql`
        WITH ls AS (
          SELECT l.course_id, count(*)::int AS planned, count(*) FILTER (WHERE l.status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE l.status <> 'cancelled')::int AS held,
            count(*) FILTER (WHERE l.status <> 'cancelled' AND l.substitute_id IS NOT NULL)::int AS substituted
          FROM lessons l WHERE l.school_id = ${q.schoolId} AND l.date BETWEEN ${q.from} AND ${q.to}${groupFilter(sql`l.group_id`, q)}
          GROUP BY l.course_id
        ),
        ktp AS (SELECT p.course_id, sum(p.hours)::int AS hours FROM plan_items p JOIN courses c ON c.id = p.course_id
                WHERE c.school_id = ${q.schoolId} GROUP BY p.course_id)
        SELECT c.id AS course_id, ${reportGroupOf('g')} AS group_id, ${sql.raw(groupLabelText('g'))} AS group_name, sub.name AS subject_name, u.last_name, u.first_name, u.middle_name,
          c.planned_hours AS curriculum_hours, coalesce(ktp.hours, 0) AS ktp_hours,
          coalesce(ls.planned, 0) AS planned, coalesce(ls.cancelled, 0) AS cancelled, coalesce(ls.held, 0) AS held,
          coalesce(ls.substituted, 0) AS substituted,
          ${pct(sql`coalesce(ls.held, 0)`, sql`ls.planned`)} AS held_percent,
          ${pct(sql`coalesce(ktp.hours, 0)`, sql`c.planned_hours`)} AS ktp_percent
        FROM courses c JOIN groups g ON g.id = c.group_id JOIN subjects sub ON sub.id = c.subject_id JOIN users u ON u.id = c.teacher_id
        LEFT JOIN ls ON ls.course_id = c.id LEFT JOIN ktp ON ktp.course_id = c.id
        WHERE c.school_id = ${q.schoolId}${groupFilter(sql`c.group_id`, q)}`);
      return [...rows].sort(compareCourseRows).map((r) => ({
        courseId: r.course_id,
        groupId: r.group_id,
        groupName: r.group_name,
        subjectName: r.subject_name,
        teacherName: fullName(r),
        curriculumHours: r.curriculum_hours,
        ktpHours: r.ktp_hours,
        lessonsPlanned: r.planned,
        lessonsCancelled: r.cancelled,
        lessonsHeld: r.held,
        substituted: r.substituted,
        heldPercent: r.held_percent,
        ktpPercent: r.ktp_percent,
      }));
    },

    async parentLinking(q) {
      const rows = await db.execute<{
        group_id: number;
        group_name: string;
        students: number;
        linked: number;
        linked_percent: number | null;
      }>(sql`
        WITH st AS (
          SELECT DISTINCT g.id AS group_id, e.student_id,
            EXISTS (SELECT 1 FROM guardianships gu JOIN users p ON p.id = gu.parent_id
                    WHERE gu.student_id = e.student_id AND gu.ended_on IS NULL AND p.active AND p.telegram_user_id IS NOT NULL) AS linked
          FROM groups g JOIN enrollments e ON e.group_id = g.id AND e.from_date <= ${q.to} AND (e.to_date IS NULL OR e.to_date >= ${q.to})
          WHERE g.school_id = ${q.schoolId} AND g.kind <> 'subgroup'${groupFilter(sql`g.id`, q)}
        ),
        agg AS (SELECT group_id, count(*)::int AS students, count(*) FILTER (WHERE linked)::int AS linked FROM st GROUP BY group_id)
        SELECT g.id AS group_id, g.name AS group_name, coalesce(agg.students, 0) AS students, coalesce(agg.linked, 0) AS linked,
          ${pct(sql`agg.linked`, sql`agg.students`)} AS linked_percent
        FROM groups g LEFT JOIN agg ON agg.group_id = g.id
        WHERE g.school_id = ${q.schoolId} AND g.kind <> 'subgroup'${groupFilter(sql`g.id`, q)}`);
      return [...rows]
        .sort((a, b) => compareRu(a.group_name, b.group_name) || a.group_id - b.group_id)
        .map((r) => ({
          groupId: r.group_id,
          groupName: r.group_name,
          students: r.students,
          withLinkedParent: r.linked,
          linkedPercent: r.linked_percent,
        }));
    },
  };
}
