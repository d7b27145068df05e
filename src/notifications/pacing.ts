import type { Redis } from 'ioredis';

/** BullMQ's limiter over a short window: with 1 s windows bursts of ~40 in one second were seen. */
export function limiterFor(ratePerSecond: number): { max: number; duration: number } {
  const duration = 200;
  return { max: Math.max(1, Math.floor((ratePerSecond * duration) / 1000)), duration };
}

/**
 * At most one message per chat per second, across every worker process: a Redis key per
 * chat that lives for the interval. Returns 0 when the slot is ours, else ms to wait.
 */
export function createChatPacer(redis: Redis, prefix: string, intervalMs = 1000) {
  return async function reserveChat(chatId: number): Promise<number> {
    const key = `${prefix}:chat:${chatId}`;
    const ok = await redis.set(key, '1', 'PX', intervalMs, 'NX');
    if (ok === 'OK') return 0;
    const ttl = await redis.pttl(key);
    return ttl > 0 ? ttl : intervalMs;
  };
}
