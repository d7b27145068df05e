import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AccessRepository, Messenger } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { maxAccounts, maxLinks, users } from '../../schema/index.js';
import { identityOf, prepareIdentifyMax } from './shared.js';

/** MAX links: one row per user, made active again when the person links anew; a MAX account's language. */
export function createMaxQueries(
  db: Executor,
): Pick<
  AccessRepository,
  'linkMax' | 'unlinkMax' | 'setMaxDialog' | 'identifyMax' | 'setMaxLocale' | 'messengerLinks' | 'setPreferredMessenger'
> {
  let identifyQuery: ReturnType<typeof prepareIdentifyMax> | undefined;
  return {
    async linkMax(userId, link) {
      const row = { maxUserId: link.maxUserId, chatId: link.chatId, status: 'active', linkedAt: link.at };
      await db
        .insert(maxLinks)
        .values({ userId, ...row })
        .onConflictDoUpdate({ target: maxLinks.userId, set: row });
      // A language the MAX account chose before linking becomes the user's (notifications use it).
      const [chosen] = await db.select({ locale: maxAccounts.locale }).from(maxAccounts).where(eq(maxAccounts.maxUserId, link.maxUserId));
      if (chosen) await db.update(users).set({ locale: chosen.locale }).where(eq(users.id, userId));
      // Linked again: an earlier closed access no longer speaks for this account.
      await db
        .update(maxAccounts)
        .set({ closedUserId: null })
        .where(and(eq(maxAccounts.maxUserId, link.maxUserId), isNotNull(maxAccounts.closedUserId)));
    },
    async unlinkMax(userIds) {
      if (!userIds.length) return [];
      const rows = await db
        .delete(maxLinks)
        .where(inArray(maxLinks.userId, userIds))
        .returning({ id: maxLinks.userId, maxUserId: maxLinks.maxUserId });
      if (!rows.length) return [];
      const schoolOf = new Map(
        (
          await db
            .select({ id: users.id, schoolId: users.schoolId })
            .from(users)
            .where(
              inArray(
                users.id,
                rows.map((r) => r.id),
              ),
            )
        ).map((u) => [u.id, u.schoolId]),
      );
      return rows.map((r) => ({ ...r, schoolId: schoolOf.get(r.id)! }));
    },
    async setMaxDialog(maxUserId, status) {
      const rows = await db
        .update(maxLinks)
        .set({ status })
        .where(and(eq(maxLinks.maxUserId, maxUserId), sql`${maxLinks.status} <> ${status}`))
        .returning({ userId: maxLinks.userId });
      return rows.length;
    },
    async identifyMax(maxUserId) {
      identifyQuery ??= prepareIdentifyMax(db);
      return identityOf(await identifyQuery.execute({ maxUserId }));
    },
    async setMaxLocale(maxUserId, locale) {
      await db
        .insert(maxAccounts)
        .values({ maxUserId, locale })
        .onConflictDoUpdate({ target: maxAccounts.maxUserId, set: { locale, updatedAt: sql`now()` } });
      await db
        .update(users)
        .set({ locale })
        .where(sql`${users.id} IN (SELECT ${maxLinks.userId} FROM ${maxLinks} WHERE ${maxLinks.maxUserId} = ${maxUserId})`);
    },
    async messengerLinks(userId) {
      const [row] = await db
        .select({
          userId: users.id,
          schoolId: users.schoolId,
          telegramChatId: users.telegramChatId,
          telegramLinkedAt: users.linkedAt,
          maxLinkedAt: maxLinks.linkedAt,
          preferred: users.preferredMessenger,
        })
        .from(users)
        .leftJoin(maxLinks, eq(maxLinks.userId, users.id))
        .where(and(eq(users.id, userId), eq(users.active, true)));
      if (!row) return null;
      const preferred = row.preferred === 'telegram' || row.preferred === 'max' ? (row.preferred as Messenger) : null;
      return {
        userId: row.userId,
        schoolId: row.schoolId,
        telegramLinked: row.telegramChatId !== null,
        telegramLinkedAt: row.telegramLinkedAt,
        maxLinkedAt: row.maxLinkedAt,
        preferred,
      };
    },
    async setPreferredMessenger(userId, messenger) {
      await db.update(users).set({ preferredMessenger: messenger }).where(eq(users.id, userId));
    },
  };
}
