import { createServer, type ServerResponse } from 'node:http';
import { pino } from 'pino';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createBot } from '../../src/bot/index.js';
import { deriveWebhookSecret, webhookExtension } from '../../src/bot/transport.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { createLogger } from '../../src/logger.js';
import { FAST_PATH } from '../helpers/fast-path.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { chatWith, startBotHarness, startEmulator, uniqueChatId } from '../helpers/bot.js';
import { seeder } from '../helpers/seed.js';

const REAL_LOOKING_TOKEN = '123456789:AAFakeTokenForWebhookTests_abcdefghij';

function update(chatId: number, text: string, updateId = 1) {
  const command = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : undefined;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_760_000_000,
      chat: { id: chatId, type: 'private', first_name: 'T' },
      from: { id: chatId, is_bot: false, first_name: 'T' },
      text,
      entities: command,
    },
  };
}

describe('bot state across instances', () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.stop());

  it('keeps the language chosen before linking with the account, across bot instances, and gives it to the linked user', async () => {
    const { school } = await createSchool(app);
    const user = await seeder(app, school.id).user(['teacher']);
    const { code } = await app.services.access.issueForUser({ kind: 'api', schoolId: school.id }, school.id, user.id);
    const server = await startEmulator();
    try {
      const chatId = uniqueChatId();
      const chat = chatWith(server, chatId);
      const first = await startBotHarness(app, { server });
      await chat.send('/language');
      const choose = await chat.reply();
      await chat.press('lang:en', choose.message_id);
      expect((await chat.reply()).text).toBe('Language: English.');
      expect((await chat.ask('/start')).text).toContain('send the <b>access code</b>');
      await first.stop();

      // A new process: the language chosen before linking comes from PostgreSQL with the account.
      const second = await startBotHarness(app, { server });
      try {
        const linked = await chat.ask(code);
        expect(linked.text).toContain('You are connected as');
        expect(linked.keyboard.flat()).toEqual(['Today', 'Another day', 'Reports']);
        expect((await app.services.access.identify(chatId))[0]!.locale).toBe('en');
        // No session: nothing of this chat is stored but conversation state.
        const keys = await app.db.sql`select key from bot_sessions where key like ${`%:${chatId}`}`;
        expect(keys.map((r) => String(r.key)).filter((k) => !k.startsWith('conversation:'))).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      await server.stop();
    }
  });
});

