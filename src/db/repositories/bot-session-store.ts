import { eq, sql } from 'drizzle-orm';
import type { KeyValueStore } from '../../domain/shared/key-value-store.js';
import type { Executor } from '../client.js';
import { botSessions } from '../schema/index.js';

/**
 * The bot's conversation state in `bot_sessions`, so any process can continue a
 * chat another one started. Versioning of the stored format is the bot's concern.
 */
export function createBotSessionStore(db: Executor): KeyValueStore {
  // Every update reads here: built once, not per call (query building showed in the profile).
  let readOne: ReturnType<typeof prepareRead> | undefined;
  return {
    async read(key) {
      readOne ??= prepareRead(db);
      const [row] = await readOne.execute({ key });
      return row ? row.value : undefined;
    },
    async write(key, value) {
      // A fixed text: nothing to build whatever the value.
      await db.execute(sql`insert into bot_sessions (key, value, updated_at) values (${key}, ${JSON.stringify(value)}::jsonb, now())
        on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`);
    },
    async delete(key) {
      await db.delete(botSessions).where(eq(botSessions.key, key));
    },
  };
}

function prepareRead(db: Executor) {
  return db
    .select({ value: botSessions.value })
    .from(botSessions)
    .where(eq(botSessions.key, sql.placeholder('key')))
    .prepare('bot_session_read');
}
