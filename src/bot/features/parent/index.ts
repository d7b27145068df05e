import type { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { absenceAnswersFeature } from './absence-answers.js';
import { childrenFeature } from './children.js';
import { consentFeature } from './consent.js';
import { periodFeature } from './period.js';
import { privacyFeature } from './privacy.js';
import { settingsFeature } from './settings.js';

export { parentAfterLink } from './consent.js';

/** The parent's screens, in the order they are tried. */
export function parentFeatures(deps: { family: BotFamily }): Composer<BotContext>[] {
  return [
    consentFeature(deps.family),
    childrenFeature(deps.family),
    periodFeature(deps.family),
    settingsFeature(deps.family),
    privacyFeature(deps.family),
    absenceAnswersFeature(deps.family),
  ];
}
