import { sql } from 'drizzle-orm';
import type { ClassOverview, FamilyRepository } from '../../../domain/family/types.js';
import type { Executor } from '../../client.js';
import { covers } from './shared.js';

/** Queries of the family repository: a class teacher's classes and their parents. */
export function createClassQueries(db: Executor): Pick<FamilyRepository, 'groupsOfClassTeacher' | 'classParents'> {
  return {
    async groupsOfClassTeacher(userId) {
      return db
        .execute<{ id: number; name: string }>(sql`SELECT id, name FROM groups WHERE class_teacher_id = ${userId} ORDER BY name, id`)
        .then((rows) => rows.map((r) => ({ id: r.id, name: r.name })));
    },
    async classParents(groupId, onDate) {
      const rows = await db.execute<{
        student_id: number;
        last_name: string;
        first_name: string;
        parent_id: number | null;
        p_last: string | null;
        p_first: string | null;
        telegram_user_id: string | null;
        telegram_status: string | null;
        max_status: string | null;
        email: string | null;
        consent: boolean | null;
      }>(sql`
        SELECT s.id AS student_id, s.last_name, s.first_name, u.id AS parent_id, u.last_name AS p_last, u.first_name AS p_first,
               u.telegram_user_id, u.telegram_status, ml.status AS max_status, u.email,
               EXISTS (SELECT 1 FROM consents c WHERE c.parent_id = u.id AND c.withdrawn_at IS NULL) AS consent
        FROM enrollments e JOIN students s ON s.id = e.student_id
        LEFT JOIN guardianships g ON g.student_id = s.id AND g.ended_on IS NULL
        LEFT JOIN users u ON u.id = g.parent_id AND u.active
        LEFT JOIN max_links ml ON ml.user_id = u.id
        WHERE e.group_id = ${groupId} AND ${covers(sql`${onDate}::date`)}
        ORDER BY s.last_name, s.first_name, s.id, u.last_name, u.id`);
      const out = new Map<number, ClassOverview['students'][number]>();
      for (const r of rows) {
        const student =
          out.get(r.student_id) ??
          out
            .set(r.student_id, { studentId: r.student_id, lastName: r.last_name, firstName: r.first_name, parents: [] })
            .get(r.student_id)!;
        if (r.parent_id === null) continue;
        student.parents.push({
          parentId: r.parent_id,
          name: `${r.p_last} ${r.p_first}`,
          telegramLinked: r.telegram_user_id !== null,
          telegramBlocked: r.telegram_status === 'blocked',
          maxLinked: r.max_status !== null,
          maxBlocked: r.max_status === 'blocked',
          hasEmail: !!r.email,
          consent: !!r.consent,
        });
      }
      return [...out.values()];
    },
  };
}
