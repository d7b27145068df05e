import type { Redis } from 'ioredis';

/**
 * What our limiter's worst one-second span may reach: Telegram answers 429 past 30, and
 * network jitter moves a request or two between our windows and Telegram's count (at a
 * ceiling of exactly 30, 94 of 20,000 notices met a 429 in the benchmark).
 */
export const SAFE_MESSAGES_PER_SECOND = 27;

/**
 * BullMQ's limiter is a fixed window: a one-second span can touch floor(1000 / d) + 1 of
 * them (with 1 s windows bursts of ~40 in one second were seen). Picks the largest window
 * whose worst case stays under the safe ceiling while averaging the configured rate; rates
 * above what that allows are lowered to it.
 */
export function limiterFor(ratePerSecond: number): { max: number; duration: number } {
  for (let max = 10; max >= 1; max--) {
    const duration = Math.ceil((1000 * max) / ratePerSecond);
    if ((Math.floor(1000 / duration) + 1) * max <= SAFE_MESSAGES_PER_SECOND) return { max, duration };
  }
  return { max: 1, duration: Math.ceil(1000 / (SAFE_MESSAGES_PER_SECOND - 1)) };
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

/**
 * The bot-wide send budget as a sliding one-second window in Redis, shared by every worker
 * process. BullMQ's limiter paces job starts in fixed windows; this guards the sends
 * themselves, so no one-second span holds more than `perSecond` of them whatever the
 * windows, retries and processes do. Redis's own clock keeps processes consistent.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1000)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], 2000)
  return {0, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {tonumber(oldest[2]) + 1000 - now + 1, now}
`;

export function createSendPacer(redis: Redis, prefix: string, perSecond: number) {
  const limit = Math.min(perSecond, SAFE_MESSAGES_PER_SECOND);
  const key = `${prefix}:telegram:sends`;
  let seq = 0;
  /** Resolves with the slot's time on Redis's clock (what the window counts). */
  return async function acquireSendSlot(): Promise<number> {
    const member = `${process.pid}:${Date.now()}:${++seq}`;
    for (;;) {
      const [wait, at] = (await redis.eval(SLIDING_WINDOW, 1, key, limit, member)) as [number, number];
      if (wait <= 0) return at;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1000)));
    }
  };
}
