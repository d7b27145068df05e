import { sql, type SQL } from 'drizzle-orm';
import type { ComplianceLesson, ComplianceRepository, StaffMember } from '../../../domain/compliance/types.js';
import type { TermGradeQueries } from '../../../domain/compliance/term-types.js';
import { resolvePolicy } from '../../../domain/schools/policy.js';
import type { Role } from '../../../domain/shared/principal.js';
import type { Executor } from '../../client.js';
import { schools } from '../../schema/index.js';
import { groupLabelText } from '../group-label.js';
import { outboxInserts } from '../outbox-rows.js';
import { partFlags } from './scan-queries.js';

const iso = (d: Date) => d.toISOString();
/** The name columns of a user row, and the full name a deputy reads. */
export type NameColumns = { last_name: string; first_name: string; middle_name: string | null };
export const fullName = (r: NameColumns) => [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' ');
const ts = (v: string | Date | null) => (v === null ? null : new Date(v));

type StaffRow = {
  id: number;
  school_id: number;
  roles: string[];
  last_name: string;
  first_name: string;
  middle_name: string | null;
  active: boolean;
  quiet_start: string | null;
  quiet_end: string | null;
};
const STAFF_SELECT = sql`
  SELECT u.id, u.school_id, u.roles, u.last_name, u.first_name, u.middle_name, u.active, p.quiet_start, p.quiet_end
  FROM users u LEFT JOIN preferences p ON p.user_id = u.id`;
const toStaff = (r: StaffRow): StaffMember => ({
  userId: r.id,
  schoolId: r.school_id,
  roles: r.roles as Role[],
  active: r.active,
  name: fullName(r),
  quietStart: r.quiet_start,
  quietEnd: r.quiet_end,
});

type LessonRow = {
  id: number;
  school_id: number;
  date: string;
  period: number | null;
  starts_at: string;
  ends_at: string;
  teacher_id: number;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  active: boolean;
  group_name: string;
  subject: string;
  attendance_filled_at: string | null;
  topic_filled_at: string | null;
  homework_filled_at: string | null;
};
function lessonsWhere(where: SQL) {
  return sql`
    SELECT l.id, l.school_id, l.date::text AS date, l.period, l.starts_at, l.ends_at, COALESCE(l.substitute_id, l.teacher_id) AS teacher_id,
           u.last_name, u.first_name, u.middle_name, u.active, ${sql.raw(groupLabelText('g'))} AS group_name, sub.name AS subject,
           l.attendance_filled_at, l.topic_filled_at, l.homework_filled_at
    FROM lessons l
    JOIN users u ON u.id = COALESCE(l.substitute_id, l.teacher_id)
    JOIN groups g ON g.id = l.group_id
    JOIN courses c ON c.id = l.course_id
    JOIN subjects sub ON sub.id = c.subject_id
    WHERE l.status = 'scheduled' AND ${where}
    ORDER BY u.last_name, u.first_name, u.id, l.starts_at, l.id`;
}
const toLesson = (r: LessonRow): ComplianceLesson => ({
  lessonId: r.id,
  schoolId: r.school_id,
  date: r.date,
  period: r.period,
  startsAt: new Date(r.starts_at),
  endsAt: new Date(r.ends_at),
  teacherId: r.teacher_id,
  teacherName: fullName(r),
  teacherActive: r.active,
  groupName: r.group_name,
  subject: r.subject,
  attendanceFilledAt: ts(r.attendance_filled_at),
  topicFilledAt: ts(r.topic_filled_at),
  homeworkFilledAt: ts(r.homework_filled_at),
});

