import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Delivery } from './delivery.js';
import { limiterFor } from './pacing.js';

export const DELIVERY_QUEUE = 'delivery';
export const MAX_ATTEMPTS = 8;

export interface DeliveryJob {
  id: number;
  version: number;
}

/**
 * The job id makes a re-queued notice a no-op while its job still exists (ids may not hold
 * ':'). The installation id keeps the ids of a database created again under the same Redis
 * prefix apart from the earlier one's.
 */
export const deliveryJobId = (installation: string, id: number, version: number) => `n-${installation}-${id}-${version}`;

/** Exponential backoff with jitter, bounded: about 2 s, 4 s, 8 s … up to 5 minutes. */
export function backoffDelay(attemptsMade: number, unitMs = 1000): number {
  const base = Math.min(2 ** attemptsMade * unitMs, 5 * 60_000);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

export function createDeliveryQueue(connection: Redis, prefix: string, attempts = MAX_ATTEMPTS) {
  return new Queue<DeliveryJob>(DELIVERY_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: 'jitter' },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
}

export interface DeliveryWorkerOptions {
  connection: Redis;
  prefix: string;
  delivery: Delivery;
  logger: Logger;
  ratePerSecond: number;
  concurrency?: number;
  /** Scale of the retry backoff; tests shrink it. */
  backoffUnitMs?: number;
  /**
   * How long a job stays locked to its worker without a heartbeat, and how often workers look
   * for jobs whose worker died: such jobs go back to the queue (BullMQ's defaults: 30 s each).
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Told of every attempt's outcome: the channel (or `none`) and sent, skipped, failed, retry, rate_limited … (metrics). */
  observeDelivery?: (channel: string, outcome: string) => void;
}

const REDIS_AWAY = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|Connection is closed/;

export function createDeliveryWorker(opts: DeliveryWorkerOptions): Worker<DeliveryJob> {
  const worker: Worker<DeliveryJob> = new Worker<DeliveryJob>(
    DELIVERY_QUEUE,
    async (job: Job<DeliveryJob>, token?: string) => {
      const { id, version } = job.data;
      const log = opts.logger.child({ job: job.id, notificationId: id });
      const outcome = await opts.delivery.deliver(id, version);
      opts.observeDelivery?.(
        outcome.result === 'done' ? (outcome.channel ?? 'none') : 'telegram',
        outcome.result === 'done' ? outcome.status : outcome.result,
      );
      switch (outcome.result) {
        case 'done':
          log.debug({ status: outcome.status, channel: outcome.channel }, 'delivery finished');
          return outcome.status;
        case 'paused':
          log.warn({ afterMs: outcome.afterMs }, 'MAX asked to slow down; MAX sends pause');
          await job.moveToDelayed(Date.now() + outcome.afterMs, token);
          throw new DelayedError();
        case 'chat_busy':
          await job.moveToDelayed(Date.now() + outcome.afterMs, token);
          throw new DelayedError();
        case 'rate_limited':
          log.warn({ afterMs: outcome.afterMs }, 'telegram asked to slow down; pausing the queue');
          await worker.rateLimit(outcome.afterMs);
          throw Worker.RateLimitError();
        case 'retry': {
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? MAX_ATTEMPTS)) {
            await opts.delivery.giveUp(id, version, outcome.error);
            throw new UnrecoverableError(outcome.error);
          }
          throw new Error(outcome.error);
        }
      }
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 16,
      limiter: limiterFor(opts.ratePerSecond),
      // An explicit undefined would replace BullMQ's defaults (and it rejects that): set only what was given.
      ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs } : {}),
      ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, opts.backoffUnitMs) },
    },
  );
  worker.on('failed', (job, err) => opts.logger.warn({ job: job?.id, err: err.message }, 'delivery attempt failed'));
  // Redis being away is reported once in a while by the app's own connection (naming REDIS_URL); here it would repeat every few seconds.
  worker.on('error', (err) => opts.logger[REDIS_AWAY.test(err.message) ? 'debug' : 'warn']({ err: err.message }, 'delivery worker error'));
  return worker;
}
