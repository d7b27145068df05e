import { sql } from 'drizzle-orm';
import type { ClaimedReminder, ComplianceRepository, ReminderPoint } from '../../../domain/compliance/types.js';
import type { LessonPart } from '../../../domain/schools/policy.js';
import type { Executor } from '../../client.js';

const iso = (d: Date) => d.toISOString();
export const partFlags = (parts: readonly LessonPart[]) => ({
  att: parts.includes('attendance'),
  topic: parts.includes('topic'),
  hw: parts.includes('homework'),
});

/** The claims: reminder points of lessons and school-wide runs, each inserted once whatever the number of scanners. */
export function createScanQueries(
  db: Executor,
): Pick<ComplianceRepository, 'claimDueReminders' | 'claimRuns' | 'daysWithMissing' | 'teachersWithMissing'> {
  return {
    async claimDueReminders(rules, now, since) {
      if (!rules.length) return [];
      const params = JSON.stringify(
        rules.map((r) => ({
          school_id: r.schoolId,
          tz: r.timezone,
          deadline: r.fillDeadline,
          after_min: r.afterMinutes,
          before_min: r.beforeMinutes,
          days: r.workingDays,
          ...partFlags(r.parts),
        })),
      );
      // Points claimed before are skipped by ON CONFLICT alone, a probe of the primary key per row: a
      // NOT EXISTS on lesson_reminders was planned as a sequential scan per row when the table was
      // nearly empty (a first deploy), while this very statement filled it (2.6 s for 22,500 claims).
      // The first branch walks the partial index lessons_unfinished (attendance or topic missing);
      // the second finds lessons missing only their homework, in the few schools that require it.
      const rows = await db.execute<{ lesson_id: number; point: string; teacher_id: number; school_id: number; date: string }>(sql`
        WITH p AS (
          SELECT * FROM jsonb_to_recordset(${params}::jsonb)
            AS p(school_id int, tz text, deadline text, after_min int, before_min int, days int[], att bool, topic bool, hw bool)
        ),
        c AS (
          SELECT l.id, l.school_id, l.date, COALESCE(l.substitute_id, l.teacher_id) AS teacher_id, l.ends_at, p.after_min, p.days,
                 (l.date + p.deadline::time) AT TIME ZONE p.tz AS deadline_at,
                 GREATEST(((l.date + p.deadline::time) AT TIME ZONE p.tz) - p.before_min * interval '1 minute', l.ends_at) AS last_at
          FROM lessons l JOIN p ON p.school_id = l.school_id
          WHERE l.status = 'scheduled' AND (l.attendance_filled_at IS NULL OR l.topic_filled_at IS NULL)
            AND l.ends_at > ${iso(since)}::timestamptz AND l.ends_at <= ${iso(now)}::timestamptz
            AND ((p.att AND l.attendance_filled_at IS NULL) OR (p.topic AND l.topic_filled_at IS NULL) OR (p.hw AND l.homework_filled_at IS NULL))
          UNION ALL
          SELECT l.id, l.school_id, l.date, COALESCE(l.substitute_id, l.teacher_id), l.ends_at, p.after_min, p.days,
                 (l.date + p.deadline::time) AT TIME ZONE p.tz,
                 GREATEST(((l.date + p.deadline::time) AT TIME ZONE p.tz) - p.before_min * interval '1 minute', l.ends_at)
          FROM p JOIN lessons l ON l.school_id = p.school_id
            AND l.date BETWEEN (${iso(since)}::timestamptz AT TIME ZONE p.tz)::date AND (${iso(now)}::timestamptz AT TIME ZONE p.tz)::date
          WHERE p.hw AND l.status = 'scheduled' AND l.homework_filled_at IS NULL
            AND l.attendance_filled_at IS NOT NULL AND l.topic_filled_at IS NOT NULL
            AND l.ends_at > ${iso(since)}::timestamptz AND l.ends_at <= ${iso(now)}::timestamptz
        ),
        due AS (
          -- 'after' only while the last reminder is still ahead (else the last one says it all).
          SELECT c.*, 'after' AS point FROM c
          WHERE c.ends_at + c.after_min * interval '1 minute' <= ${iso(now)}::timestamptz AND ${iso(now)}::timestamptz < c.last_at
          UNION ALL
          SELECT c.*, 'before' FROM c
          WHERE c.last_at <= ${iso(now)}::timestamptz AND ${iso(now)}::timestamptz < c.deadline_at
        )
        INSERT INTO lesson_reminders (lesson_id, point, teacher_id, school_id, date)
        SELECT due.id, due.point, due.teacher_id, due.school_id, due.date FROM due
        WHERE extract(isodow FROM due.date)::int = ANY(due.days)
          AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.school_id = due.school_id AND h.date = due.date)
        ON CONFLICT DO NOTHING
        RETURNING lesson_id, point, teacher_id, school_id, date::text AS date`);
      return rows.map(
        (r): ClaimedReminder => ({
          lessonId: r.lesson_id,
          point: r.point as ReminderPoint,
          teacherId: r.teacher_id,
          schoolId: r.school_id,
          date: r.date,
        }),
      );
    },

    async claimRuns(runs) {
      if (!runs.length) return [];
      // Runs done before are skipped by ON CONFLICT, as the reminder claims are (no NOT EXISTS scan).
      const params = JSON.stringify(runs.map((r) => ({ school_id: r.schoolId, kind: r.kind, period_key: r.periodKey })));
      const rows = await db.execute<{ school_id: number; kind: string; period_key: string }>(sql`
        INSERT INTO compliance_runs (school_id, kind, period_key)
        SELECT i.school_id, i.kind, i.period_key
        FROM jsonb_to_recordset(${params}::jsonb) AS i(school_id int, kind text, period_key text)
        ON CONFLICT DO NOTHING
        RETURNING school_id, kind, period_key`);
      return rows.map((r) => ({ schoolId: r.school_id, kind: r.kind, periodKey: r.period_key }));
    },

    async daysWithMissing(days) {
      if (!days.length) return [];
      const params = JSON.stringify(days.map((d) => ({ school_id: d.schoolId, date: d.date, ...partFlags(d.parts) })));
      const rows = await db.execute<{ school_id: number; date: string }>(sql`
        SELECT i.school_id, i.date::text AS date
        FROM jsonb_to_recordset(${params}::jsonb) AS i(school_id int, date date, att bool, topic bool, hw bool)
        WHERE NOT EXISTS (SELECT 1 FROM holidays h WHERE h.school_id = i.school_id AND h.date = i.date)
          AND EXISTS (
            SELECT 1 FROM lessons l
            WHERE l.school_id = i.school_id AND l.date = i.date AND l.status = 'scheduled'
              AND ((i.att AND l.attendance_filled_at IS NULL) OR (i.topic AND l.topic_filled_at IS NULL) OR (i.hw AND l.homework_filled_at IS NULL)))`);
      return rows.map((r) => ({ schoolId: r.school_id, date: r.date }));
    },
    async teachersWithMissing(days) {
      if (!days.length) return [];
      const params = JSON.stringify(days.map((d) => ({ school_id: d.schoolId, date: d.date, ...partFlags(d.parts) })));
      // Each school day probed through lessons_school_date (OFFSET 0 keeps the probe per day).
      const rows = await db.execute<{ school_id: number; date: string; teacher_id: number }>(sql`
        SELECT DISTINCT i.school_id, i.date::text AS date, l.teacher_id
        FROM jsonb_to_recordset(${params}::jsonb) AS i(school_id int, date date, att bool, topic bool, hw bool)
        CROSS JOIN LATERAL (
          SELECT COALESCE(l.substitute_id, l.teacher_id) AS teacher_id FROM lessons l
          WHERE l.school_id = i.school_id AND l.date = i.date AND l.status = 'scheduled'
            AND ((i.att AND l.attendance_filled_at IS NULL) OR (i.topic AND l.topic_filled_at IS NULL) OR (i.hw AND l.homework_filled_at IS NULL))
          OFFSET 0) l`);
      return rows.map((r) => ({ schoolId: r.school_id, date: r.date, teacherId: r.teacher_id }));
    },
  };
}
