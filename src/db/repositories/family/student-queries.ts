import { sql } from 'drizzle-orm';
import type { FamilyRepository } from '../../../domain/family/types.js';
import type { Executor } from '../../client.js';

/**
 * The consent a student's data needs, in SQL for the audience and delivery queries as well:
 * `u` is the student user, `s` their pupil. Under 14 (or with no birth date) a current
 * guardian's active consent, from 14 the student's own (docs/roles.md, Student).
 */
const OWN = `EXISTS (SELECT 1 FROM consents c WHERE c.parent_id = u.id AND c.withdrawn_at IS NULL)`;
const GUARDIAN = `EXISTS (SELECT 1 FROM guardianships g JOIN users pu ON pu.id = g.parent_id AND pu.active
    JOIN consents c ON c.parent_id = g.parent_id AND c.withdrawn_at IS NULL
  WHERE g.student_id = s.id AND g.ended_on IS NULL)`;
/** `sch` is the school: the age counts in its timezone, as needsGuardianConsent does. */
export const studentConsentSql = sql.raw(`CASE
  WHEN s.birth_date IS NOT NULL AND s.birth_date <= ((now() AT TIME ZONE sch.timezone)::date - interval '14 years') THEN ${OWN}
  ELSE ${GUARDIAN} END`);

/** Queries of the family repository: the student as a user of the bot. */
export function createStudentQueries(db: Executor): Pick<FamilyRepository, 'studentAccount'> {
  return {
    async studentAccount(userId) {
      const [r] = await db.execute<{
        user_id: number;
        student_id: number;
        school_id: number;
        last_name: string;
        first_name: string;
        birth_date: string | null;
        own: boolean;
        guardian: boolean;
      }>(sql`
        SELECT u.id AS user_id, s.id AS student_id, s.school_id, s.last_name, s.first_name, s.birth_date::text AS birth_date,
          ${sql.raw(OWN)} AS own, ${sql.raw(GUARDIAN)} AS guardian
        FROM users u JOIN students s ON s.id = u.student_id
        WHERE u.id = ${userId} AND u.active AND 'student' = ANY(u.roles)`);
      if (!r) return null;
      return {
        userId: r.user_id,
        studentId: r.student_id,
        schoolId: r.school_id,
        lastName: r.last_name,
        firstName: r.first_name,
        birthDate: r.birth_date,
        ownConsent: r.own,
        guardianConsent: r.guardian,
      };
    },
  };
}
