import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { NotificationKind, NotificationRecord, NotificationRepository, NotificationStatus } from '../../domain/notifications/types.js';
import type { Executor } from '../client.js';
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
    sentAt: row.sentAt,
  };
}

const pairs = (rows: { id: number; version: number }[]) =>
  sql.join(rows.map((r) => sql`(${r.id}::bigint, ${r.version}::int)`), sql`, `);

export function createNotificationRepository(db: Executor): NotificationRepository {
  return {
    async upsert(entries) {
      for (let i = 0; i < entries.length; i += 1000) {
        const chunk = entries.slice(i, i + 1000);
        await db
          .insert(notifications)
          .values(chunk.map((e) => ({ ...e, payload: e.payload as Record<string, unknown> })))
          .onConflictDoUpdate({
            target: notifications.dedupeKey,
            // New facts for a known notice: back to pending under a new version. A pending
            // notice keeps the earlier of the two deadlines, so merging never delays past 24 h.
            set: {
              status: 'pending',
              version: sql`${notifications.version} + 1`,
              payload: sql`excluded.payload`,
              deadline: sql`CASE WHEN ${notifications.status} IN ('pending','queued') THEN LEAST(${notifications.deadline}, excluded.deadline) ELSE excluded.deadline END`,
              notBefore: sql`LEAST(excluded.not_before, CASE WHEN ${notifications.status} IN ('pending','queued') THEN COALESCE(${notifications.deadline} - interval '30 minutes', excluded.not_before) ELSE excluded.not_before END)`,
              lastError: null,
              updatedAt: sql`now()`,
            },
          });
      }
    },
    async due(now, limit) {
      return db
        .select({ id: notifications.id, version: notifications.version })
        .from(notifications)
        .where(and(eq(notifications.status, 'pending'), sql`${notifications.notBefore} <= ${iso(now)}::timestamptz`))
        .orderBy(notifications.notBefore)
        .limit(limit);
    },
    async markQueued(rows, at) {
      if (!rows.length) return;
      await db
        .update(notifications)
        .set({ status: 'queued', updatedAt: at })
        .where(and(eq(notifications.status, 'pending'), sql`(${notifications.id}, ${notifications.version}) IN (${pairs(rows)})`));
    },
    async requeueStale(before) {
      const rows = await db
        .update(notifications)
        .set({ status: 'pending', updatedAt: sql`now()` })
        .where(and(eq(notifications.status, 'queued'), lt(notifications.updatedAt, before)))
        .returning({ id: notifications.id });
      return rows.length;
    },
    async hurryNearDeadline(now, horizon) {
      const rows = await db
        .update(notifications)
        .set({ notBefore: now })
        .where(and(eq(notifications.status, 'pending'), lt(notifications.deadline, horizon), sql`${notifications.notBefore} > ${iso(now)}::timestamptz`))
        .returning({ id: notifications.id });
      return rows.length;
    },
    async findById(id) {
      const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
      return row ? toRecord(row) : null;
    },
    async markSent(id, version, channel, telegramMessageId, at) {
      const rows = await db
        .update(notifications)
        .set({ status: 'sent', channel, telegramMessageId, sentAt: at, lastError: null, updatedAt: at })
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
      await db.update(notifications).set({ attempts: sql`${notifications.attempts} + 1` }).where(eq(notifications.id, id));
    },
  };
}
