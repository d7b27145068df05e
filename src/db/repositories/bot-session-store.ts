import { eq, inArray, or, sql } from 'drizzle-orm';
import type { KeyValueStore } from '../../domain/shared/key-value-store.js';
import type { Executor } from '../client.js';
import { botSessions } from '../schema/index.js';

/**
 * The bot's sessions and conversation state in `bot_sessions`, so any process can continue a
 * chat another one started. Versioning of the stored format is the bot's concern.
 */
export function createBotSessionStore(db: Executor): KeyValueStore {
  // Every update reads here: built once, not per call (query building showed in the profile).
  let readOne: ReturnType<typeof prepareRead> | undefined;
  let readTwo: ReturnType<typeof prepareReadTwo> | undefined;
  return {
    async read(key) {
      readOne ??= prepareRead(db);
      const [row] = await readOne.execute({ key });
      return row ? row.value : undefined;
    },
    async readMany(keys) {
      if (!keys.length) return new Map();
      if (keys.length === 2) {
        // The bot's session and conversation state of one chat: every update.
        readTwo ??= prepareReadTwo(db);
        return new Map((await readTwo.execute({ a: keys[0], b: keys[1] })).map((r) => [r.key, r.value]));
      }
      const rows = await db.select({ key: botSessions.key, value: botSessions.value }).from(botSessions).where(inArray(botSessions.key, keys));
      return new Map(rows.map((r) => [r.key, r.value]));
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
  return db.select({ value: botSessions.value }).from(botSessions).where(eq(botSessions.key, sql.placeholder('key'))).prepare('bot_session_read');
}

function prepareReadTwo(db: Executor) {
  return db.select({ key: botSessions.key, value: botSessions.value }).from(botSessions)
    .where(or(eq(botSessions.key, sql.placeholder('a')), eq(botSessions.key, sql.placeholder('b')))).prepare('bot_session_read_two');
}
