import { eq, sql } from 'drizzle-orm';
import type { KeyValueStore } from '../../domain/shared/key-value-store.js';
import type { Executor } from '../client.js';
import { botSessions } from '../schema/index.js';

/**
 * The bot's sessions and conversation state in `bot_sessions`, so any process can continue a
 * chat another one started. Versioning of the stored format is the bot's concern.
 */
export function createBotSessionStore(db: Executor): KeyValueStore {
  return {
    async read(key) {
      const [row] = await db.select({ value: botSessions.value }).from(botSessions).where(eq(botSessions.key, key));
      return row ? row.value : undefined;
    },
    async write(key, value) {
      await db.insert(botSessions).values({ key, value })
        .onConflictDoUpdate({ target: botSessions.key, set: { value, updatedAt: sql`now()` } });
    },
    async delete(key) {
      await db.delete(botSessions).where(eq(botSessions.key, key));
    },
  };
}
