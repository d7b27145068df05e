import type { App } from '../../src/app.js';
import { parentAfterLink, parentFeatures } from '../../src/bot/features/parent/index.js';
import { startBotHarness } from '../helpers/bot.js';

/** The real bot with the parent and class-teacher features, as src/app.ts wires them. */
export function startParentBot(app: App, options: Parameters<typeof startBotHarness>[1] = {}) {
  return startBotHarness(app, {
    ...options,
    features: parentFeatures({ family: app.services.family }),
    deps: { afterLink: parentAfterLink(app.services.family), ...options.deps },
  });
}

export async function codeFor(app: App, schoolId: number, userId: number): Promise<string> {
  return (await app.services.access.issueForUser({ kind: 'api', schoolId }, schoolId, userId)).code;
}
