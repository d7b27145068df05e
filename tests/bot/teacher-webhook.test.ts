import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { WEBHOOK_PATH } from '../../src/bot/transport.js';
import { createTestApp } from '../helpers/app.js';
import { chatWith, startEmulator } from '../helpers/bot.js';
import { FAST_PATH } from '../helpers/fast-path.js';
import { asUser, linkTelegram, teacherSchool, testClock, TODAY } from './teacher-fixture.js';

const TOKEN = '123456789:AAFakeTokenForWebhookTests_abcdefghij';
const SECRET = 'teacher-webhook-secret';

/**
 * The whole app in webhook mode (the middleware src/app.ts wires), its Bot API calls going to
 * the emulator: which press answers in the webhook reply and which with a request of its own.
 */
describe('teacher presses in webhook mode', () => {
  const clock = testClock();
  let app: App;
  let server: Awaited<ReturnType<typeof startEmulator>>;
  let updateId = 1;

  beforeAll(async () => {
    server = await startEmulator();
    app = await createTestApp({
      clock,
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        PUBLIC_URL: 'https://journal.example.test',
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: server.config.apiURL,
      },
    });
  });
  afterAll(async () => {
    await app.stop();
    await server.stop();
  });

  const press = async (chatId: number, data: string, message: { message_id: number; text?: string; reply_markup?: unknown }) => {
    const res = await app.http!.inject({
      method: 'POST',
      url: WEBHOOK_PATH,
      headers: { 'x-telegram-bot-api-secret-token': SECRET },
      payload: {
        update_id: updateId++,
        callback_query: {
          id: `cq${updateId}`,
          chat_instance: 'c',
          data,
          from: { id: chatId, is_bot: false, first_name: 'T' },
          message: { date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, ...message },
        },
      },
    });
    expect(res.statusCode).toBe(200);
    return res.body ? (JSON.parse(res.body) as { method: string; text?: string }) : null;
  };
  /** The webhook reply carries the answer on the fast path; stock grammY sends it as a request. */
  const inReply = (answer: Record<string, unknown>) => (FAST_PATH ? expect.objectContaining(answer) : null);

  it('answers finished presses in the webhook reply, and a press that asks a question with a request', async () => {
    const s = await teacherSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chatId = await linkTelegram(app, s.teacher.id);
    const chat = chatWith(server, chatId, TOKEN);
    const card = { message_id: 1, text: 'card' };

    // Everyone present: written, then the answer travels in the reply to Telegram.
    expect(await press(chatId, `p1:${lesson.id}`, card)).toEqual(
      inReply({ method: 'answerCallbackQuery', text: 'Сохранено: все присутствуют.' }),
    );
    expect(
      (await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).students.every((st) => st.attendance?.status === 'present'),
    ).toBe(true);

    // A refusal too (another teacher's lesson): an alert, nothing written.
    const colleague = await s.seed.lesson(await s.seed.course(s.group.id, s.colleague.id, 'Физика'), TODAY, '10:00');
    expect(await press(chatId, `p1:${colleague.id}`, card)).toEqual(
      inReply({ method: 'answerCallbackQuery', text: 'Это не ваш урок.', show_alert: true }),
    );

    // «Ввести тему» enters a conversation: its state is stored after the handler, so the answer
    // is a request of its own and the webhook reply stays empty.
    expect(await press(chatId, `t1:${lesson.id}`, card)).toBeNull();
    const question = await chat.reply();
    expect(question.text).toBe('Напишите тему урока (до 500 символов). Отменить — /menu.');
  });
});
