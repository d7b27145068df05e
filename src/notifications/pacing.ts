import type { Redis } from 'ioredis';

/** Telegram's ceiling for one bot: what no one-second span may exceed. */
export const TELEGRAM_CEILING_PER_SECOND = 30;

/**
 * BullMQ's limiter is a fixed window: a one-second span can touch floor(1000 / d) + 1 of
 * them (with 1 s windows bursts of ~40 in one second were seen). Picks the largest window
 * whose worst case stays at or under the ceiling while averaging the configured rate.
 */
export function limiterFor(ratePerSecond: number): { max: number; duration: number } {
  for (let max = 10; max >= 1; max--) {
    const duration = Math.ceil((1000 * max) / ratePerSecond);
    if ((Math.floor(1000 / duration) + 1) * max <= TELEGRAM_CEILING_PER_SECOND) return { max, duration };
  }
  return { max: 1, duration: Math.ceil(1000 / (TELEGRAM_CEILING_PER_SECOND - 1)) };
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
