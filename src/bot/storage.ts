import type { VersionedState } from '@grammyjs/conversations';
import type { KeyValueStore } from '../domain/shared/key-value-store.js';

/** Bump when a conversation's steps change so that old replay logs no longer fit (the plugin then drops them). 2: the code question is no conversation any more. */
export const CONVERSATION_VERSION = 2;

const CONVERSATION_PREFIX = 'conversation:';
/** A prefetched conversation state is used only by the update that fetched it. */
const PREFETCH_TTL_MS = 2_000;

/**
 * The conversation state of a chat, keyed by the chat id, for the conversations plugin's
 * `storage` option. `prefetch` starts the read early (identification does, beside its own
 * query, so both travel at once); the plugin's read, which follows within the same update
 * (one update per chat at a time), then takes the fetched value instead of reading again.
 */
export function conversationStorage<S>(store: KeyValueStore) {
  const prefetched = new Map<string, { value: Promise<unknown>; at: number }>();
  return {
    prefetch(chatKey: string): Promise<unknown> {
      const key = CONVERSATION_PREFIX + chatKey;
      const value = store.read(key);
      if (prefetched.size > 10_000) prefetched.clear();
      prefetched.set(key, { value, at: Date.now() });
      return value;
    },
    options: {
      type: 'key' as const,
      version: CONVERSATION_VERSION,
      prefix: CONVERSATION_PREFIX,
      adapter: {
        read: async (k: string) => {
          const hit = prefetched.get(k);
          prefetched.delete(k);
          return (await (hit && Date.now() - hit.at < PREFETCH_TTL_MS ? hit.value : store.read(k))) as VersionedState<S> | undefined;
        },
        write: (k: string, state: VersionedState<S>) => {
          prefetched.delete(k);
          return store.write(k, state);
        },
        delete: (k: string) => {
          prefetched.delete(k);
          return store.delete(k);
        },
      },
    },
  };
}
