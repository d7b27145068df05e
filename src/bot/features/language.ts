import { Composer, InlineKeyboard } from 'grammy';
import type { Locale } from '../../domain/access/types.js';
import type { BotContext } from '../context.js';
import type { BotAccess } from '../deps.js';
import { translator } from '../../i18n/index.js';
import { telegramUserIdOf } from './identify.js';
import { showMenu } from './menu.js';

export function languageFeature(deps: { access: BotAccess }) {
  const composer = new Composer<BotContext>();
  composer.command('language', (ctx) =>
    ctx.reply(ctx.t('language.choose'), { reply_markup: new InlineKeyboard().text('Русский', 'lang:ru').text('English', 'lang:en') }),
  );
  composer.callbackQuery(/^lang:(ru|en)$/, async (ctx) => {
    const locale = ctx.match[1] as Locale;
    const telegramUserId = telegramUserIdOf(ctx);
    // Kept for the account, linked or not; linking later gives it to the new users.
    if (telegramUserId !== undefined) await deps.access.setLocale(telegramUserId, locale);
    ctx.locale = locale;
    ctx.t = translator(locale);
    ctx.users = ctx.users.map((u) => ({ ...u, locale }));
    await ctx.answerCallbackQuery();
    // A reply keyboard cannot be edited: the menu is sent again with the labels in the new language.
    if (ctx.users.length) await showMenu(ctx, ctx.t('language.set'));
    else await ctx.reply(ctx.t('language.set'));
  });
  return composer;
}
