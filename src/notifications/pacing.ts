import { randomBytes } from 'node:crypto';
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
 * The least time between two sends of the bot. The window alone let the limiter's bursts
 * through as bursts (5 grants within a few ms), and a send held up by a pause of its process
 * then reached Telegram with the next burst: 30 in one second at the stub, and 429s. Spaced
 * sends leave a pause of ~100 ms room before any one-second span reaches 30.
 */
export const MIN_SEND_GAP_MS = Math.ceil(1000 / SAFE_MESSAGES_PER_SECOND);

/**
 * The bot-wide send budget as a sliding one-second window in Redis, shared by every worker
 * process, with sends at least MIN_SEND_GAP_MS apart. BullMQ's limiter paces job starts in
 * fixed windows; this guards the sends themselves, so no one-second span holds more than
 * `perSecond` of them whatever the windows, retries and processes do. Redis's own clock
 * keeps processes consistent.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1000)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and now < tonumber(last[2]) + tonumber(ARGV[3]) then
  return {tonumber(last[2]) + tonumber(ARGV[3]) - now, now}
end
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], 2000)
  return {0, now}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {tonumber(oldest[2]) + 1000 - now + 1, now}
`;

/** Each bot has its own budget: Telegram's and MAX's limits are counted apart. */
export type PacedBot = 'telegram' | 'max';

const pauseKey = (prefix: string, bot: PacedBot) => `${prefix}:${bot}:paused`;

/** Pauses every send of one bot, in every process, for `ms` (its API answered 429). */
export function createBotPause(redis: Redis, prefix: string, bot: PacedBot) {
  return async function pause(ms: number): Promise<void> {
    await redis.set(pauseKey(prefix, bot), '1', 'PX', Math.max(1, Math.round(ms)));
  };
}

export function createSendPacer(redis: Redis, prefix: string, perSecond: number, bot: PacedBot = 'telegram') {
  const limit = Math.min(perSecond, SAFE_MESSAGES_PER_SECOND);
  const key = `${prefix}:${bot}:sends`;
  // Telegram's pause is BullMQ's rateLimit on the whole queue; MAX's is a key its sends wait out, so Telegram goes on.
  const paused = bot === 'max' ? pauseKey(prefix, bot) : null;
  // Unique across pacers: in containers every process may be pid 1, and a member that repeats
  // is counted once, letting its twin's send through uncounted.
  const self = randomBytes(6).toString('hex');
  let seq = 0;
  /** Resolves with the slot's time on Redis's clock (what the window counts). */
  return async function acquireSendSlot(): Promise<number> {
    const member = `${self}:${++seq}`;
    for (;;) {
      const pausedFor = paused ? await redis.pttl(paused) : 0;
      if (pausedFor > 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(pausedFor, 1000)));
        continue;
      }
      const [wait, at] = (await redis.eval(SLIDING_WINDOW, 1, key, limit, member, MIN_SEND_GAP_MS)) as [number, number];
      if (wait <= 0) return at;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1000)));
    }
  };
}
