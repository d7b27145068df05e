import type { VersionedState } from '@grammyjs/conversations';
import type { StorageAdapter } from 'grammy';
import type { KeyValueStore } from '../domain/shared/key-value-store.js';
import type { SessionData } from './context.js';

/**
 * Bump when SessionData changes shape. A stored session of another version is migrated in
 * `migrateSession` or, if that is not possible, started afresh: never a crash on old data.
 */
export const SESSION_VERSION = 1;
/** Bump when a conversation's steps change so that old replay logs no longer fit (the plugin then drops them). 2: the code question is no conversation any more. */
export const CONVERSATION_VERSION = 2;

interface StoredSession {
  v: number;
  data: unknown;
}

function migrateSession(stored: StoredSession): SessionData | undefined {
  if (stored.v === SESSION_VERSION && stored.data && typeof stored.data === 'object') return stored.data as SessionData;
  return undefined;
}

const SESSION_PREFIX = 'session:';
const CONVERSATION_PREFIX = 'conversation:';
/** A prefetched conversation state is used only by the update that fetched it. */
const PREFETCH_TTL_MS = 2_000;

/**
 * The session and the conversation state of a chat, both keyed by the chat id. Every update
 * reads both, one after the other (session, then identification, then conversations): the
 * session read fetches the conversation state in the same round trip and hands it to the
 * conversations plugin's read, which follows within the same update (one update per chat at a
 * time). Without `readMany` in the store they are two reads as before.
 */
export function chatStateStorage<S>(store: KeyValueStore) {
  const prefetched = new Map<string, { value: unknown; at: number }>();
  return {
    session: sessionStorage(store, async (k) => {
      const sessionKey = SESSION_PREFIX + k;
      if (!store.readMany) return store.read(sessionKey);
      const conversationKey = CONVERSATION_PREFIX + k;
      const found = await store.readMany([sessionKey, conversationKey]);
      if (prefetched.size > 10_000) prefetched.clear();
      prefetched.set(conversationKey, { value: found.get(conversationKey), at: Date.now() });
      return found.get(sessionKey);
    }),
    conversation: conversationStorage<S>({
      read: async (k) => {
        const hit = prefetched.get(k);
        prefetched.delete(k);
        if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) return hit.value;
        return store.read(k);
      },
      write: (k, v) => {
        prefetched.delete(k);
        return store.write(k, v);
      },
      delete: (k) => {
        prefetched.delete(k);
        return store.delete(k);
      },
    }),
  };
}

function sessionStorage(store: KeyValueStore, readRaw: (chatKey: string) => Promise<unknown>): StorageAdapter<SessionData> {
  // Skip the write when a handler did not change the session: most updates only read it.
  const lastRead = new Map<string, string>();
  const key = (k: string) => SESSION_PREFIX + k;
  return {
    async read(k) {
      const raw = (await readRaw(k)) as StoredSession | undefined;
      const data = raw && typeof raw === 'object' && 'v' in raw ? migrateSession(raw) : undefined;
      if (lastRead.size > 10_000) lastRead.clear();
      if (data) lastRead.set(k, JSON.stringify(data));
      else lastRead.delete(k);
      return data;
    },
    async write(k, value) {
      const json = JSON.stringify(value);
      if (lastRead.get(k) === json) return;
      lastRead.set(k, json);
      await store.write(key(k), { v: SESSION_VERSION, data: value } satisfies StoredSession);
    },
    async delete(k) {
      lastRead.delete(k);
      await store.delete(key(k));
    },
  };
}

/** The conversations plugin versions its own data ([plugin, ours]); this only moves it to and from the store. */
function conversationStorage<S>(store: Pick<KeyValueStore, 'read' | 'write' | 'delete'>) {
  return {
    type: 'key' as const,
    version: CONVERSATION_VERSION,
    prefix: CONVERSATION_PREFIX,
    adapter: {
      read: async (k: string) => (await store.read(k)) as VersionedState<S> | undefined,
      write: (k: string, state: VersionedState<S>) => store.write(k, state),
      delete: (k: string) => store.delete(k),
    },
  };
}
