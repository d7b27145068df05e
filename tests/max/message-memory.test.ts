import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMessageMemory, messageNumberOf } from '../../src/max/carrier/index.js';
import { uniquePrefix } from '../helpers/app.js';

describe('which MAX message a screen number stands for', () => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null, keyPrefix: `${uniquePrefix()}:` });
  // A Redis nobody listens on, configured as the app's client is (it waits for the connection forever).
  const gone = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => 1000 });
  gone.on('error', () => {});
  afterAll(() => {
    redis.disconnect();
    gone.disconnect();
  });

  const record = (mid: string) => ({ mid, chatId: 1_000_123, text: 'Экран', format: 'html' as const, keyboard: 'k1' });

  it('numbers a mid the same way in every process, as a safe integer', () => {
    const n = messageNumberOf('mid.0000000000000042');
    expect(n).toBe(messageNumberOf('mid.0000000000000042'));
    expect(n).not.toBe(messageNumberOf('mid.0000000000000043'));
    expect(Number.isSafeInteger(n)).toBe(true);
  });

  it('a message one process sent is found by another through Redis; a noted one stays local', async () => {
    const a = createMessageMemory(redis);
    const b = createMessageMemory(redis);
    const n = messageNumberOf('mid.a.1');
    a.remember(n, record('mid.a.1'));
    let found = null;
    for (let i = 0; i < 50 && !found; i++) {
      found = await b.recall(n);
      if (!found) await new Promise((r) => setTimeout(r, 10));
    }
    expect(found).toEqual(record('mid.a.1'));
    const local = messageNumberOf('mid.a.2');
    a.note(local, record('mid.a.2'));
    expect(await a.recall(local)).toEqual(record('mid.a.2'));
    expect(await b.recall(local)).toBeNull();
  });

  it('while Redis is away, remembering does not wait and recalling gives up (a hang would time the test out)', async () => {
    const m = createMessageMemory(gone);
    const n = messageNumberOf('mid.b.1');
    m.remember(n, record('mid.b.1'));
    expect(await m.recall(n)).toEqual(record('mid.b.1')); // from this process
    expect(await m.recall(messageNumberOf('mid.b.2'))).toBeNull();
  });
});
