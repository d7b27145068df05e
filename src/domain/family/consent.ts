/**
 * The version of the consent text parents accept (152-FZ). The text itself is in the bot's
 * catalogues (`consent.text`, ru and en); change both and this version together, so every
 * stored consent row says which wording the parent saw.
 */
export const CONSENT_VERSION = '2026-11';
