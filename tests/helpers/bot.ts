import { createServer } from 'node:net';
import type { Bot, Composer } from 'grammy';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { App } from '../../src/app.js';
import { createBot, type BotContext, type BotDeps } from '../../src/bot/index.js';
import { startPolling } from '../../src/bot/transport.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { createLogger } from '../../src/logger.js';
import { FAST_PATH } from './fast-path.js';

export const TEST_TOKEN = '100000002:test-emulator-token-for-e2e-tests';

/** A free TCP port: the emulator treats port 0 as "use 9000", so we ask the OS first. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmulator(): Promise<TelegramServer> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
  await server.start();
  return server;
}

export interface BotReply {
  message_id: number;
  text: string;
  parse_mode?: string;
  /** Reply keyboard rows as button texts, or inline rows as callback data. */
  keyboard: string[][];
  inline: { text: string; data: string }[][];
}

/** One simulated Telegram user in a private chat (chat id = user id). */
export function chatWith(server: TelegramServer, chatId: number, token = TEST_TOKEN) {
  const client = server.getClient(token, { chatId, userId: chatId, firstName: 'Тест' });
  const unread = () =>
    server.storage.botMessages.filter((m) => m.botToken === token && String(m.message.chat_id) === String(chatId) && !m.isRead);

  return {
    chatId,
    /** Sends text; a leading "/" makes it a command (with the bot_command entity Telegram adds). */
    async send(text: string) {
      if (text.startsWith('/')) await client.sendCommand(client.makeCommand(text));
      else await client.sendMessage(client.makeMessage(text));
    },
    /**
     * Presses a button on bot message `messageId`. Like Telegram, the callback query carries that
     * message as it is now (text and inline keyboard, after any edits); `data` may be anything,
     * as a tampering client could send.
     */
    async press(data: string, messageId: number) {
      const shown = server.storage.botMessages.find(
        (m) => m.botToken === token && m.messageId === messageId && String(m.message.chat_id) === String(chatId),
      );
      const markup = shown?.message.reply_markup as { inline_keyboard?: unknown } | undefined;
      const message = {
        message_id: messageId,
        chat: { id: chatId, type: 'private', first_name: 'Тест' },
        date: Math.floor(Date.now() / 1000),
        ...(shown ? { text: shown.message.text } : {}),
        ...(markup?.inline_keyboard ? { reply_markup: { inline_keyboard: markup.inline_keyboard } } : {}),
      };
      await client.sendCallback(client.makeCallbackQuery(data, { message }));
    },
    /** Waits for `count` new bot messages in this chat (5 s at most) and marks them read. */
    async replies(count = 1, timeoutMs = 5000): Promise<BotReply[]> {
      const until = Date.now() + timeoutMs;
      while (unread().length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} bot message(s) in chat ${chatId}, got ${unread().length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return unread()
        .slice(0, count)
        .map((m) => {
          m.isRead = true;
          const markup = m.message.reply_markup as
            | { keyboard?: ({ text: string } | string)[][]; inline_keyboard?: { text: string; callback_data?: string }[][] }
            | undefined;
          return {
            message_id: m.messageId,
            text: m.message.text,
            parse_mode: m.message.parse_mode,
            keyboard: (markup?.keyboard ?? []).map((row) => row.map((b) => (typeof b === 'string' ? b : b.text))),
            inline: (markup?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data ?? '' }))),
          };
        });
    },
    async reply(): Promise<BotReply> {
      return (await this.replies(1))[0]!;
    },
    /** Sends and returns the first answer. */
    async ask(text: string): Promise<BotReply> {
      await this.send(text);
      return this.reply();
    },
    /** Nothing more arrives within `ms`. */
    async silence(ms = 300): Promise<boolean> {
      await new Promise((r) => setTimeout(r, ms));
      return unread().length === 0;
    },
  };
}
export type TestChat = ReturnType<typeof chatWith>;

export interface BotHarnessOptions {
  features?: Composer<BotContext>[];
  stateless?: Composer<BotContext>[];
  deps?: Partial<BotDeps>;
  /** Share an emulator between harnesses (two bot instances, one Telegram). */
  server?: TelegramServer;
}

/**
 * The real bot (createBot) over the test app's services and PostgreSQL session store,
 * long-polling a Bot API emulator on a free port: updates travel exactly as in production.
 */
export async function startBotHarness(app: App, options: BotHarnessOptions = {}) {
  const server = options.server ?? (await startEmulator());
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const bot: Bot<BotContext> = createBot(
    {
      token: TEST_TOKEN,
      apiRoot: server.config.apiURL,
      fastPath: FAST_PATH,
      services: { access: app.services.access },
      store: createBotSessionStore(app.db.db),
      logger,
      idlePollDelayMs: 20,
      ...options.deps,
    },
    { features: options.features, stateless: options.stateless },
  );
  const polling = await startPolling(bot, logger);
  return {
    server,
    bot,
    chat: (chatId: number) => chatWith(server, chatId),
    /** Stops polling; the emulator too unless it was passed in. */
    async stop() {
      await polling.stop();
      if (!options.server) await server.stop();
    },
  };
}

let nextChat = 0;
/** Chat ids unique per test file and run, so lock-out rows of other files never meet. */
export function uniqueChatId(): number {
  return 1_000_000 + (process.pid % 10_000) * 1000 + ++nextChat;
}

/** A bot identity for tests that build the bot without asking getMe (offline transports). */
export const BOT_INFO = {
  id: 42,
  is_bot: true,
  first_name: 'Journal',
  username: 'journal_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as never;
