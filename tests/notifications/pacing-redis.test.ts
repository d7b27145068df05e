import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createChatPacer, createSendPacer, MIN_SEND_GAP_MS } from '../../src/notifications/pacing.js';
import { uniquePrefix } from '../helpers/app.js';

/** Several worker processes, each with a connection of its own, sharing one Redis prefix. */
describe('pacing against the real Redis', () => {
  const connections: Redis[] = [];
  const connect = () => {
    const c = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  afterEach(() => {
    for (const c of connections.splice(0)) c.disconnect();
  });

  it('three send pacers together never grant more than the limit in any one-second window', async () => {
    const prefix = uniquePrefix();
    const limit = 10;
    const pacers = [0, 1, 2].map(() => createSendPacer(connect(), prefix, limit));
    // 35 sends asked for at once, spread over the three pacers: about three and a half windows' worth.
    const granted = (await Promise.all(Array.from({ length: 35 }, (_, i) => pacers[i % 3]!()))).sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; i < granted.length; i++) {
      while (granted[i]! - granted[j]! >= 1000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(granted).toHaveLength(35);
    expect(worst).toBe(limit);
    // And no two sends closer than the gap: a burst of grants would arrive as a burst.
    for (let i = 1; i < granted.length; i++) expect(granted[i]! - granted[i - 1]!).toBeGreaterThanOrEqual(MIN_SEND_GAP_MS);
  });

  it('never lets a send pacer exceed the safe ceiling, whatever rate it is given', async () => {
    const prefix = uniquePrefix();
    const pacer = createSendPacer(connect(), prefix, 100);
    const granted = await Promise.all(Array.from({ length: 40 }, () => pacer()));
    const first = Math.min(...granted);
    expect(granted.filter((t) => t - first < 1000).length).toBeLessThanOrEqual(27);
  });

  it('gives a chat one slot per interval across pacers, and the others the time to wait', async () => {
    const prefix = uniquePrefix();
    const pacers = [0, 1, 2].map(() => createChatPacer(connect(), prefix, 500));
    const waits = await Promise.all(pacers.map((reserve) => reserve(42)));
    expect(waits.filter((w) => w === 0)).toHaveLength(1);
    for (const w of waits.filter((w) => w > 0)) expect(w).toBeLessThanOrEqual(500);
    // Another chat is not held up by the first one.
    expect(await pacers[1]!(43)).toBe(0);
    // After the wait it was told, a pacer gets the chat's next slot, and only one of them does.
    await new Promise((r) => setTimeout(r, Math.max(...waits) + 5));
    const next = await Promise.all(pacers.map((reserve) => reserve(42)));
    expect(next.filter((w) => w === 0)).toHaveLength(1);
  });
});
