import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** Commands a closed account may still use: link with a new code, read the help, choose the language. */
const OPEN_COMMANDS = /^\/(start|help|language)(@\w+)?(\s|$)/;

/**
 * A Telegram account whose user the school deactivated (docs/school-year.md, "Staff leaving"):
 * every button press and message gets the same clear answer and goes no further, so an old
 * lesson card or a conversation left open can change nothing. Installed right after
 * identification, before the conversations.
 */
export function closedAccessFeature() {
  const composer = new Composer<BotContext>();
  const closed = composer.filter((ctx) => ctx.closedBy !== null && ctx.users.length === 0);
  closed.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('staff.closed', { school: ctx.closedBy! }), show_alert: true }).catch(() => {});
    ctx.log?.info({ data: ctx.callbackQuery.data }, 'press from a closed account refused');
  });
  closed.on('message', async (ctx, next) => {
    if (OPEN_COMMANDS.test(ctx.message.text ?? '')) return next();
    await ctx.reply(ctx.t('staff.closed', { school: ctx.closedBy! }), { parse_mode: 'HTML', reply_markup: { remove_keyboard: true } });
  });
  return composer;
}
