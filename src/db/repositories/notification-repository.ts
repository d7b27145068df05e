import { and, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type {
  NotificationKind,
  NotificationPayload,
  NotificationRecord,
  NotificationRepository,
  NotificationStatus,
} from '../../domain/outbox/types.js';
import { DEADLINE_MARGIN_MS } from '../../domain/outbox/scheduling.js';
import type { Executor } from '../client.js';
import { outboxInserts } from './outbox-rows.js';
import { deliveryAttempts, notifications } from '../schema/index.js';

const iso = (d: Date) => d.toISOString();

function toRecord(row: typeof notifications.$inferSelect): NotificationRecord {
  return {
    id: row.id,
    schoolId: row.schoolId,
    recipientId: row.recipientId,
    kind: row.kind as NotificationKind,
    dedupeKey: row.dedupeKey,
    payload: row.payload as NotificationRecord['payload'],
    notBefore: row.notBefore!,
    deadline: row.deadline,
    status: row.status as NotificationStatus,
    version: row.version,
    channel: row.channel,
    attempts: row.attempts,
    telegramMessageId: row.telegramMessageId,
    maxMessageId: row.maxMessageId,
    sentAt: row.sentAt,
  };
}

const pairs = (rows: { id: number; version: number }[]) =>
  sql.join(
    rows.map((r) => sql`(${r.id}::bigint, ${r.version}::int)`),
    sql`, `,
  );

/** Moves the given versions from one status to another; a row whose version changed stays as it is. */
async function moveVersions(
  db: Executor,
  rows: { id: number; version: number }[],
  from: NotificationStatus,
  to: NotificationStatus,
  at: Date | SQL,
) {
  if (!rows.length) return;
  await db
    .update(notifications)
    .set({ status: to, updatedAt: at })
    .where(and(eq(notifications.status, from), sql`(${notifications.id}, ${notifications.version}) IN (${pairs(rows)})`));
}

export function createNotificationRepository(db: Executor): NotificationRepository {
  return {
    async upsert(entries) {
      for (const insert of outboxInserts(entries)) {
        // New facts for a known notice: back to pending under a new version. A pending
        // notice keeps the earlier of the two deadlines, so merging never delays past 24 h.
        await db.execute(sql`
          ${insert}
          ON CONFLICT (dedupe_key) DO UPDATE SET
            status = 'pending',
            version = notifications.version + 1,
            payload = excluded.payload,
            deadline = CASE WHEN notifications.status IN ('pending','queued') THEN LEAST(notifications.deadline, excluded.deadline) ELSE excluded.deadline END,
            not_before = LEAST(excluded.not_before, CASE WHEN notifications.status IN ('pending','queued')
              THEN COALESCE(notifications.deadline - ${DEADLINE_MARGIN_MS}::int * interval '1 millisecond', excluded.not_before) ELSE excluded.not_before END),
            last_error = NULL,
            updated_at = now()`);
      }
    },
    async due(now, limit) {
      const rows = await db
        .select({ id: notifications.id, version: notifications.version, kind: notifications.kind, payload: notifications.payload })
        .from(notifications)
        .where(and(eq(notifications.status, 'pending'), sql`${notifications.notBefore} <= ${iso(now)}::timestamptz`))
        .orderBy(notifications.notBefore)
        .limit(limit);
      return rows.map((r) => ({
        id: r.id,
        version: r.version,
        kind: r.kind as NotificationKind,
        payload: r.payload as NotificationPayload,
      }));
    },
    async markQueued(rows, at) {
      await moveVersions(db, rows, 'pending', 'queued', at);
    },
    async requeueStale(before) {
      const rows = await db
        .update(notifications)
        .set({ status: 'pending', updatedAt: sql`now()` })
        .where(and(eq(notifications.status, 'queued'), lt(notifications.updatedAt, before)))
        .returning({ id: notifications.id });
      return rows.length;
    },
    async queuedBefore(before) {
      return db
        .select({ id: notifications.id, version: notifications.version })
        .from(notifications)
        .where(and(eq(notifications.status, 'queued'), lt(notifications.updatedAt, before)));
    },
    async backToPending(rows) {
      await moveVersions(db, rows, 'queued', 'pending', sql`now()`);
    },
    async installationId() {
      // The insert's row, or the one made earlier (a statement does not see its own CTE's insert).
      const [row] = await db.execute<{ id: string }>(sql`
        WITH made AS (INSERT INTO installation DEFAULT VALUES ON CONFLICT DO NOTHING RETURNING id)
        SELECT id FROM made UNION ALL SELECT id FROM installation LIMIT 1`);
      return row!.id;
    },
    async hurryNearDeadline(now, horizon) {
      const rows = await db
        .update(notifications)
        .set({ notBefore: now })
        .where(
          and(
            eq(notifications.status, 'pending'),
            lt(notifications.deadline, horizon),
            sql`${notifications.notBefore} > ${iso(now)}::timestamptz`,
          ),
        )
        .returning({ id: notifications.id });
      return rows.length;
    },
    async findById(id) {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
      return row ? toRecord(row) : null;
    },
    async markSent(id, version, channel, messageId, at) {
      // Telegram's message ids are numbers, MAX's are strings: each has its column.
      const telegramMessageId = typeof messageId === 'number' ? messageId : null;
      const maxMessageId = typeof messageId === 'string' ? messageId : null;
      const rows = await db
        .update(notifications)
        .set({ status: 'sent', channel, telegramMessageId, maxMessageId, sentAt: at, lastError: null, updatedAt: at })
        .where(and(eq(notifications.id, id), eq(notifications.version, version), inArray(notifications.status, ['pending', 'queued'])))
        .returning({ id: notifications.id });
      return rows.length > 0;
    },
    async markFinal(id, version, status, error) {
      await db
        .update(notifications)
        .set({ status, lastError: error, updatedAt: sql`now()` })
        .where(and(eq(notifications.id, id), eq(notifications.version, version), inArray(notifications.status, ['pending', 'queued'])));
    },
    async recordAttempt(id, channel, outcome, error) {
      await db.insert(deliveryAttempts).values({ notificationId: id, channel, outcome, error });
      await db
        .update(notifications)
        .set({ attempts: sql`${notifications.attempts} + 1` })
        .where(eq(notifications.id, id));
    },
  };
}
