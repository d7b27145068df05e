import type { App } from '../../src/app.js';
import { classTeacherFeature } from '../../src/bot/features/class-teacher/index.js';
import { parentAfterLink, parentFeatures } from '../../src/bot/features/parent/index.js';
import { startBotHarness, uniqueChatId } from '../helpers/bot.js';

/** The real bot with the parent and class-teacher features, as src/app.ts wires them. */
export function startParentBot(app: App, options: Parameters<typeof startBotHarness>[1] = {}) {
  return startBotHarness(app, {
    ...options,
    features: [
      ...parentFeatures({ family: app.services.family }),
      classTeacherFeature({ family: app.services.family, classJournal: app.services.classJournal }),
    ],
    deps: { afterLink: parentAfterLink(app.services.family), ...options.deps },
  });
}

export async function codeFor(app: App, schoolId: number, userId: number): Promise<string> {
  return (await app.services.access.issueForUser({ kind: 'api', schoolId }, schoolId, userId)).code;
}

/** A new chat of a parent that has linked with a code and accepted the consent text. */
export async function consentingChat(app: App, harness: Awaited<ReturnType<typeof startParentBot>>, schoolId: number, userId: number) {
  const chat = harness.chat(uniqueChatId());
  await chat.send(`/start ${await codeFor(app, schoolId, userId)}`);
  const [, prompt] = await chat.replies(2);
  await chat.press('cs:ok', prompt!.message_id);
  await chat.replies(2);
  return chat;
}