describe('webhook mode', () => {
  let app: App;
  let server: Awaited<ReturnType<typeof startEmulator>>;

  beforeAll(async () => {
    server = await startEmulator();
    app = await createTestApp({
      env: {
        TELEGRAM_BOT_TOKEN: REAL_LOOKING_TOKEN,
        PUBLIC_URL: 'https://journal.example.test',
        TELEGRAM_WEBHOOK_SECRET: 'test-secret_1',
        TELEGRAM_API_ROOT: server.config.apiURL,
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await server.stop();
  });

  it('accepts updates only with the secret header', async () => {
    expect(app.bot.mode).toBe('webhook');
    const chatId = uniqueChatId();
    const payload = update(chatId, '/help');
    const none = await app.http!.inject({ method: 'POST', url: '/telegram/webhook', payload });
    expect(none.statusCode).toBe(401);
    const wrong = await app.http!.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload,
      headers: { 'x-telegram-bot-api-secret-token': 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await app.http!.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload,
      headers: { 'x-telegram-bot-api-secret-token': 'test-secret_1' },
    });
    expect(ok.statusCode).toBe(200);
    const answer = await chatWith(server, chatId, REAL_LOOKING_TOKEN).reply();
    expect(answer.text).toContain('/start — подключиться');
  });

  it('answers 500 when a dependency is down, so Telegram redelivers, and logs the failure but not every update', async () => {
    const lines: { level: number; msg: string; req?: { url?: string } }[] = [];
    const logger: FastifyBaseLogger = pino(
      { level: 'info' },
      {
        write: (line: string) => {
          lines.push(JSON.parse(line) as (typeof lines)[number]);
        },
      },
    );
    const http = Fastify({ loggerInstance: logger });
    http.get('/other', async () => 'ok');
    const bot = createBot({
      token: REAL_LOOKING_TOKEN,
      apiRoot: server.config.apiURL,
      fastPath: FAST_PATH,
      botInfo: {
        id: 1,
        is_bot: true,
        first_name: 'Bot',
        username: 'test_bot',
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
      } as never,
      services: {
        access: {
          logout: async () => ({ unlinked: 0 }),
          identifyChat: async () => {
            throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          },
          redeem: async () => {
            throw new Error('unreachable');
          },
          setLocale: async () => {},
        },
      },
      store: createBotSessionStore(app.db.db),
      logger: createLogger('silent'),
      rethrowUnexpected: true,
    });
    const secret = deriveWebhookSecret(REAL_LOOKING_TOKEN);
    await webhookExtension(bot, secret, { fastPath: FAST_PATH })(http);
    const res = await http.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload: update(uniqueChatId(), '/help'),
      headers: { 'x-telegram-bot-api-secret-token': secret },
    });
    expect(res.statusCode).toBe(500);
    // Other routes log each request at info; the webhook only its failures.
    await http.inject({ method: 'GET', url: '/other' });
    expect(lines.filter((l) => l.msg === 'incoming request').map((l) => l.req?.url)).toEqual(['/other']);
    expect(lines.some((l) => l.level >= 50 && /ECONNREFUSED/.test(JSON.stringify(l)))).toBe(true);
    await http.close();
  });

  it('checks the secret before anything else and answers 503 while getMe has not succeeded', async () => {
    // A Bot API that takes requests and does not answer them until told to: Telegram unreachable.
    const held: ServerResponse[] = [];
    let reachable = false;
    const telegram = createServer((req, res) => {
      if (!reachable) return void held.push(res);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          req.url?.endsWith('/getMe')
            ? { ok: true, result: { id: 1, is_bot: true, first_name: 'Bot', username: 'test_bot' } }
            : { ok: true, result: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: '' } },
        ),
      );
    });
    await new Promise<void>((r) => telegram.listen(0, '127.0.0.1', r));
    const http = Fastify();
    try {
      const bot = createBot({
        token: REAL_LOOKING_TOKEN,
        apiRoot: `http://127.0.0.1:${(telegram.address() as { port: number }).port}`,
        fastPath: FAST_PATH,
        services: {
          access: {
            logout: async () => ({ unlinked: 0 }),
            identifyChat: async () => ({ users: [], locale: null }),
            redeem: async () => {
              throw new Error('unused');
            },
            setLocale: async () => {},
          },
        },
        store: createBotSessionStore(app.db.db),
        logger: createLogger('silent'),
        rethrowUnexpected: true,
      });
      const secret = 'webhook-secret-503';
      await webhookExtension(bot, secret, { fastPath: FAST_PATH })(http);
      const post = (headers: Record<string, string>) =>
        http.inject({ method: 'POST', url: '/telegram/webhook', payload: update(uniqueChatId(), '/help'), headers });
      expect((await post({})).statusCode).toBe(401);
      expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).statusCode).toBe(401);
      expect(held).toHaveLength(0); // nothing went to Telegram for a request without the secret
      expect((await post({ 'x-telegram-bot-api-secret-token': secret })).statusCode).toBe(503);
      expect((await post({ 'x-telegram-bot-api-secret-token': secret })).statusCode).toBe(503);
      expect(held).toHaveLength(1); // one getMe in flight, not one per update

      reachable = true;
      for (const res of held.splice(0)) res.destroy();
      let status = 503;
      for (let i = 0; i < 50 && status === 503; i++) status = (await post({ 'x-telegram-bot-api-secret-token': secret })).statusCode;
      expect(status).toBe(200);
    } finally {
      await http.close();
      telegram.closeAllConnections();
      await new Promise<void>((r) => telegram.close(() => r()));
    }
  });
});
