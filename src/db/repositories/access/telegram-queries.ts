import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AccessRepository } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { telegramAccounts, users } from '../../schema/index.js';
import { identityOf, prepareIdentify } from './shared.js';

/** Telegram links: linking, unlinking, who a chat is and its language. */
export function createTelegramQueries(db: Executor): Pick<AccessRepository, 'unlinkTelegram' | 'linkTelegram' | 'identify' | 'setLocale'> {
  let identifyQuery: ReturnType<typeof prepareIdentify> | undefined;
  return {
    async unlinkTelegram(userIds) {
      if (!userIds.length) return [];
      return db
        .update(users)
        .set({ telegramUserId: null, telegramChatId: null, linkedAt: null, telegramStatus: null })
        .where(and(inArray(users.id, userIds), isNotNull(users.telegramUserId)))
        .returning({ id: users.id, schoolId: users.schoolId });
    },
    async linkTelegram(userId, link) {
      // A language the account chose before linking becomes the user's (notifications use it).
      const chosen = sql<string>`coalesce((select ${telegramAccounts.locale} from ${telegramAccounts} where ${telegramAccounts.telegramUserId} = ${link.telegramUserId}), ${users.locale})`;
      await db
        .update(users)
        .set({
          telegramUserId: link.telegramUserId,
          telegramChatId: link.chatId,
          linkedAt: link.at,
          telegramStatus: 'active',
          locale: chosen,
        })
        .where(eq(users.id, userId));
      // Linked again: an earlier closed access no longer speaks for this account.
      await db
        .update(telegramAccounts)
        .set({ closedUserId: null })
        .where(and(eq(telegramAccounts.telegramUserId, link.telegramUserId), isNotNull(telegramAccounts.closedUserId)));
    },
    async identify(telegramUserId) {
      // Every bot update asks this: built once per executor, not per update.
      identifyQuery ??= prepareIdentify(db);
      return identityOf(await identifyQuery.execute({ telegramUserId }));
    },
    async setLocale(telegramUserId, locale) {
      await db
        .insert(telegramAccounts)
        .values({ telegramUserId, locale })
        .onConflictDoUpdate({ target: telegramAccounts.telegramUserId, set: { locale, updatedAt: sql`now()` } });
      await db.update(users).set({ locale }).where(eq(users.telegramUserId, telegramUserId));
    },
  };
}
