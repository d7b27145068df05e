import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { App } from '../../src/app.js';
import { maxLinks, users } from '../../src/db/schema/index.js';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createLogger } from '../../src/logger.js';
import { createMaxApi } from '../../src/max/index.js';
import { createEmailChannel } from '../../src/notifications/channels/email-channel.js';
import { createMaxChannel } from '../../src/notifications/channels/max-channel.js';
import { createTelegramChannel } from '../../src/notifications/channels/telegram-channel.js';
import { createDelivery } from '../../src/notifications/delivery.js';
import { createBotPause, createChatPacer, createSendPacer } from '../../src/notifications/pacing.js';
import { createDeliveryQueue, createDeliveryWorker } from '../../src/notifications/queue.js';
import { createRelay } from '../../src/notifications/relay.js';
import { createTestApp, manualClock, uniquePrefix } from '../helpers/app.js';
import { fakeTelegramApi } from '../helpers/fake-telegram.js';

/** Links a user in MAX as the coming MAX transport will (the stand-in opens the dialog). */
export async function linkInMax(app: App, standIn: MaxStandIn, userId: number, at: Date) {
  const person = standIn.user(70_000 + userId);
  await app.db.db.insert(maxLinks).values({ userId, maxUserId: person.userId, chatId: person.chatId, status: 'active', linkedAt: at });
  return person;
}

/** Only MAX: the fixture's parent loses the Telegram link it was given. */
export async function dropTelegram(app: App, userId: number) {
  await app.db.db
    .update(users)
    .set({ telegramChatId: null, telegramUserId: null, telegramStatus: null, linkedAt: null })
    .where(eq(users.id, userId));
}

/**
 * Delivery with all three channels: Telegram through the fake transport, MAX through the SDK
 * against the stand-in, e-mail to an SMTP sink if given; pacing and MAX's pause in Redis.
 */
export async function maxDeliveryHarness(options: { smtpUrl?: string; maxRate?: number; standInRate?: number; attempts?: number } = {}) {
  const clock = manualClock('2026-11-23T07:00:00Z');
  const app = await createTestApp({ clock, isolatedDatabase: true });
  const standIn = createMaxStandIn({ ratePerSecond: options.standInRate ?? 30 });
  await standIn.start();
  const prefix = uniquePrefix();
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const telegram = fakeTelegramApi();
  const email = options.smtpUrl ? createEmailChannel(options.smtpUrl, 'Школа <school@example.org>') : null;
  const pauseMax = createBotPause(redis, prefix, 'max');
  const acquireMaxSlot = createSendPacer(redis, prefix, options.maxRate ?? 25, 'max');
  const delivery = createDelivery({
    uow: app.services.uow,
    clock,
    logger,
    telegram: createTelegramChannel(telegram.api),
    email,
    renderer: app.services.renderer,
    max: createMaxChannel(createMaxApi({ token: standIn.token, apiRoot: standIn.url })),
    reserveChat: createChatPacer(redis, prefix),
    acquireMaxSlot,
    pauseMax,
  });
  const producer = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  const queue = createDeliveryQueue(producer, prefix, options.attempts);
  const relay = createRelay({ uow: app.services.uow, clock, queue, logger });
  const workers: ReturnType<typeof createDeliveryWorker>[] = [];
  return {
    app,
    clock,
    redis,
    prefix,
    relay,
    delivery,
    telegram,
    standIn,
    acquireMaxSlot,
    pauseMax,
    startWorker() {
      const connection = redis.duplicate();
      const w = createDeliveryWorker({ connection, prefix, delivery, logger, ratePerSecond: 25, concurrency: 8, backoffUnitMs: 20 });
      workers.push(w);
      return w;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      email?.close();
      redis.disconnect();
      producer.disconnect();
      await standIn.stop();
      await app.stop();
    },
  };
}
