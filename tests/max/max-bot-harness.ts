import type { App } from '../../src/app.js';
import { botExtras, botFeatures } from '../../src/bot-features.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import type { MaxStandIn, SentMessage } from '../../src/dev/max-stand-in/index.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import { createLogger } from '../../src/logger.js';
import { createMaxPolling, type MaxEditButtons, type MessageRecordStore } from '../../src/max/carrier/index.js';
import { createMaxApi } from '../../src/max/index.js';
import { createMaxBot } from '../../src/max-runtime.js';
import { testConfig } from '../helpers/app.js';

/**
 * The MAX bot as src/app.ts wires it (every feature, the same flows as Telegram's), long
 * polling the stand-in. `person(id)` is someone writing to it, with waits for its answers.
 */
export async function startMaxBot(
  app: App,
  standIn: MaxStandIn,
  clock: Clock,
  options: { editButtons?: MaxEditButtons; messages?: MessageRecordStore | null } = {},
) {
  const api = createMaxApi({ token: standIn.token, apiRoot: standIn.url });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const { bot, handle } = createMaxBot({
    api,
    access: app.services.access.forMessenger('max'),
    store: createBotSessionStore(app.db.db),
    logger,
    messages: options.messages ?? null,
    editButtons: options.editButtons ?? 'resend',
    features: botFeatures(app.services, testConfig(), clock, 'max'),
    dialogs: (maxUserId, open) => app.services.access.maxDialog(maxUserId, open),
    ...botExtras(app.services),
  });
  await bot.init();
  const polling = createMaxPolling({ api, handle, log: logger, timeoutSeconds: 1 });
  polling.start();

  function person(userId: number) {
    const user = standIn.user(userId);
    const live = () => user.messages().filter((m) => !m.deleted);
    /** Waits until the bot has sent `count` messages after `seen` (the ids present before the step). */
    async function answers(seen: Set<string>, count = 1, timeoutMs = 8_000): Promise<SentMessage[]> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const fresh = live().filter((m) => !seen.has(`${m.mid}:${m.history.length}`));
        if (fresh.length >= count) return fresh;
        if (Date.now() > until)
          throw new Error(
            `expected ${count} new message(s) from the MAX bot, got ${fresh.length}: ${JSON.stringify(fresh.map((m) => m.text))}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    const snapshot = () => new Set(live().map((m) => `${m.mid}:${m.history.length}`));
    return {
      ...user,
      live,
      /** Says `text` and waits for `count` new or edited messages. */
      async ask(text: string, count = 1) {
        const seen = snapshot();
        await user.say(text);
        return answers(seen, count);
      },
      async begin(payload?: string, count = 1) {
        const seen = snapshot();
        await user.start(payload);
        return answers(seen, count);
      },
      /** Presses the button with this payload on the message (the newest showing it if none given). */
      async push(payload: string, count = 1, mid?: string) {
        const target =
          mid ??
          live()
            .filter((m) => m.buttons.flat().some((b) => b.payload === payload))
            .at(-1)?.mid;
        if (!target) throw new Error(`no message of the bot shows a button ${payload}`);
        const seen = snapshot();
        await user.press(target, payload);
        return answers(seen, count);
      },
      /** The payload of the button labelled `text` (the newest message showing it). */
      button(text: string): string {
        const b = live()
          .flatMap((m) => m.buttons.flat())
          .reverse()
          .find((x) => x.text === text || x.text.includes(text));
        if (!b?.payload)
          throw new Error(`no button «${text}» in ${JSON.stringify(live().map((m) => m.buttons.flat().map((x) => x.text)))}`);
        return b.payload;
      },
    };
  }

  return {
    api,
    bot,
    handle,
    person,
    async stop() {
      await polling.stop();
    },
  };
}
