import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AttendanceStatus, GradeKind } from '../../domain/lessons/types.js';
import type { DeliveryFactsRepository, GradeFacts } from '../../domain/outbox/types.js';
import type { DivisionKind } from '../../domain/year/types.js';
import type { Executor } from '../client.js';
import { guardianships, maxLinks, users } from '../schema/index.js';
import { preferencesOf } from './audience-repository.js';
import { groupLevelText } from './group-label.js';
import { studentConsentSql } from './family/student-queries.js';

const iso = (d: Date) => d.toISOString();
const fullName = (r: { last_name: string; first_name: string }) => `${r.last_name} ${r.first_name}`;

type GradeRow = {
  id: number;
  student_id: number;
  last_name: string;
  first_name: string;
  subject: string;
  value: string;
  kind: string;
  term: number | null;
  date: string;
  comment: string | null;
  deleted_at: Date | null;
  period_kind: string | null;
};

const GRADE_SELECT = sql`
  SELECT gr.id, gr.student_id, s.last_name, s.first_name, sub.name AS subject, gr.value, gr.kind, gr.term,
         gr.date::text AS date, gr.comment, gr.deleted_at,
         -- A term grade names its period («за 2-ю четверть»): the kind of the study periods of its class's grade level.
         CASE WHEN gr.kind = 'term' THEN (
           SELECT sp.kind FROM study_periods sp JOIN groups cg ON cg.id = c.group_id
           WHERE sp.school_id = gr.school_id AND sp.number = gr.term AND ${sql.raw(groupLevelText('cg'))} = ANY(sp.grade_levels)
             AND sp.year_from <= gr.date AND gr.date < sp.year_from + interval '1 year'
           ORDER BY sp.year_from DESC LIMIT 1) END AS period_kind
  FROM grades gr
  JOIN students s ON s.id = gr.student_id
  JOIN courses c ON c.id = gr.course_id
  JOIN subjects sub ON sub.id = c.subject_id`;

function toGrade(r: GradeRow): GradeFacts {
  return {
    gradeId: Number(r.id),
    studentId: r.student_id,
    studentName: fullName(r),
    subject: r.subject,
    value: r.value,
    kind: r.kind as GradeKind,
    term: r.term,
    date: r.date,
    comment: r.comment,
    deleted: r.deleted_at !== null,
    periodKind: r.period_kind as DivisionKind | null,
  };
}

