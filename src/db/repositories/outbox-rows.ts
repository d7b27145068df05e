import { sql, type SQL } from 'drizzle-orm';
import type { OutboxEntry } from '../../domain/outbox/types.js';

const CHUNK = 1000;

/**
 * Outbox entries as `INSERT INTO notifications (…) SELECT …` statements without their
 * ON CONFLICT clause, 1,000 rows each. One JSON parameter per chunk (jsonb_to_recordset)
 * instead of seven bind parameters a row: the first reminder scan of an afternoon and the
 * escalations write thousands of notices in one transaction.
 */
export function* outboxInserts(entries: readonly OutboxEntry[]): Generator<SQL> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const rows = JSON.stringify(
      entries.slice(i, i + CHUNK).map((e) => ({
        school_id: e.schoolId,
        recipient_id: e.recipientId,
        kind: e.kind,
        dedupe_key: e.dedupeKey,
        payload: e.payload,
        not_before: e.notBefore.toISOString(),
        deadline: e.deadline ? e.deadline.toISOString() : null,
      })),
    );
    yield sql`
      INSERT INTO notifications (school_id, recipient_id, kind, dedupe_key, payload, not_before, deadline)
      SELECT e.school_id, e.recipient_id, e.kind, e.dedupe_key, e.payload, e.not_before, e.deadline
      FROM jsonb_to_recordset(${rows}::jsonb)
        AS e(school_id int, recipient_id int, kind text, dedupe_key text, payload jsonb, not_before timestamptz, deadline timestamptz)`;
  }
}
