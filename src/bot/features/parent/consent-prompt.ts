import { CONSENT_VERSION } from '../../../domain/family/consent.js';
import type { BotContext } from '../../context.js';
import type { FollowUp } from '../../deps.js';
import type { Translate } from '../../../i18n/index.js';
import { followUpKeyboard } from '../../link-account.js';

// Apart from consent.ts, which shows the children once consent is given: the children screen
// asks for consent first, and the two files would otherwise import each other.
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
