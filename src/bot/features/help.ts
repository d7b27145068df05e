import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { menuItemsFor } from './menu.js';

/** /help: what the bot is for before linking; the commands after, and for teachers how to reach any day. */
export function helpFeature() {
  const composer = new Composer<BotContext>();
  composer.command('help', async (ctx) => {
    if (!ctx.users.length) return void (await ctx.reply(ctx.t('help.unlinked'), { parse_mode: 'HTML' }));
    const teaches = menuItemsFor(ctx.users.flatMap((u) => u.roles)).includes('today');
    const text = teaches ? `${ctx.t('help.linked')}\n\n${ctx.t('help.teacher')}` : ctx.t('help.linked');
    await ctx.reply(text, { parse_mode: 'HTML' });
  });
  return composer;
}
