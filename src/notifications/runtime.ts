import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import type { DocumentRenderer } from '../domain/reports/types.js';
import { createMaxApi } from '../max/index.js';
import { createEmailChannel } from './channels/email-channel.js';
import { createMaxChannel } from './channels/max-channel.js';
import { createTelegramChannel, telegramApiOf } from './channels/telegram-channel.js';
import { createDelivery } from './delivery.js';
import { createBotPause, createChatPacer, createSendPacer } from './pacing.js';
import { createDeliveryQueue, createDeliveryWorker } from './queue.js';
import { createRelay } from './relay.js';

export interface NotificationRuntimeDeps {
  /** Metrics: each relay pass, each delivery attempt. */
  observe?: { relayPass?: (seconds: number, ok: boolean) => void; delivery?: (channel: string, outcome: string) => void };
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  redisUrl: string;
  prefix: string;
  /** Bot API access for sending; null when no bot is configured (e-mail only). */
  telegram: { token: string; apiRoot: string | null; fastPath?: boolean } | null;
  mail: { smtpUrl: string | null; from: string };
  /** Renders the PDF a report notice carries. */
  renderer: DocumentRenderer;
  ratePerSecond: number;
  /** MAX Bot API access; null or absent when no MAX bot is configured. */
  max?: { token: string; apiRoot: string | null; ratePerSecond: number } | null;
}

/**
 * The outbox relay and the delivery worker of one worker process. Any number of processes
 * may run one: the relay is idempotent through job ids, and the limiter and the per-chat
 * pacer live in Redis.
 */
export function createNotificationRuntime(deps: NotificationRuntimeDeps) {
  const log = deps.logger.child({ component: 'notifications' });
  // Producers fail fast while Redis is down (rows just stay pending); workers wait for it.
  const producer = new Redis(deps.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  const consumer = new Redis(deps.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  for (const c of [producer, consumer]) c.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));

  const api = deps.telegram ? telegramApiOf(deps.telegram) : null;
  const email = deps.mail.smtpUrl ? createEmailChannel(deps.mail.smtpUrl, deps.mail.from) : null;
  const delivery = createDelivery({
    uow: deps.uow,
    clock: deps.clock,
    logger: log,
    telegram: api ? createTelegramChannel(api) : null,
    email,
    renderer: deps.renderer,
    reserveChat: createChatPacer(consumer, deps.prefix),
    acquireSendSlot: createSendPacer(consumer, deps.prefix, deps.ratePerSecond),
    max: deps.max ? createMaxChannel(createMaxApi(deps.max)) : null,
    acquireMaxSlot: deps.max ? createSendPacer(consumer, deps.prefix, deps.max.ratePerSecond, 'max') : undefined,
    pauseMax: createBotPause(consumer, deps.prefix, 'max'),
  });
  const queue = createDeliveryQueue(producer, deps.prefix);
  // Without a listener BullMQ prints each of the queue's connection errors as a bare stack trace.
  queue.on('error', (err) => log.debug({ err: err.message }, 'redis connection error'));
  const relay = createRelay({ uow: deps.uow, clock: deps.clock, queue, logger: log, observePass: deps.observe?.relayPass });
  let worker: ReturnType<typeof createDeliveryWorker> | null = null;
  let everReady = false;

  // Redis may come back empty (restarted without persistence): queued rows whose jobs
  // were lost go back to pending; re-adding a job that still exists is a no-op.
  producer.on('ready', () => {
    if (everReady) {
      relay.requeueAll().then(
        (n) => n && log.info({ requeued: n }, 'redis is back; re-queued notices'),
        () => {},
      );
    }
    everReady = true;
  });

  return {
    queue,
    relay,
    async start() {
      // BullMQ may already have started connecting the producer: connect only if nobody has.
      if (producer.status === 'wait')
        await producer.connect().catch(() => log.warn('redis is not reachable; notices stay pending until it is'));
      await consumer.connect().catch(() => {});
      worker = createDeliveryWorker({
        connection: consumer,
        prefix: deps.prefix,
        delivery,
        logger: log,
        ratePerSecond: deps.ratePerSecond,
        observeDelivery: deps.observe?.delivery,
      });
      relay.start();
    },
    async stop() {
      await relay.stop();
      await worker?.close();
      await queue.close().catch(() => {});
      email?.close();
      producer.disconnect();
      consumer.disconnect();
    },
  };
}

export type NotificationRuntime = ReturnType<typeof createNotificationRuntime>;
