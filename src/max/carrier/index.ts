import type { Update } from 'grammy/types';
import type { MessageMemory } from './message-ids.js';
import { telegramUpdateOf, type MaxUpdate } from './updates.js';

export { maxCallTransformer, type MaxEditButtons } from './calls.js';
export { createMessageMemory, messageNumberOf, type MessageMemory, type MessageRecordStore } from './message-ids.js';
export { MAX_UPDATE_TYPES, telegramUpdateOf, type MaxUpdate } from './updates.js';
export { createMaxPolling, MAX_WEBHOOK_PATH, maxWebhookExtension, subscribeMaxWebhook } from './transport.js';
export { maxKeyboardOf, maxTextOf } from './markup.js';

/** What handles a MAX update: it becomes the Telegram update the bot's flows understand and goes to the same bot. */
export function maxUpdateHandler(bot: { handleUpdate(update: Update): Promise<void> }, memory: MessageMemory) {
  let seq = 0;
  return async (update: MaxUpdate): Promise<void> => {
    const translated = telegramUpdateOf(update, ++seq, memory);
    if (translated) await bot.handleUpdate(translated);
  };
}
