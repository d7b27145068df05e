import { sql } from 'drizzle-orm';
import type { OperationsRepository } from '../../domain/operations/types.js';
import type { Executor } from '../client.js';

export function createOperationsRepository(db: Executor): OperationsRepository {
  return {
    async outboxHealth(now) {
      // Both statuses have partial indexes (notifications_due, notifications_queued), so this
      // touches the waiting rows only, however many sent rows the table holds.
      const rows = await db.execute<{ pending: string; queued: string; oldest: string | null }>(sql`
        SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
               count(*) FILTER (WHERE status = 'queued') AS queued,
               min(not_before) FILTER (WHERE status = 'pending' AND not_before <= ${now.toISOString()}::timestamptz) AS oldest
          FROM notifications WHERE status IN ('pending', 'queued')`);
      const row = rows[0]!;
      return { pending: Number(row.pending), queued: Number(row.queued), oldestDuePendingAt: row.oldest ? new Date(row.oldest) : null };
    },
  };
}
