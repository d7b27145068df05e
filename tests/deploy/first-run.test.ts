import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { EMULATOR_TOKEN } from '../../src/bot-runtime.js';
import { chatWith, freePort, uniqueChatId } from '../helpers/bot.js';
import { testConfig } from '../helpers/app.js';

/** The app as `npm start` runs it with no token, its log lines collected as objects. */
describe('the first start without a token', () => {
  const lines: { level: number; msg: string }[] = [];
  let app: App;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
        done();
      },
    });
    const config = testConfig({ APP_ROLE: 'all', EMULATOR_PORT: String(await freePort()), DEMO_SEED: 'false' });
    app = await createApp(config, pino({ level: 'info' }, sink));
    await app.start();
  });
  afterAll(() => app.stop());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs no warning (the emulator is not asked for setMyCommands, which it does not have)', () => {
    expect(app.bot.mode).toBe('emulator');
    expect(lines.map((l) => l.msg)).toContain('http server listening');
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });

  it("keeps the bot's messages for a day, so a person looking after the grace period still finds them", async () => {
    const chat = chatWith(app.bot.emulator!, uniqueChatId(), EMULATOR_TOKEN);
    await chat.send('/help');
    const [reply] = await chat.replies(1);
    const stored = () =>
      app.bot.emulator!.storage.botMessages.filter(
        (m) => m.messageId === reply!.message_id && String(m.message.chat_id) === String(chat.chatId),
      );
    // The emulator's clean-up drops what is older than its store timeout (a minute by default).
    const cleanUp = () => (app.bot.emulator as unknown as { cleanUp(): void }).cleanUp();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    cleanUp();
    expect(stored()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 24 * 3600_000);
    cleanUp();
    expect(stored()).toHaveLength(0);
  });
});
