import { eq } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { maxLinks, users } from '../../src/db/schema/index.js';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createMaxApi } from '../../src/max/index.js';
import { createMaxChannel } from '../../src/notifications/channels/max-channel.js';
import { createBotPause, createSendPacer } from '../../src/notifications/pacing.js';
import { deliveryHarness } from './harness.js';

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
 * Delivery with all three channels: the notifications harness (Telegram through the fake
 * transport, e-mail to an SMTP sink if given) plus MAX through the SDK against the stand-in,
 * with MAX's pacer and pause in Redis.
 */
export async function maxDeliveryHarness(options: { smtpUrl?: string; maxRate?: number; standInRate?: number; attempts?: number } = {}) {
  const standIn = createMaxStandIn({ ratePerSecond: options.standInRate ?? 30 });
  await standIn.start();
  let max!: { pauseMax: ReturnType<typeof createBotPause>; acquireMaxSlot: ReturnType<typeof createSendPacer> };
  const h = await deliveryHarness({
    smtpUrl: options.smtpUrl,
    attempts: options.attempts,
    concurrency: 8,
    more: (redis, prefix) => {
      max = {
        pauseMax: createBotPause(redis, prefix, 'max'),
        acquireMaxSlot: createSendPacer(redis, prefix, options.maxRate ?? 25, 'max'),
      };
      return { max: createMaxChannel(createMaxApi({ token: standIn.token, apiRoot: standIn.url })), ...max };
    },
  });
  return {
    ...h,
    ...max,
    standIn,
    async close() {
      await h.close();
      await standIn.stop();
    },
  };
}
