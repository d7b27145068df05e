import { Composer } from 'grammy';
import { StudentConsentRequiredError } from '../../../domain/family/index.js';
import { translator } from '../../../i18n/index.js';
import type { BotContext } from '../../context.js';
import type { AfterLink, BotFamily } from '../../deps.js';
import { showMenu } from '../menu.js';
import { principalOf } from '../parent/principals.js';
import { consentFollowUp, studentUserOf } from './self.js';

/** After linking: a student of 14+ without their own consent sees the consent text before anything else. */
export function studentAfterLink(family: BotFamily): AfterLink {
  return async ({ users, locale }) => {
    const user = studentUserOf(users);
    if (!user) return null;
    const self = await family.studentSelf(principalOf(user));
    return self.allowed ? null : consentFollowUp(translator(locale), self);
  };
}

/** «Даю согласие» of a 14+ student: recorded like a parent's (version, audit); an under-14 is refused by the service. */
export function studentConsentFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery('sc:ok', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const user = studentUserOf(ctx.users);
    if (!user) return void (await ctx.reply(ctx.t('error.forbidden')));
    try {
      await family.grantConsent(principalOf(user));
    } catch (err) {
      if (err instanceof StudentConsentRequiredError) return void (await ctx.reply(ctx.t('student.needGuardian')));
      throw err;
    }
    await showMenu(ctx, ctx.t('student.consentAccepted'));
  });
  composer.callbackQuery('sc:no', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    await ctx.reply(ctx.t('student.consentDeclined'));
  });
  return composer;
}
