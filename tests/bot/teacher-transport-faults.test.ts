import { HttpError } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createBot } from '../../src/bot/index.js';
import { teacherFeatures, teacherStatelessFeatures } from '../../src/bot/features/teacher/index.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { createLogger } from '../../src/logger.js';
import { FAST_PATH } from '../helpers/fast-path.js';
import { createTestApp } from '../helpers/app.js';
import { auditCount } from '../journal/fixture.js';
import { asUser, linkTelegram, NOW, teacherSchool, testClock, TODAY } from './teacher-fixture.js';
import { BOT_INFO } from '../helpers/bot.js';

type Fault = (
  method: string,
) => { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } } | 'timeout' | null;

/**
 * The real bot with its Bot API answered in-process: Telegram's 429 and 5xx and a network
 * timeout, which the emulator cannot produce.
 */
function faultyBot(app: App, clock: ReturnType<typeof testClock>, webhook: boolean) {
  let fault: Fault = () => null;
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const bot = createBot(
    {
      token: '123456:FAKE-TRANSPORT-TOKEN-000000000000000',
      botInfo: BOT_INFO,
      fastPath: FAST_PATH,
      services: { access: app.services.access },
      store: createBotSessionStore(app.db.db),
      logger: createLogger('silent'),
      rethrowUnexpected: webhook,
    },
    {
      features: teacherFeatures({ journal: app.services.journal, schools: app.services.schools, clock }),
      stateless: teacherStatelessFeatures(),
    },
  );
  bot.api.config.use(async (_prev, method, payload) => {
    const f = fault(method);
    if (f === 'timeout')
      throw new HttpError(`Network request for '${method}' failed!`, new Error('The operation was aborted due to timeout'));
    if (f) return f as never;
    calls.push({ method, payload: payload as Record<string, unknown> });
    return {
      ok: true,
      result: method === 'answerCallbackQuery' ? true : { message_id: 500, date: 0, chat: { id: 1, type: 'private' }, text: '' },
    } as never;
  });
  let updateId = 1;
  const press = (chatId: number, data: string) =>
    bot.handleUpdate({
      update_id: updateId++,
      callback_query: {
        id: `cq${updateId}`,
        chat_instance: 'x',
        data,
        from: { id: chatId, is_bot: false, first_name: 'T' },
        message: { message_id: 77, date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, text: 'card' },
      },
    } as never);
  return {
    bot,
    calls,
    press,
    setFault: (f: Fault) => {
      fault = f;
    },
  };
}

describe('teacher bot: Telegram faults (fake transport)', () => {
  const clock = testClock();
  let app: App;

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());
  beforeEach(() => clock.set(NOW));

  async function setup() {
    const s = await teacherSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chatId = await linkTelegram(app, s.teacher.id);
    const present = async () =>
      (await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).students.filter((st) => st.attendance?.status === 'present')
        .length;
    return { ...s, lesson, chatId, present };
  }

  it('keeps the saved attendance when Telegram answers the edit with 429 or 500, and carries on', async () => {
    const s = await setup();
    const fake = faultyBot(app, clock, false);
    fake.setFault((m) =>
      m === 'editMessageText'
        ? { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }
        : null,
    );
    await expect(fake.press(s.chatId, `p1:${s.lesson.id}`)).resolves.toBeUndefined();
    expect(await s.present()).toBe(3);
    // The edit was refused after the save: the spinner is still stopped.
    const stopped = () => fake.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.callback_query_id);
    expect(stopped()).toEqual(['cq2']);

    fake.setFault((m) => (m === 'editMessageText' ? { ok: false, error_code: 502, description: 'Bad Gateway' } : null));
    await expect(fake.press(s.chatId, `a1:${s.lesson.id}`)).resolves.toBeUndefined();
    expect(stopped()).toEqual(['cq2', 'cq3']);

    fake.setFault(() => null);
    await fake.press(s.chatId, `p1:${s.lesson.id}`);
    const answer = fake.calls.filter((c) => c.method === 'answerCallbackQuery').at(-1);
    expect(answer?.payload.text).toBe('Сохранено: все присутствуют.');
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
  });

  it('fails the webhook on a network timeout so Telegram redelivers, and the redelivery is harmless', async () => {
    const s = await setup();
    const fake = faultyBot(app, clock, true);
    fake.setFault((m) => (m === 'editMessageText' ? 'timeout' : null));
    await expect(fake.press(s.chatId, `p1:${s.lesson.id}`)).rejects.toThrow(/timeout|failed/);
    expect(await s.present()).toBe(3); // the write committed before the edit failed
    fake.setFault(() => null);
    await fake.press(s.chatId, `p1:${s.lesson.id}`); // Telegram's redelivery
    expect(await s.present()).toBe(3);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
    expect(fake.calls.some((c) => c.method === 'editMessageText' && String(c.payload.text).includes('все присутствуют'))).toBe(true);
  });
});
