import { Composer, InlineKeyboard, Keyboard } from 'grammy';
import type { MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import type { Logger } from '../../src/logger.js';
import type { MaxEditButtons } from '../../src/max/carrier/index.js';
import { createMaxApi } from '../../src/max/index.js';
import { createMaxBot } from '../../src/max-runtime.js';
import type { BotContext } from '../../src/bot/index.js';
import type { BotAccess } from '../../src/bot/deps.js';

/** A bot of a few screens, carried to MAX: what the carrier does with each Bot API call. */
export function screens() {
  const c = new Composer<BotContext>();
  c.command('hello', (ctx) =>
    ctx.reply('<b>Привет</b> &lt;мир&gt;', {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard().text('Дальше', 'x:1').text('Сайт', 'x:2').url('Ссылка', 'https://example.org'),
    }),
  );
  c.command('kbd', (ctx) => ctx.reply('Меню', { reply_markup: new Keyboard().text('Сегодня').text('Неделя').row().text('Настройки') }));
  c.command('long', (ctx) => ctx.reply(`<b>${'я'.repeat(4_100)}</b>`, { parse_mode: 'HTML' }));
  c.command('wide', (ctx) =>
    ctx.reply('Много', {
      reply_markup: InlineKeyboard.from([Array.from({ length: 10 }, (_, i) => InlineKeyboard.text(`${i}`, `w:${i}`))]),
    }),
  );
  c.callbackQuery('x:1', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Принято' });
    await ctx.editMessageText('Шаг 2', { reply_markup: new InlineKeyboard().text('Готово', 'x:3') });
  });
  c.callbackQuery('x:3', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(`Готово, сообщение ${ctx.callbackQuery.message?.message_id}`);
  });
  c.on('message:text', (ctx) => ctx.reply(`Вы написали: ${ctx.message.text}`));
  return c;
}

export const nobody: BotAccess = {
  identifyChat: async () => ({ users: [], locale: null }),
  redeem: async () => {
    throw new Error('not in this test');
  },
  setLocale: async () => {},
  logout: async () => ({ unlinked: 0 }),
};

export function memoryStore() {
  const map = new Map<string, unknown>();
  return {
    read: async (k: string) => map.get(k),
    write: async (k: string, v: unknown) => {
      map.set(k, structuredClone(v));
    },
    delete: async (k: string) => {
      map.delete(k);
    },
  };
}

/** The screens above as the MAX bot, against a started stand-in, identity-less. */
export async function screensBot(standIn: MaxStandIn, editButtons: MaxEditButtons, logger: Logger) {
  const api = createMaxApi({ token: standIn.token, apiRoot: standIn.url });
  const made = createMaxBot({ api, access: nobody, store: memoryStore(), logger, messages: null, editButtons, features: [screens()] });
  await made.bot.init();
  return { api, ...made };
}
