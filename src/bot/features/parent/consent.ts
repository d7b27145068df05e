import { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import type { AfterLink, BotFamily } from '../../deps.js';
import { translator } from '../../../i18n/index.js';
import { showChildren } from './children.js';
import { consentPrompt } from './consent-prompt.js';
import { consentSplit, principalOf } from './principals.js';

/** After linking: a parent without consent sees the consent text before anything of the child. */
export function parentAfterLink(family: BotFamily): AfterLink {
  return async ({ users, locale }) => {
    const { pending } = await consentSplit(family, users);
    return pending.length ? consentPrompt(translator(locale)) : null;
  };
}

export function consentFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery('cs:ok', async (ctx) => {
    const { pending } = await consentSplit(family, ctx.users);
    for (const user of pending) await family.grantConsent(principalOf(user));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    if (!ctx.users.some((u) => u.roles.includes('parent'))) return ctx.reply(ctx.t('privacy.notParent'));
    await ctx.reply(ctx.t('consent.accepted'));
    await showChildren(family, ctx);
  });
  composer.callbackQuery('cs:no', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.reply(ctx.t('consent.declined'));
  });
  return composer;
}
