import { eq, sql } from 'drizzle-orm';
import type { RosterRepository } from '../../../domain/roster/types.js';
import type { Executor } from '../../client.js';
import { enrollments } from '../../schema/index.js';
import { chunks, json } from './shared.js';

/** Writes of enrollment history: closing, correcting and opening enrollments. */
export function createEnrollmentWriteQueries(
  db: Executor,
): Pick<RosterRepository, 'closeEnrollments' | 'deleteEnrollments' | 'regroupEnrollments' | 'addEnrollments'> {
  return {
    async closeEnrollments(ids, toDate) {
      for (const chunk of chunks(ids)) {
        await db
          .update(enrollments)
          .set({ toDate })
          .where(sql`${enrollments.id} in (select value::int from jsonb_array_elements_text(${json(chunk)}))`);
      }
    },
    async deleteEnrollments(ids) {
      for (const chunk of chunks(ids))
        await db.delete(enrollments).where(sql`${enrollments.id} in (select value::int from jsonb_array_elements_text(${json(chunk)}))`);
    },
    async regroupEnrollments(changes) {
      // Same-day corrections only: rare enough that one statement per row is fine.
      for (const c of changes) await db.update(enrollments).set({ groupId: c.groupId }).where(eq(enrollments.id, c.id));
    },
    async addEnrollments(rows) {
      for (const chunk of chunks(rows)) {
        await db.execute(sql`
          insert into enrollments (student_id, group_id, from_date, reason)
          select x.student_id, x.group_id, x.from_date, x.reason
          from jsonb_to_recordset(${json(chunk.map((e) => ({ student_id: e.studentId, group_id: e.groupId, from_date: e.fromDate, reason: e.reason })))})
            as x(student_id int, group_id int, from_date date, reason text)`);
      }
    },
  };
}