export function createFactQueries(
  db: Executor,
): Omit<ComplianceRepository, 'claimDueReminders' | 'claimRuns' | 'daysWithMissing' | 'teachersWithMissing' | keyof TermGradeQueries> {
  return {
    async schools() {
      const rows = await db.select().from(schools);
      return rows.map((r) => ({ id: r.id, name: r.name, timezone: r.timezone, policy: resolvePolicy(r.policy) }));
    },
    async staffWithRoles(schoolIds, roles) {
      if (!schoolIds.length || !roles.length) return [];
      const rows = await db.execute<StaffRow>(sql`${STAFF_SELECT}
        WHERE u.school_id = ANY(${`{${schoolIds.join(',')}}`}::int[]) AND u.active AND u.roles && ${`{${roles.join(',')}}`}::text[]
        ORDER BY u.school_id, u.id`);
      return rows.map(toStaff);
    },
    async staffByIds(userIds) {
      if (!userIds.length) return [];
      const rows = await db.execute<StaffRow>(sql`${STAFF_SELECT} WHERE u.id = ANY(${`{${userIds.join(',')}}`}::int[])`);
      return rows.map(toStaff);
    },
    async enqueueOnce(entries) {
      let inserted = 0;
      for (const insert of outboxInserts(entries)) {
        inserted += (await db.execute<{ id: number }>(sql`${insert} ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`)).length;
      }
      return inserted;
    },
    async noticeState(dedupeKey) {
      const [r] = await db.execute<{ status: string; sent_at: string | null; not_before: string }>(sql`
        SELECT status, sent_at, not_before FROM notifications WHERE dedupe_key = ${dedupeKey}`);
      return r ? { status: r.status, sentAt: ts(r.sent_at), dueAt: new Date(r.not_before) } : null;
    },
    async lessonsOfTeacherDay(teacherId, date) {
      const rows = await db.execute<LessonRow>(
        lessonsWhere(sql`l.date = ${date}
        AND ((l.teacher_id = ${teacherId} AND l.substitute_id IS NULL) OR l.substitute_id = ${teacherId})`),
      );
      return rows.map(toLesson);
    },
    async lessonsOfSchoolDay(schoolId, date) {
      const rows = await db.execute<LessonRow>(lessonsWhere(sql`l.school_id = ${schoolId} AND l.date = ${date}`));
      return rows.map(toLesson);
    },
    async isHoliday(schoolId, date) {
      const rows = await db.execute(sql`SELECT 1 FROM holidays WHERE school_id = ${schoolId} AND date = ${date}`);
      return rows.length > 0;
    },
    async tally(schoolId, from, to, rules, now) {
      const f = partFlags(rules.parts);
      // A lesson is filled when its last required part is; greatest() skips the parts not required.
      const rows = await db.execute<{
        teacher_id: number;
        last_name: string;
        first_name: string;
        middle_name: string | null;
        lessons: number;
        on_time: number;
        late: number;
        missing: number;
        pending: number;
      }>(sql`
        WITH x AS (
          SELECT COALESCE(l.substitute_id, l.teacher_id) AS teacher_id,
                 ((NOT ${f.att} OR l.attendance_filled_at IS NOT NULL) AND (NOT ${f.topic} OR l.topic_filled_at IS NOT NULL)
                   AND (NOT ${f.hw} OR l.homework_filled_at IS NOT NULL)) AS complete,
                 GREATEST(CASE WHEN ${f.att} THEN l.attendance_filled_at END, CASE WHEN ${f.topic} THEN l.topic_filled_at END,
                          CASE WHEN ${f.hw} THEN l.homework_filled_at END) AS filled_at,
                 (l.date + ${rules.fillDeadline}::time) AT TIME ZONE ${rules.timezone} AS deadline_at
          FROM lessons l
          WHERE l.school_id = ${schoolId} AND l.date BETWEEN ${from} AND ${to} AND l.status = 'scheduled'
            AND extract(isodow FROM l.date)::int = ANY(${`{${rules.workingDays.join(',')}}`}::int[])
            AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.school_id = l.school_id AND h.date = l.date)
        )
        SELECT x.teacher_id, u.last_name, u.first_name, u.middle_name,
               count(*)::int AS lessons,
               count(*) FILTER (WHERE x.complete AND x.filled_at <= x.deadline_at)::int AS on_time,
               count(*) FILTER (WHERE x.complete AND x.filled_at > x.deadline_at)::int AS late,
               count(*) FILTER (WHERE NOT x.complete AND x.deadline_at <= ${iso(now)}::timestamptz)::int AS missing,
               count(*) FILTER (WHERE NOT x.complete AND x.deadline_at > ${iso(now)}::timestamptz)::int AS pending
        FROM x JOIN users u ON u.id = x.teacher_id
        GROUP BY x.teacher_id, u.last_name, u.first_name, u.middle_name`);
      return rows.map((r) => ({
        teacherId: r.teacher_id,
        teacherName: fullName(r),
        lessons: r.lessons,
        onTime: r.on_time,
        late: r.late,
        missing: r.missing,
        pending: r.pending,
      }));
    },
  };
}
