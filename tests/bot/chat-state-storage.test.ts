import { describe, expect, it } from 'vitest';
import { conversationStorage } from '../../src/bot/storage.js';
import type { KeyValueStore } from '../../src/domain/shared/key-value-store.js';

function memoryStore() {
  const data = new Map<string, unknown>();
  const calls: string[] = [];
  const store: KeyValueStore = {
    async read(k) {
      calls.push(`read ${k}`);
      return data.get(k);
    },
    async write(k, v) {
      calls.push(`write ${k}`);
      data.set(k, v);
    },
    async delete(k) {
      calls.push(`delete ${k}`);
      data.delete(k);
    },
  };
  return { data, calls, store };
}

describe('conversation state storage', () => {
  it("hands a prefetched state to the plugin's next read of that chat, once", async () => {
    const { data, calls, store } = memoryStore();
    data.set('conversation:5', ['state of 5']);
    const s = conversationStorage<unknown>(store);
    expect(await s.prefetch('5')).toEqual(['state of 5']);
    expect(await s.options.adapter.read('conversation:5')).toEqual(['state of 5']);
    expect(calls).toEqual(['read conversation:5']);

    // The prefetched value serves one read only; a write in between is never shadowed by it.
    expect(await s.options.adapter.read('conversation:5')).toEqual(['state of 5']);
    await s.prefetch('5');
    await s.options.adapter.write('conversation:5', ['newer'] as never);
    expect(await s.options.adapter.read('conversation:5')).toEqual(['newer']);
    expect(calls.slice(1)).toEqual(['read conversation:5', 'read conversation:5', 'write conversation:5', 'read conversation:5']);
  });

  it("prefetches a missing state as missing, and stores under the plugin's versioned key", async () => {
    const { calls, store } = memoryStore();
    const s = conversationStorage<unknown>(store);
    await s.prefetch('7');
    expect(await s.options.adapter.read('conversation:7')).toBeUndefined();
    expect(calls).toEqual(['read conversation:7']);
    expect(s.options).toMatchObject({ type: 'key', prefix: 'conversation:', version: 2 });
  });
});
