import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AccessRepository } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { codeAttempts, invites, users } from '../../schema/index.js';

/** Access codes and the wrong-code attempts that lock a chat. */
export function createInviteQueries(
  db: Executor,
): Pick<AccessRepository, 'revokeUnused' | 'insertInvites' | 'findInviteByHash' | 'markUsed' | 'attemptsSince' | 'recordAttempt'> {
  return {
    async revokeUnused(userIds, at) {
      if (!userIds.length) return 0;
      const rows = await db
        .update(invites)
        .set({ revokedAt: at })
        .where(and(inArray(invites.userId, userIds), isNull(invites.usedAt), isNull(invites.revokedAt)))
        .returning({ id: invites.id });
      return rows.length;
    },
    async insertInvites(rows) {
      for (let i = 0; i < rows.length; i += 1000) await db.insert(invites).values(rows.slice(i, i + 1000));
    },
    async findInviteByHash(codeHash) {
      const [row] = await db
        .select({
          id: invites.id,
          userId: invites.userId,
          schoolId: users.schoolId,
          expiresAt: invites.expiresAt,
          usedAt: invites.usedAt,
          revokedAt: invites.revokedAt,
          userActive: users.active,
          studentId: users.studentId,
        })
        .from(invites)
        .innerJoin(users, eq(users.id, invites.userId))
        .where(eq(invites.codeHash, codeHash));
      return row ?? null;
    },
    async markUsed(inviteId, at, telegramUserId) {
      const rows = await db
        .update(invites)
        .set({ usedAt: at, usedByTelegramId: telegramUserId })
        .where(and(eq(invites.id, inviteId), isNull(invites.usedAt), isNull(invites.revokedAt)))
        .returning({ id: invites.id });
      return rows.length === 1;
    },
    async attemptsSince(who, since, globalMax) {
      const times = (rows: { at: Date }[]) => rows.map((r) => r.at);
      const [chat, user, global] = await Promise.all([
        db
          .select({ at: codeAttempts.at })
          .from(codeAttempts)
          .where(
            and(eq(codeAttempts.chatId, who.chatId), eq(codeAttempts.messenger, who.messenger ?? 'telegram'), gt(codeAttempts.at, since)),
          )
          .orderBy(asc(codeAttempts.at)),
        db
          .select({ at: codeAttempts.at })
          .from(codeAttempts)
          .where(
            and(
              eq(codeAttempts.telegramUserId, who.telegramUserId),
              eq(codeAttempts.messenger, who.messenger ?? 'telegram'),
              gt(codeAttempts.at, since),
            ),
          )
          .orderBy(asc(codeAttempts.at)),
        db
          .select({ at: codeAttempts.at })
          .from(codeAttempts)
          .where(gt(codeAttempts.at, since))
          .orderBy(desc(codeAttempts.at))
          .limit(globalMax),
      ]);
      return { chat: times(chat), user: times(user), global: times(global).reverse() };
    },
    async recordAttempt(who, at) {
      const messenger = who.messenger ?? 'telegram';
      await db.insert(codeAttempts).values({ chatId: who.chatId, telegramUserId: who.telegramUserId, messenger, at });
      // Only the last hour matters; older rows of this chat and account are dropped as they go.
      await db
        .delete(codeAttempts)
        .where(
          and(
            eq(codeAttempts.messenger, messenger),
            or(eq(codeAttempts.chatId, who.chatId), eq(codeAttempts.telegramUserId, who.telegramUserId)),
            sql`${codeAttempts.at} < ${at.toISOString()}::timestamptz - interval '1 day'`,
          ),
        );
    },
  };
}
