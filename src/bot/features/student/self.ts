import type { LinkedUser } from '../../../domain/access/types.js';
import { CONSENT_VERSION, type StudentSelf } from '../../../domain/family/index.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { Translate } from '../../../i18n/index.js';
import type { BotContext } from '../../context.js';
import type { BotFamily, FollowUp } from '../../deps.js';
import { followUpKeyboard } from '../../link-account.js';
import { principalOf } from '../parent/principals.js';

/** The student account of this Telegram user (a pupil links one). */
export const studentUserOf = (users: readonly LinkedUser[]) => users.find((u) => u.roles.includes('student'));

/** The consent text parents see, with the line that a 14+ student gives it themself; same version and records. */
export function studentConsentPrompt(t: Translate): FollowUp {
  return {
    html: `${t('student.consentLead')}\n\n${t('consent.text', { version: CONSENT_VERSION })}`,
    buttons: [[{ text: t('consent.accept'), data: 'sc:ok' }], [{ text: t('consent.decline'), data: 'sc:no' }]],
  };
}

/** What a student without the consent their age needs is told instead of a screen. */
export function consentFollowUp(t: Translate, self: StudentSelf): FollowUp {
  return self.consentFrom === 'own' ? studentConsentPrompt(t) : { html: t('student.needGuardian'), buttons: [] };
}

/**
 * The student's principal and own record, or null after telling them why not: no student
 * account here, or the consent their age needs is missing (a prompt for their own from 14).
 */
export async function studentOrExplain(family: BotFamily, ctx: BotContext): Promise<{ principal: Principal; self: StudentSelf } | null> {
  const user = studentUserOf(ctx.users);
  if (!user) {
    await ctx.reply(ctx.t('error.forbidden'));
    return null;
  }
  const principal = principalOf(user);
  const self = await family.studentSelf(principal);
  if (self.allowed) return { principal, self };
  const follow = consentFollowUp(ctx.t, self);
  await ctx.reply(follow.html, { parse_mode: 'HTML', reply_markup: follow.buttons.length ? followUpKeyboard(follow) : undefined });
  return null;
}
