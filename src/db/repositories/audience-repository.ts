import { sql } from 'drizzle-orm';
import { DEFAULT_PREFERENCES, type AudienceRepository, type Preferences } from '../../domain/outbox/types.js';
import type { Executor } from '../client.js';
import { studentConsentSql } from './family/student-queries.js';

type PreferenceColumns = {
  absences: string | null;
  grades: string | null;
  digest_time: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  email_fallback: boolean | null;
};

/** A parent who never opened the settings has no row: the defaults apply. */
export function preferencesOf(row: PreferenceColumns): Preferences {
  return {
    absences: (row.absences ?? DEFAULT_PREFERENCES.absences) as Preferences['absences'],
    grades: (row.grades ?? DEFAULT_PREFERENCES.grades) as Preferences['grades'],
    digestTime: row.digest_time ?? DEFAULT_PREFERENCES.digestTime,
    quietStart: row.quiet_start ?? DEFAULT_PREFERENCES.quietStart,
    quietEnd: row.quiet_end ?? DEFAULT_PREFERENCES.quietEnd,
    emailFallback: row.email_fallback ?? DEFAULT_PREFERENCES.emailFallback,
  };
}

export function createAudienceRepository(db: Executor): AudienceRepository {
  return {
    async guardiansOf(studentIds) {
      if (!studentIds.length) return [];
      const rows = await db.execute<PreferenceColumns & { parent_id: number; student_id: number }>(sql`
        SELECT g.parent_id, g.student_id, p.absences, p.grades, p.digest_time, p.quiet_start, p.quiet_end, p.email_fallback
        FROM guardianships g
        JOIN users u ON u.id = g.parent_id AND u.active
        JOIN consents c ON c.parent_id = g.parent_id AND c.withdrawn_at IS NULL
        LEFT JOIN preferences p ON p.user_id = g.parent_id
        WHERE g.ended_on IS NULL AND g.student_id IN (${sql.join(
          studentIds.map((id) => sql`${id}`),
          sql`, `,
        )})`);
      return rows.map((r) => ({ parentId: Number(r.parent_id), studentId: Number(r.student_id), preferences: preferencesOf(r) }));
    },
    async studentsOf(studentIds) {
      if (!studentIds.length) return [];
      const rows = await db.execute<PreferenceColumns & { user_id: number; student_id: number }>(sql`
        SELECT u.id AS user_id, s.id AS student_id, p.absences, p.grades, p.digest_time, p.quiet_start, p.quiet_end, p.email_fallback
        FROM users u JOIN students s ON s.id = u.student_id JOIN schools sch ON sch.id = u.school_id
        LEFT JOIN preferences p ON p.user_id = u.id
        WHERE u.active AND s.id IN (${sql.join(
          studentIds.map((id) => sql`${id}`),
          sql`, `,
        )}) AND ${studentConsentSql}`);
      return rows.map((r) => ({ userId: Number(r.user_id), studentId: Number(r.student_id), preferences: preferencesOf(r) }));
    },
  };
}
