import { eq } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { teacherFeatures, teacherStatelessFeatures } from '../../src/bot/features/teacher/index.js';
import { users } from '../../src/db/schema/index.js';
import { journalSchool } from '../journal/fixture.js';
import { startBotHarness, uniqueChatId, type TestChat } from '../helpers/bot.js';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createTestApp, type manualClock } from '../helpers/app.js';

import { NOW } from '../journal/fixture.js';

export { NOW, TODAY, testClock, asUser } from '../journal/fixture.js';

/** Links a school user to a Telegram chat the way a redeemed code does (chat id = user id). */
export async function linkTelegram(app: App, userId: number, chatId = uniqueChatId()): Promise<number> {
  await app.db.db
    .update(users)
    .set({ telegramUserId: chatId, telegramChatId: chatId, linkedAt: new Date(), telegramStatus: 'active' })
    .where(eq(users.id, userId));
  return chatId;
}

export function teacherHarnessOptions(app: App, clock: ReturnType<typeof manualClock>) {
  return {
    features: teacherFeatures({ journal: app.services.journal, schools: app.services.schools, clock }),
    stateless: teacherStatelessFeatures(),
  };
}

export type Harness = Awaited<ReturnType<typeof startBotHarness>>;

/** Records every answerCallbackQuery, so a test can wait for a press to be fully handled. */
export function recordAnswers(harness: Harness) {
  const answers: { id: string; text?: string; alert?: boolean }[] = [];
  harness.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === 'answerCallbackQuery') {
      const p = payload as { callback_query_id: string; text?: string; show_alert?: boolean };
      answers.push({ id: p.callback_query_id, text: p.text, alert: p.show_alert });
    }
    return prev(method, payload, signal);
  });
  return answers;
}

export interface MessageView {
  text: string;
  inline: { text: string; data: string }[][];
}

/** The current state of a bot message (edits change it in place in the emulator). */
export function messageOf(harness: Harness, messageId: number): MessageView {
  const m = harness.server.storage.botMessages.find((b) => b.messageId === messageId);
  if (!m) throw new Error(`no bot message ${messageId}`);
  const markup = m.message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | string | undefined;
  const parsed =
    typeof markup === 'string' ? (JSON.parse(markup) as { inline_keyboard?: { text: string; callback_data?: string }[][] }) : markup;
  return {
    text: m.message.text,
    inline: (parsed?.inline_keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, data: b.callback_data ?? '' }))),
  };
}

/** A simulated teacher who can press a button and wait until the bot has answered it. */
export function teacherChat(harness: Harness, chat: TestChat, answers: ReturnType<typeof recordAnswers>) {
  return {
    ...chat,
    /** Presses and waits for the callback answer; returns its text and the message as it is then. */
    async tap(data: string, messageId: number, timeoutMs = 5000): Promise<{ answer?: string; alert?: boolean; message: MessageView }> {
      const before = answers.length;
      await chat.press(data, messageId);
      const until = Date.now() + timeoutMs;
      while (answers.length === before) {
        if (Date.now() > until) throw new Error(`no answer to the press of ${data}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      const a = answers[before]!;
      return { answer: a.text, alert: a.alert, message: messageOf(harness, messageId) };
    },
    button(view: { inline: { text: string; data: string }[][] }, label: string | RegExp): string {
      const b = view.inline.flat().find((x) => (typeof label === 'string' ? x.text.includes(label) : label.test(x.text)));
      if (!b) throw new Error(`no button ${label} in ${JSON.stringify(view.inline.flat().map((x) => x.text))}`);
      return b.data;
    },
  };
}

export async function teacherSchool(app: App, policy: Record<string, unknown> = {}) {
  return journalSchool(app, policy);
}

type Clock = ReturnType<typeof manualClock>;
export interface EmulatorSuite {
  app: App;
  harness: Harness;
  answers: ReturnType<typeof recordAnswers>;
}

/**
 * The hooks every emulator suite of the staff flows needs: one app on the test clock, the real
 * bot with `options` against the emulator, answers recorded, the clock back at NOW before each test.
 */
export function emulatorSuite(
  clock: Clock,
  options: (
    app: App,
    clock: Clock,
  ) => { features: ReturnType<typeof teacherFeatures>; stateless?: ReturnType<typeof teacherStatelessFeatures> },
  use: (suite: EmulatorSuite) => void,
): void {
  let suite: EmulatorSuite | undefined;
  beforeAll(async () => {
    const app = await createTestApp({ clock });
    const harness = await startBotHarness(app, options(app, clock));
    suite = { app, harness, answers: recordAnswers(harness) };
    use(suite);
  });
  afterAll(async () => {
    await suite?.harness.stop();
    await suite?.app.stop();
  });
  beforeEach(() => clock.set(NOW));
}
