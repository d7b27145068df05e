import { createHash } from 'node:crypto';

/**
 * grammY's flows speak of messages by number (Telegram's `message_id`); MAX names them by a
 * string `mid`. A mid's number is a hash of it, so every process derives the same number from
 * the same mid without asking anyone. The reverse (number → mid, and what the message shows)
 * is remembered: in this process for the last messages, and in a shared store (Redis in the
 * app) so that a message sent by one process can be edited by another.
 */
export interface SentMessageRecord {
  mid: string;
  chatId: number;
  text: string;
  format: 'html' | null;
  /** A digest of the buttons the message shows now (empty: none). */
  keyboard: string;
}

/** The shared part: ioredis's `get`/`set` with an expiry fit this shape. */
export interface MessageRecordStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'EX', seconds: number): Promise<unknown>;
}

/** A message older than this is not edited by a flow any more (screens are re-sent long before). */
const KEEP_SECONDS = 14 * 24 * 3600;
const LOCAL_LIMIT = 20_000;
const KEY_PREFIX = 'max:msg:';
/** The shared store is asked at most this long: while Redis is away a screen still answers. */
const SHARED_WAIT_MS = 500;

function within<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.catch(() => fallback), new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** 48 bits of the mid's SHA-256: a safe integer, collisions negligible within one chat. */
export function messageNumberOf(mid: string): number {
  return createHash('sha256').update(mid).digest().readUIntBE(0, 6);
}

export function createMessageMemory(shared: MessageRecordStore | null = null) {
  const local = new Map<number, SentMessageRecord>();
  const keepLocal = (n: number, record: SentMessageRecord) => {
    local.delete(n);
    if (local.size >= LOCAL_LIMIT) local.delete(local.keys().next().value as number);
    local.set(n, record);
  };
  return {
    /** Remembers what a message shows under its number (and under the number of its mid, when re-sent). */
    remember(n: number, record: SentMessageRecord): void {
      keepLocal(n, record);
      // Not waited for: the person's screen does not depend on Redis being there.
      if (shared) void within(shared.set(KEY_PREFIX + n, JSON.stringify(record), 'EX', KEEP_SECONDS), SHARED_WAIT_MS, null);
    },
    /** Known from an incoming update only: kept in this process, which is the one that handles it. */
    note(n: number, record: SentMessageRecord): void {
      if (!local.has(n)) keepLocal(n, record);
    },
    async recall(n: number): Promise<SentMessageRecord | null> {
      const hit = local.get(n);
      if (hit) return hit;
      const raw = shared ? await within(shared.get(KEY_PREFIX + n), SHARED_WAIT_MS, null) : null;
      if (!raw) return null;
      const record = JSON.parse(raw) as SentMessageRecord;
      keepLocal(n, record);
      return record;
    },
  };
}
export type MessageMemory = ReturnType<typeof createMessageMemory>;
