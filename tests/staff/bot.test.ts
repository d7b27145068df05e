import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  emulatorSuite,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  teacherHarnessOptions,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from '../bot/teacher-fixture.js';
import { uniqueChatId } from '../helpers/bot.js';

const CLOSED = /^Ваш доступ к журналу закрыт школой «Школа \d+»\. Если это ошибка, обратитесь к администратору школы\.$/;

describe('staff leaving in the bot (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  it('a deactivated teacher gets a clear answer to an old lesson-card button and to text, and nothing changes', async () => {
    const s = await teacherSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chatId = await linkTelegram(app, s.teacher.id);
    const chat = teacherChat(harness, harness.chat(chatId), answers);

    const list = await chat.ask('Сегодня');
    await chat.tap(`l1:${lesson.id}`, list.message_id);
    const card = await chat.reply();
    const allPresent = chat.button(card, 'Все присутствуют');

    await app.services.staff.deactivate(s.api, s.school.id, s.teacher.id, { reason: 'увольнение' });

    // The card drawn before: «Все присутствуют» is refused with the clear answer and writes nothing.
    const press = await chat.tap(allPresent, card.message_id);
    expect(press.answer).toMatch(CLOSED);
    expect(press.alert).toBe(true);
    expect((await chat.tap(`l1:${lesson.id}`, list.message_id)).answer).toMatch(CLOSED);
    const view = await app.services.journal.getLesson(s.api, lesson.id);
    expect(view.lesson.attendanceFilledAt).toBeNull();
    expect(view.students.every((st) => st.attendance === null)).toBe(true);

    // Typed text and the menu button get the same answer, and the menu keyboard is taken away.
    const typed = await chat.ask('Сегодня');
    expect(typed.text).toMatch(CLOSED);
    expect(await chat.silence(200)).toBe(true);
    expect((await chat.ask('добрый день')).text).toMatch(CLOSED);

    // /help still answers (as for anyone not linked); the account stays unlinked.
    expect((await chat.ask('/help')).text).toContain('/start');
    expect(await app.services.access.identify(chatId)).toEqual([]);

    // Reactivated and linked again with a new code: the bot works for them as before.
    await app.services.staff.reactivate(s.api, s.school.id, s.teacher.id);
    const { code } = await app.services.access.issueForUser(s.api, s.school.id, s.teacher.id);
    expect((await chat.ask(`/start ${code}`)).text).toContain('Вы подключены как');
    expect((await chat.ask('Сегодня')).text).toContain('09:00 5А, Математика');
  });

  it('after a handover the new teacher sees the lessons in «Сегодня» and the old one does not', async () => {
    const s = await teacherSchool(app);
    await s.seed.lesson(s.course, TODAY, '10:00');
    const oldChat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const newChat = teacherChat(harness, harness.chat(await linkTelegram(app, s.colleague.id, uniqueChatId())), answers);
    const before = await oldChat.ask('Сегодня');
    expect(before.text).toContain('1. 10:00 5А, Математика');
    expect((await newChat.ask('Сегодня')).text).toContain('уроков нет');

    const res = await app.services.staff.handover(s.api, s.course.id, { teacherId: s.colleague.id, from: TODAY });
    expect(res.moved).toHaveLength(1);

    const mine = await newChat.ask('Сегодня');
    expect(mine.text).toContain('1. 10:00 5А, Математика — ⚠️ нет: посещаемости, темы');
    expect((await oldChat.ask('Сегодня')).text).toContain('уроков нет');
    // The old teacher's button from before the handover is refused.
    const stale = await oldChat.tap(`l1:${res.moved[0]!.lessonId}`, before.message_id);
    expect(stale).toMatchObject({ alert: true, answer: 'Это не ваш урок.' });
  });
});
