import { Composer, InlineKeyboard } from 'grammy';
import type { StoredData } from '../../../domain/family/types.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { formatDate, type Locale, type Translate } from '../../../i18n/index.js';
import { principalOf, readerUsers } from './principals.js';

function consentLine(t: Translate, d: StoredData, tz: string, locale: Locale): string {
  const c = d.consent;
  if (c.granted && c.grantedAt)
    return t('privacy.granted', { version: c.version ?? c.currentVersion, date: formatDate(c.grantedAt, tz, locale) });
  if (c.withdrawnAt) return t('privacy.withdrawn', { date: formatDate(c.withdrawnAt, tz, locale) });
  return t('privacy.never');
}

/**
 * /privacy: what is stored, and consent withdrawn (audited, notices stop) or given again, for a
 * parent and for a student (whose own consent, from 14, follows the same rules).
 */
export function privacyFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  composer.command('privacy', async (ctx) => {
    const parents = readerUsers(ctx.users);
    if (!parents.length) return ctx.reply(ctx.t('privacy.notParent'));
    const student = parents.every((u) => u.roles.includes('student'));
    let anyGranted = false;
    const texts: string[] = [];
    for (const user of parents) {
      const d = await family.storedData(principalOf(user));
      anyGranted ||= d.consent.granted;
      const none = ctx.t('privacy.none');
      texts.push(
        ctx.t(user.roles.includes('student') ? 'privacy.titleStudent' : 'privacy.title', {
          name: [d.lastName, d.firstName, d.middleName].filter(Boolean).join(' '),
          email: d.email ?? none,
          phone: d.phone ?? none,
          telegram: d.telegramLinked ? ctx.t('privacy.linked') : none,
          max: d.maxLinked ? ctx.t('privacy.linked') : none,
          children: d.consent.granted ? d.children.join(', ') || none : ctx.t('privacy.hidden'),
          consent: consentLine(ctx.t, d, user.timezone, ctx.locale),
        }) + (parents.length > 1 ? `\n(${user.schoolName})` : ''),
      );
    }
    const keyboard = new InlineKeyboard().text(
      anyGranted ? ctx.t('privacy.withdraw') : ctx.t('privacy.grant'),
      anyGranted ? 'pv:w' : student ? 'sc:ok' : 'cs:ok',
    );
    await ctx.reply(texts.join('\n\n'), { parse_mode: 'HTML', reply_markup: keyboard });
  });
  composer.callbackQuery('pv:w', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('privacy.confirm'), {
      reply_markup: new InlineKeyboard().text(ctx.t('privacy.confirmYes'), 'pv:wy').text(ctx.t('privacy.cancel'), 'pv:c'),
    });
  });
  composer.callbackQuery('pv:wy', async (ctx) => {
    const parents = readerUsers(ctx.users);
    for (const user of parents) await family.withdrawConsent(principalOf(user));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
    const student = parents.length > 0 && parents.every((u) => u.roles.includes('student'));
    await ctx.reply(parents.length ? ctx.t(student ? 'privacy.doneStudent' : 'privacy.done') : ctx.t('privacy.notParent'));
  });
  composer.callbackQuery('pv:c', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => {});
  });
  return composer;
}
