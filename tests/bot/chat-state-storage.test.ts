import { describe, expect, it } from 'vitest';
import { chatStateStorage } from '../../src/bot/storage.js';
import type { KeyValueStore } from '../../src/domain/shared/key-value-store.js';

function memoryStore(withReadMany: boolean) {
  const data = new Map<string, unknown>();
  const calls: string[] = [];
  const store: KeyValueStore = {
    async read(k) { calls.push(`read ${k}`); return data.get(k); },
    async write(k, v) { calls.push(`write ${k}`); data.set(k, v); },
    async delete(k) { calls.push(`delete ${k}`); data.delete(k); },
  };
  if (withReadMany) {
    store.readMany = async (keys) => {
      calls.push(`readMany ${keys.join(',')}`);
      return new Map(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    };
  }
  return { data, calls, store };
}

describe('chat state storage', () => {
  it('reads the session and the conversation state of a chat in one round trip', async () => {
    const { data, calls, store } = memoryStore(true);
    data.set('session:5', { v: 1, data: { locale: 'en' } });
    data.set('conversation:5', ['state of 5']);
    const s = chatStateStorage<unknown>(store);
    expect(await s.session.read('5')).toEqual({ locale: 'en' });
    expect(await s.conversation.adapter.read('conversation:5')).toEqual(['state of 5']);
    expect(calls).toEqual(['readMany session:5,conversation:5']);

    // The prefetched value serves one read only; a write in between is never shadowed by it.
    expect(await s.conversation.adapter.read('conversation:5')).toEqual(['state of 5']);
    await s.session.read('5');
    await s.conversation.adapter.write('conversation:5', ['newer'] as never);
    expect(await s.conversation.adapter.read('conversation:5')).toEqual(['newer']);
    expect(calls.slice(1)).toEqual(['read conversation:5', 'readMany session:5,conversation:5', 'write conversation:5', 'read conversation:5']);
  });

  it('prefetches a missing conversation as missing and falls back to single reads without readMany', async () => {
    const withMany = memoryStore(true);
    const s = chatStateStorage<unknown>(withMany.store);
    expect(await s.session.read('7')).toBeUndefined();
    expect(await s.conversation.adapter.read('conversation:7')).toBeUndefined();
    expect(withMany.calls).toEqual(['readMany session:7,conversation:7']);

    const plain = memoryStore(false);
    plain.data.set('conversation:8', ['x']);
    const p = chatStateStorage<unknown>(plain.store);
    await p.session.read('8');
    expect(await p.conversation.adapter.read('conversation:8')).toEqual(['x']);
    expect(plain.calls).toEqual(['read session:8', 'read conversation:8']);
  });
});
