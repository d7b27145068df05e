import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  asUser,
  type recordAnswers,
  teacherChat,
  emulatorSuite,
  teacherHarnessOptions,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';
import { uniqueChatId } from '../helpers/bot.js';

/**
 * The issue's "done when": a teacher linked by a code fills a whole day's journal from the bot,
 * against the emulator, and the journal holds exactly what was entered.
 */
describe('teacher bot: a whole day from linking to the last lesson (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  it('links by code, then fills attendance, topic, homework and grades of every lesson of the day', async () => {
    const s = await teacherSchool(app);
    await s.seed.plan(s.course.id, ['Натуральные числа', 'Дроби']);
    const first = await s.seed.lesson(s.course, TODAY, '09:00');
    const second = await s.seed.lesson(s.course, TODAY, '11:00');
    const { code } = await app.services.access.issueForUser({ kind: 'api', schoolId: s.school.id }, s.school.id, s.teacher.id);
    const chat = teacherChat(harness, harness.chat(uniqueChatId()), answers);

    const linked = await chat.ask(`/start ${code}`);
    expect(linked.text).toContain('Вы подключены как');
    expect(linked.keyboard.flat()).toEqual(['Сегодня', 'Другой день', 'Отчёты']);

    let list = await chat.ask('Сегодня');
    expect(list.text).toContain('1. 09:00 5А, Математика — ⚠️ нет: посещаемости, темы');
    expect(list.text).toContain('2. 11:00 5А, Математика — ⚠️ нет: посещаемости, темы');

    // 09:00: everyone present, the КТП topic in one tap, no homework, a 5 for Абрамова.
    await chat.tap(`l1:${first.id}`, list.message_id);
    let card = await chat.reply();
    let step = await chat.tap(chat.button(card, 'Все присутствуют'), card.message_id);
    expect(step.answer).toBe('Сохранено: все присутствуют.');
    step = await chat.tap(chat.button(step.message, '📘 Натуральные числа'), card.message_id);
    step = await chat.tap(chat.button(step.message, 'Без ДЗ'), card.message_id);
    step = await chat.tap(chat.button(step.message, 'Оценки'), card.message_id);
    step = await chat.tap(chat.button(step.message, 'Абрамова'), card.message_id);
    step = await chat.tap(chat.button(step.message, '5'), card.message_id);
    expect(step.message.text).toContain('Сохранено: Абрамова А. — 5');

    // 11:00: two absent, a typed topic and typed homework.
    await chat.tap(`l1:${second.id}`, list.message_id);
    card = await chat.reply();
    step = await chat.tap(chat.button(card, 'Отметить'), card.message_id);
    step = await chat.tap(chat.button(step.message, 'Иванов'), card.message_id);
    step = await chat.tap(chat.button(step.message, 'Ёлкин'), card.message_id);
    step = await chat.tap(chat.button(step.message, 'Сохранить'), card.message_id);
    expect(step.answer).toBe('Посещаемость сохранена.');
    await chat.tap(chat.button(step.message, 'Ввести тему'), card.message_id);
    await chat.reply();
    const topicCard = await chat.ask('Сложение дробей');
    expect(topicCard.text).toContain('Тема сохранена: Сложение дробей');
    await chat.tap(chat.button(topicCard, 'Домашнее задание'), topicCard.message_id);
    await chat.reply();
    expect((await chat.ask('№ 5, 6')).text).toContain('Домашнее задание сохранено.');

    list = await chat.ask('Сегодня');
    expect(list.text).toContain('1. 09:00 5А, Математика — ✅ заполнен');
    expect(list.text).toContain('2. 11:00 5А, Математика — ✅ заполнен');

    const journal = app.services.journal;
    const [a, b] = await Promise.all([journal.getLesson(asUser(s.teacher), first.id), journal.getLesson(asUser(s.teacher), second.id)]);
    const marks = (v: typeof a) => Object.fromEntries(v.students.map((st) => [st.lastName, st.attendance?.status]));
    expect(marks(a)).toEqual({ Абрамова: 'present', Ёлкин: 'present', Иванов: 'present' });
    expect([a.lesson.topic, a.lesson.homework, a.lesson.homeworkFilledAt !== null]).toEqual(['Натуральные числа', null, true]);
    expect(a.grades.map((g) => [g.studentId, g.value])).toEqual([[s.students.abramova.id, '5']]);
    expect(marks(b)).toEqual({ Абрамова: 'present', Ёлкин: 'absent', Иванов: 'absent' });
    expect([b.lesson.topic, b.lesson.homework]).toEqual(['Сложение дробей', '№ 5, 6']);
  });
});