export function createDeliveryFactsRepository(db: Executor): DeliveryFactsRepository {
  return {
    async recipient(userId) {
      const [r] = await db.execute<{
        id: number;
        school_id: number;
        locale: string;
        timezone: string;
        telegram_chat_id: string | null;
        telegram_status: string | null;
        email: string | null;
        roles: string[];
        has_consent: boolean;
        absences: string | null;
        grades: string | null;
        digest_time: string | null;
        quiet_start: string | null;
        quiet_end: string | null;
        email_fallback: boolean | null;
        linked_at: string | null;
        preferred_messenger: string | null;
        max_chat_id: string | null;
        max_status: string | null;
        max_linked_at: string | null;
      }>(sql`
        SELECT u.id, u.school_id, u.locale, sch.timezone, u.telegram_chat_id, u.telegram_status, u.email, u.roles,
               u.linked_at, u.preferred_messenger, m.chat_id AS max_chat_id, m.status AS max_status, m.linked_at AS max_linked_at,
               CASE WHEN u.student_id IS NULL
                 THEN EXISTS (SELECT 1 FROM consents c WHERE c.parent_id = u.id AND c.withdrawn_at IS NULL)
                 ELSE (SELECT ${studentConsentSql} FROM students s WHERE s.id = u.student_id) END AS has_consent,
               p.absences, p.grades, p.digest_time, p.quiet_start, p.quiet_end, p.email_fallback
        FROM users u JOIN schools sch ON sch.id = u.school_id LEFT JOIN preferences p ON p.user_id = u.id
          LEFT JOIN max_links m ON m.user_id = u.id
        WHERE u.id = ${userId} AND u.active`);
      if (!r) return null;
      return {
        userId: r.id,
        schoolId: r.school_id,
        locale: r.locale === 'en' ? 'en' : 'ru',
        timezone: r.timezone,
        telegramChatId: r.telegram_chat_id === null ? null : Number(r.telegram_chat_id),
        telegramBlocked: r.telegram_status === 'blocked',
        telegramLinkedAt: r.linked_at ? new Date(r.linked_at) : null,
        max:
          r.max_chat_id === null
            ? null
            : { chatId: Number(r.max_chat_id), blocked: r.max_status === 'blocked', linkedAt: new Date(r.max_linked_at!) },
        preferredMessenger: r.preferred_messenger === 'max' || r.preferred_messenger === 'telegram' ? r.preferred_messenger : null,
        email: r.email,
        preferences: preferencesOf(r),
        hasConsent: r.has_consent,
        isParent: r.roles.includes('parent'),
        isStudent: r.roles.includes('student'),
      };
    },
    async markTelegramBlocked(userId) {
      await db.update(users).set({ telegramStatus: 'blocked' }).where(eq(users.id, userId));
    },
    async markMaxBlocked(userId) {
      await db.update(maxLinks).set({ status: 'blocked' }).where(eq(maxLinks.userId, userId));
    },
    async absences(studentId, date) {
      const [student] = await db.execute<{ last_name: string; first_name: string }>(
        sql`SELECT last_name, first_name FROM students WHERE id = ${studentId}`,
      );
      if (!student) return null;
      const rows = await db.execute<{
        lesson_id: number;
        attendance_id: number;
        period: number | null;
        starts_at: string;
        subject: string;
        status: string;
      }>(sql`
        SELECT l.id AS lesson_id, a.id AS attendance_id, l.period, l.starts_at, sub.name AS subject, a.status
        FROM attendance a
        JOIN lessons l ON l.id = a.lesson_id
        JOIN courses c ON c.id = l.course_id
        JOIN subjects sub ON sub.id = c.subject_id
        WHERE a.student_id = ${studentId} AND l.date = ${date} AND l.status = 'scheduled' AND a.status <> 'present'
        ORDER BY l.starts_at`);
      return {
        studentId,
        studentName: fullName(student),
        date,
        lessons: rows.map((r) => ({
          lessonId: r.lesson_id,
          attendanceId: Number(r.attendance_id),
          period: r.period,
          startsAt: new Date(r.starts_at),
          subject: r.subject,
          status: r.status as AttendanceStatus,
        })),
      };
    },
    async grade(gradeId) {
      const [r] = await db.execute<GradeRow>(sql`${GRADE_SELECT} WHERE gr.id = ${gradeId}`);
      return r ? toGrade(r) : null;
    },
    async gradesForDigest(parentId, from, until) {
      const rows = await db.execute<GradeRow>(sql`${GRADE_SELECT}
        WHERE gr.student_id IN (SELECT g.student_id FROM guardianships g WHERE g.parent_id = ${parentId} AND g.ended_on IS NULL
                                UNION ALL SELECT u.student_id FROM users u WHERE u.id = ${parentId} AND u.student_id IS NOT NULL)
          AND gr.updated_at > ${iso(from)}::timestamptz AND gr.updated_at <= ${iso(until)}::timestamptz
        ORDER BY s.last_name, s.first_name, gr.date, gr.id`);
      return rows.map(toGrade);
    },
    async lastDigestSentAt(parentId) {
      const [r] = await db.execute<{ at: string | null }>(sql`
        SELECT max(sent_at) AS at FROM notifications WHERE recipient_id = ${parentId} AND kind = 'grade_digest' AND status = 'sent'`);
      return r?.at ? new Date(r.at) : null;
    },
    async isGuardian(parentId, studentId) {
      const rows = await db
        .select({ p: guardianships.parentId })
        .from(guardianships)
        .where(and(eq(guardianships.parentId, parentId), eq(guardianships.studentId, studentId), isNull(guardianships.endedOn)));
      return rows.length > 0;
    },
    async isStudentSelf(userId, studentId) {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.studentId, studentId), eq(users.active, true)));
      return rows.length > 0;
    },
  };
}
