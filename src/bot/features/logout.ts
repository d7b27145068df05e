import { Composer, InlineKeyboard } from 'grammy';
import { fullName } from '../../domain/access/codes.js';
import type { BotContext } from '../context.js';
import type { BotAccess } from '../deps.js';
import { telegramUserIdOf } from './identify.js';

/**
 * /logout ends the link of this Telegram account after one confirming press. The press acts on
 * whoever is linked when it comes, not on what the button was drawn for, so a stale or forged
 * button can only unlink the presser's own account.
 */
export function logoutFeature(deps: { access: BotAccess }) {
  const composer = new Composer<BotContext>();
  composer.command('logout', async (ctx) => {
    if (!ctx.users.length) return void (await ctx.reply(ctx.t('logout.none')));
    const names = ctx.users.map((u) => `${fullName(u)} (${u.schoolName})`).join(', ');
    const keyboard = new InlineKeyboard().text(ctx.t('logout.yes'), 'lo:y').text(ctx.t('logout.no'), 'lo:n');
    await ctx.reply(ctx.t('logout.confirm', { names }), { reply_markup: keyboard });
  });
  composer.callbackQuery('lo:y', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const from = telegramUserIdOf(ctx);
    const { unlinked } = from === undefined ? { unlinked: 0 } : await deps.access.logout(from);
    await ctx.reply(ctx.t(unlinked ? 'logout.done' : 'logout.none'), { reply_markup: { remove_keyboard: true } });
  });
  composer.callbackQuery('lo:n', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.reply(ctx.t('logout.kept'));
  });
  return composer;
}
