import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { MAX_SECRET_HEADER, type MaxApi } from '../index.js';
import { MAX_UPDATE_TYPES, type MaxUpdate } from './updates.js';

export const MAX_WEBHOOK_PATH = '/max/webhook';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** MAX takes at most this many updates a poll; smaller batches keep one slow chat from holding many. */
const POLL_LIMIT = 100;
const BACKOFF_MAX_MS = 30_000;
/** MAX limits how often /updates is asked: an answer that came back empty at once is not asked again at once. */
const MIN_POLL_INTERVAL_MS = 500;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Long polling of MAX's `/updates` by marker: one process per bot token (like Telegram's).
 * A batch is handled concurrently; the bot orders the updates of one chat itself. A failed
 * poll is retried with a growing pause (1 s doubling to 30 s).
 */
export function createMaxPolling(deps: { api: MaxApi; handle: (update: MaxUpdate) => Promise<void>; log: Log; timeoutSeconds: number }) {
  const abort = new AbortController();
  let loop: Promise<void> | null = null;
  let marker: number | undefined;

  async function pollOnce(): Promise<void> {
    const started = Date.now();
    const res = await deps.api.getUpdates([...MAX_UPDATE_TYPES], {
      limit: POLL_LIMIT,
      timeout: deps.timeoutSeconds,
      marker,
      signal: abort.signal,
    } as never);
    if (typeof res.marker === 'number') marker = res.marker;
    await Promise.all(
      (res.updates as unknown as MaxUpdate[]).map((u) =>
        deps.handle(u).catch((err: unknown) => deps.log.error({ err, updateType: u.update_type }, 'MAX update failed')),
      ),
    );
    const elapsed = Date.now() - started;
    if (elapsed < MIN_POLL_INTERVAL_MS && res.updates.length === 0) await sleep(MIN_POLL_INTERVAL_MS - elapsed, abort.signal);
  }

  return {
    async unsubscribeAll(): Promise<void> {
      // Updates go to a subscribed webhook instead of /updates: a left-over subscription would starve the poll.
      const subs = await deps.api.getSubscriptions();
      for (const s of subs) await deps.api.unsubscribe(s.url);
    },
    start(): void {
      loop ??= (async () => {
        let backoff = 0;
        while (!abort.signal.aborted) {
          try {
            await pollOnce();
            backoff = 0;
          } catch (err) {
            if (abort.signal.aborted) break;
            backoff = Math.min(Math.max(1000, backoff * 2), BACKOFF_MAX_MS);
            deps.log.warn(
              { err: err instanceof Error ? err.message : String(err), retryInMs: backoff },
              'MAX long polling failed; retrying',
            );
            await sleep(backoff, abort.signal);
          }
        }
      })();
    },
    async stop(): Promise<void> {
      abort.abort();
      await loop;
      loop = null;
    },
  };
}

/**
 * A Fastify plugin: MAX POSTs updates here with the secret header given at subscription.
 * The secret is checked first, in constant time. Unlike the SDK's own handler, which answers
 * before handling, the update is handled first: a failure then logs with the update.
 */
export function maxWebhookExtension(handle: (update: MaxUpdate) => Promise<void>, secret: string, log: Log) {
  const expected = Buffer.from(secret, 'utf8');
  const authorized = (header: unknown) => {
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return async (app: FastifyInstance) => {
    app.post(MAX_WEBHOOK_PATH, { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
      if (!authorized(request.headers[MAX_SECRET_HEADER])) return reply.code(401).send({ error: 'unauthorized' });
      const update = request.body as MaxUpdate | null;
      if (!update || typeof update !== 'object' || typeof update.update_type !== 'string')
        return reply.code(400).send({ error: 'not a MAX update' });
      try {
        await handle(update);
      } catch (err) {
        log.error({ err, updateType: update.update_type }, 'MAX update failed');
      }
      return reply.code(200).send({ ok: true });
    });
  };
}

export async function subscribeMaxWebhook(api: MaxApi, url: string, secret: string, log: Log): Promise<void> {
  try {
    await api.subscribe(url, secret, [...MAX_UPDATE_TYPES]);
    log.info({ url }, 'MAX webhook subscribed');
  } catch (err) {
    log.error(
      { err: err instanceof Error ? err.message : String(err) },
      'could not subscribe the MAX webhook; updates will not arrive until it is set',
    );
  }
}
