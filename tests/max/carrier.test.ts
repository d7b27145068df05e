import { afterEach, describe, expect, it } from 'vitest';
import { screensBot } from './carrier-fixture.js';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createLogger } from '../../src/logger.js';
import { createMaxPolling, messageNumberOf, type MaxEditButtons } from '../../src/max/carrier/index.js';

describe('the MAX carrier: Bot API calls of the flows, as MAX calls (stand-in)', () => {
  let standIn: MaxStandIn;
  let stops: (() => Promise<void>)[] = [];
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

  afterEach(async () => {
    for (const stop of stops) await stop();
    stops = [];
  });

  /** A stand-in of its own per bot: a long poll cut at a bot's stop may still take the next test's update. */
  async function start(editButtons: MaxEditButtons) {
    standIn = createMaxStandIn({ ratePerSecond: 0 });
    await standIn.start();
    stops.push(() => standIn.stop());
    const { api, bot, handle } = await screensBot(standIn, editButtons, logger);
    const polling = createMaxPolling({ api, handle, log: logger, timeoutSeconds: 1 });
    polling.start();
    stops.unshift(() => polling.stop());
    return bot;
  }

  let nextUser = 900_000;
  async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
    const end = Date.now() + 5_000;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('a command reaches the flow; HTML, callback and link buttons arrive as MAX draws them', async () => {
    const bot = await start('edit');
    expect(bot.botInfo.is_bot).toBe(true);
    const u = standIn.user(++nextUser);
    await u.say('/hello');
    const m = await until(() => u.last(), 'the greeting');
    expect(m.text).toBe('<b>Привет</b> &lt;мир&gt;');
    expect(m.format).toBe('html');
    expect(m.buttons).toEqual([
      [
        { type: 'callback', text: 'Дальше', payload: 'x:1' },
        { type: 'callback', text: 'Сайт', payload: 'x:2' },
        { type: 'link', text: 'Ссылка', url: 'https://example.org' },
      ],
    ]);
  });

  it('edit mode: a press edits the same message in place, text and buttons; the flow sees the same message number', async () => {
    await start('edit');
    const u = standIn.user(++nextUser);
    await u.say('/hello');
    const first = await until(() => u.last(), 'the greeting');
    await u.press(first.mid, 'x:1');
    await until(() => (u.last()?.text === 'Шаг 2' ? true : undefined), 'step 2');
    expect(u.messages().filter((m) => !m.deleted)).toHaveLength(1);
    expect(
      u
        .last()!
        .buttons.flat()
        .map((b) => b.payload),
    ).toEqual(['x:3']);
    await u.press(first.mid, 'x:3');
    const done = await until(() => (u.last()?.text?.startsWith('Готово') ? u.last() : undefined), 'done');
    expect(done.text).toBe(`Готово, сообщение ${messageNumberOf(first.mid)}`);
    // Telegram drops the keyboard of an edit without one: so does the carrier.
    expect(done.buttons).toEqual([]);
  });

  it('resend mode: when the buttons change, the screen is sent again and the old one removed; later edits follow it', async () => {
    await start('resend');
    const u = standIn.user(++nextUser);
    await u.say('/hello');
    const first = await until(() => u.last(), 'the greeting');
    await u.press(first.mid, 'x:1');
    const second = await until(() => (u.last()?.text === 'Шаг 2' ? u.last() : undefined), 'step 2');
    expect(second.mid).not.toBe(first.mid);
    expect(u.messages().find((m) => m.mid === first.mid)!.deleted).toBe(true);
    expect(second.buttons.flat().map((b) => b.payload)).toEqual(['x:3']);
    await u.press(second.mid, 'x:3');
    const third = await until(() => (u.last()?.text?.startsWith('Готово') ? u.last() : undefined), 'done');
    expect(third.buttons).toEqual([]);
    expect(u.messages().filter((m) => !m.deleted)).toHaveLength(1);
  });

  it('MAX keeping old buttons on an edit: edit mode leaves the stale buttons, resend mode shows the new ones', async () => {
    for (const mode of ['edit', 'resend'] as const) {
      await start(mode);
      standIn.editKeepsButtons(true);
      const u = standIn.user(++nextUser);
      await u.say('/hello');
      const first = await until(() => u.last(), 'the greeting');
      await u.press(first.mid, 'x:1');
      const shown = await until(() => (u.last()?.text === 'Шаг 2' ? u.last() : undefined), 'step 2');
      const payloads = shown.buttons.flat().map((b) => b.payload ?? b.url);
      if (mode === 'edit') expect(payloads).toEqual(['x:1', 'x:2', 'https://example.org']);
      else expect(payloads).toEqual(['x:3']);
      for (const stop of stops) await stop();
      stops = [];
    }
  });

  it('a reply keyboard becomes message buttons; a long text goes plain and cut; a wide row is wrapped at 7', async () => {
    await start('edit');
    const u = standIn.user(++nextUser);
    await u.say('/kbd');
    const menu = await until(() => u.last(), 'the menu');
    expect(menu.buttons).toEqual([
      [
        { type: 'message', text: 'Сегодня' },
        { type: 'message', text: 'Неделя' },
      ],
      [{ type: 'message', text: 'Настройки' }],
    ]);
    await u.say('/long');
    const long = await until(() => (u.last()?.mid !== menu.mid ? u.last() : undefined), 'the long text');
    expect(long.format).toBeNull();
    expect(long.text).toHaveLength(4_000);
    expect(long.text!.startsWith('яяя')).toBe(true);
    expect(long.text!.endsWith('…')).toBe(true);
    await u.say('/wide');
    const wide = await until(() => (u.last()?.text === 'Много' ? u.last() : undefined), 'the wide keyboard');
    expect(wide.buttons.map((r) => r.length)).toEqual([7, 3]);
  });

  it('a 429 from MAX is waited out once and the answer still arrives; a blocked chat fails the reply without stopping the bot', async () => {
    await start('edit');
    const u = standIn.user(++nextUser);
    standIn.rateLimit(1);
    await u.say('раз');
    const m = await until(() => u.last(), 'the answer after 429');
    expect(m.text).toBe('Вы написали: раз');
    expect(standIn.calls.filter((c) => c.path === '/messages' && c.status === 429).length).toBeGreaterThanOrEqual(1);

    const blocked = standIn.user(++nextUser);
    blocked.block();
    await blocked.say('два');
    await until(() => (standIn.calls.some((c) => c.path === '/messages' && c.status === 403) ? true : undefined), 'the refused send');
    expect(blocked.messages()).toHaveLength(0);
    // The bot goes on serving others.
    await u.say('три');
    await until(() => (u.last()?.text === 'Вы написали: три' ? true : undefined), 'the next answer');
  });
});
