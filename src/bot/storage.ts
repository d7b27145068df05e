import type { VersionedState } from '@grammyjs/conversations';
import type { StorageAdapter } from 'grammy';
import type { KeyValueStore } from '../domain/shared/key-value-store.js';
import type { SessionData } from './context.js';

/**
 * Bump when SessionData changes shape. A stored session of another version is migrated in
 * `migrateSession` or, if that is not possible, started afresh: never a crash on old data.
 */
export const SESSION_VERSION = 1;
/** Bump when a conversation's steps change so that old replay logs no longer fit (the plugin then drops them). */
export const CONVERSATION_VERSION = 1;

interface StoredSession {
  v: number;
  data: unknown;
}

function migrateSession(stored: StoredSession): SessionData | undefined {
  if (stored.v === SESSION_VERSION && stored.data && typeof stored.data === 'object') return stored.data as SessionData;
  return undefined;
}

export function sessionStorage(store: KeyValueStore): StorageAdapter<SessionData> {
  // Skip the write when a handler did not change the session: most updates only read it.
  const lastRead = new Map<string, string>();
  const key = (k: string) => `session:${k}`;
  return {
    async read(k) {
      const raw = (await store.read(key(k))) as StoredSession | undefined;
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
export function conversationStorage<S>(store: KeyValueStore) {
  return {
    type: 'key' as const,
    version: CONVERSATION_VERSION,
    prefix: 'conversation:',
    adapter: {
      read: async (k: string) => (await store.read(k)) as VersionedState<S> | undefined,
      write: (k: string, state: VersionedState<S>) => store.write(k, state),
      delete: (k: string) => store.delete(k),
    },
  };
}
