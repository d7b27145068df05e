import { Composer } from 'grammy';
import { CONSENT_VERSION } from '../../../domain/family/consent.js';
import type { BotContext } from '../../context.js';
import type { AfterLink, BotFamily, FollowUp } from '../../deps.js';
import { translator, type Translate } from '../../../i18n/index.js';
import { followUpKeyboard } from '../../link-account.js';
import { showChildren } from './children.js';
import { consentSplit, principalOf } from './principals.js';

export function consentPrompt(t: Translate): FollowUp {
  return {
    html: t('consent.text', { version: CONSENT_VERSION }),
    buttons: [[{ text: t('consent.accept'), data: 'cs:ok' }], [{ text: t('consent.decline'), data: 'cs:no' }]],
  };
}

export async function sendConsentPrompt(ctx: BotContext, lead?: string): Promise<void> {
  const prompt = consentPrompt(ctx.t);
  await ctx.reply(lead ? `${lead}\n\n${prompt.html}` : prompt.html, { parse_mode: 'HTML', reply_markup: followUpKeyboard(prompt) });
}

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
