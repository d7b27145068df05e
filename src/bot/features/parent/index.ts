import type { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import type { BotFamily, BotMessengers } from '../../deps.js';
import { absenceAnswersFeature } from './absence-answers.js';
import { childrenFeature } from './children.js';
import { consentFeature } from './consent.js';
import { periodFeature } from './period.js';
import { privacyFeature } from './privacy.js';
import { settingsFeature } from './settings.js';

export { parentAfterLink } from './consent.js';
export { settingsScreen } from './settings.js';

/**
 * The parent's screens, in the order they are tried. With `messengers`, the settings screen
 * shows the preferred-messenger row to a person linked in both Telegram and MAX.
 */
export function parentFeatures(deps: { family: BotFamily; messengers?: BotMessengers }): Composer<BotContext>[] {
  return [
    consentFeature(deps.family),
    childrenFeature(deps.family),
    periodFeature(deps.family),
    settingsFeature(deps.family, deps.messengers),
    privacyFeature(deps.family),
    absenceAnswersFeature(deps.family),
  ];
}
