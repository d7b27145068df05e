import { InputFile, type Composer } from 'grammy';
import type { App } from '../../src/app.js';
import type { BotContext } from '../../src/bot/index.js';
import { createBot } from '../../src/bot/index.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { createLogger } from '../../src/logger.js';
import { BOT_INFO } from '../helpers/bot.js';
import { FAST_PATH } from '../helpers/fast-path.js';

/**
 * The real bot with `features` over a fake transport that answers every call: for the presses
 * that send a file, which the emulator cannot take (sendDocument). `press` handles one button
 * press of `chatId` to the end; `documents` reads back every file sent.
 */
export function documentBot(app: App, features: Composer<BotContext>[]) {
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const bot = createBot(
    {
      token: '123456:FAKE-TRANSPORT-TOKEN-000000000000000',
      botInfo: BOT_INFO,
      fastPath: FAST_PATH,
      services: { access: app.services.access },
      store: createBotSessionStore(app.db.db),
      logger: createLogger('silent'),
    },
    { features },
  );
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    const result =
      method === 'answerCallbackQuery' ? true : { message_id: 900 + calls.length, date: 0, chat: { id: 1, type: 'private' }, text: '' };
    return { ok: true, result } as never;
  });
  let updateId = 1;
  const press = (chatId: number, data: string) =>
    bot.handleUpdate({
      update_id: updateId++,
      callback_query: {
        id: `cq${updateId}`,
        chat_instance: 'x',
        data,
        from: { id: chatId, is_bot: false, first_name: 'D' },
        message: { message_id: 77, date: 1, chat: { id: chatId, type: 'private', first_name: 'D' }, text: 'choose' },
      },
    } as never);
  const documents = () =>
    Promise.all(
      calls
        .filter((c) => c.method === 'sendDocument')
        .map(async (c) => {
          const file = c.payload.document as InputFile;
          if (!(file instanceof InputFile)) throw new Error('sendDocument without an InputFile');
          const bytes = Buffer.from((await file.toRaw()) as Uint8Array);
          return { name: file.filename, bytes, caption: c.payload.caption, chatId: c.payload.chat_id };
        }),
    );
  return { calls, press, documents };
}
