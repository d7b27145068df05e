import type { AccessRepository } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { maxLinks } from '../../schema/index.js';

/** MAX links: one row per user, made active again when the person links anew. */
export function createMaxQueries(db: Executor): Pick<AccessRepository, 'linkMax'> {
  return {
    async linkMax(userId, link) {
      const row = { maxUserId: link.maxUserId, chatId: link.chatId, status: 'active', linkedAt: link.at };
      await db
        .insert(maxLinks)
        .values({ userId, ...row })
        .onConflictDoUpdate({ target: maxLinks.userId, set: row });
    },
  };
}
