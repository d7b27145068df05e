import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { startBotHarness, startEmulator } from '../helpers/bot.js';
import {
  asUser,
  linkTelegram,
  recordAnswers,
  teacherChat,
  emulatorSuite,
  teacherHarnessOptions,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';

describe('teacher bot: topic and homework (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function setup() {
    const s = await teacherSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chatId = await linkTelegram(app, s.teacher.id);
    const chat = teacherChat(harness, harness.chat(chatId), answers);
    const msg = await chat.ask('/help');
    await chat.tap(`l1:${lesson.id}`, msg.message_id);
    const card = await chat.reply();
    const stored = async () => (await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).lesson;
    return { ...s, chatId, lesson, chat, card, stored };
  }

  it('takes the next КТП topic in one tap and then offers the one after it', async () => {
    const s = await teacherSchool(app);
    await s.seed.plan(s.course.id, ['Натуральные числа', 'Дроби <и> доли & проценты']);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const msg = await chat.ask('/help');
    await chat.tap(`open:${lesson.id}`, msg.message_id);
    const card = await chat.reply();
    expect(card.text).toContain('Следующая тема по КТП: <i>Натуральные числа</i>');
    const tap = await chat.tap(chat.button(card, '📘 Натуральные числа'), card.message_id);
    expect(tap.message.text).toContain('Тема сохранена: Натуральные числа');
    expect((await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).lesson.topic).toBe('Натуральные числа');

    const next = await s.seed.lesson(s.course, TODAY, '11:00');
    await chat.tap(`l1:${next.id}`, msg.message_id);
    const nextCard = await chat.reply();
    // Escaped in the text, plain in the button label.
    expect(nextCard.text).toContain('<i>Дроби &lt;и&gt; доли &amp; проценты</i>');
    expect(chat.button(nextCard, '📘 Дроби <и> доли & проценты')).toMatch(/^k1:/);
  });

  it('re-asks for an empty or too long topic, escapes what it shows back, and saves the typed one', async () => {
    const s = await setup();
    await s.chat.tap(s.chat.button(s.card, 'Ввести тему'), s.card.message_id);
    expect((await s.chat.reply()).text).toBe('Напишите тему урока (до 500 символов). Отменить — /menu.');
    expect((await s.chat.ask('   ')).text).toBe('Сообщение пустое. Напишите текст ещё раз.');
    expect((await s.chat.ask('я'.repeat(501))).text).toBe(
      'Слишком длинно: 501 символ, а можно не больше 500. Сократите и отправьте ещё раз.',
    );
    const saved = await s.chat.ask('  Уравнения <script>alert(1)</script> & корни ');
    expect(saved.text).toContain('Тема сохранена: Уравнения &lt;script&gt;alert(1)&lt;/script&gt; &amp; корни');
    expect(saved.text).toContain('Тема: Уравнения &lt;script&gt;');
    expect((await s.stored()).topic).toBe('Уравнения <script>alert(1)</script> & корни');
    // The conversation is over: the next text is not a topic.
    expect((await s.chat.ask('ещё текст')).text).toBe('Не понял сообщение. Выберите действие в меню.');
  });

  it('«Без ДЗ» in one tap; typed homework; a menu button leaves the question', async () => {
    const s = await setup();
    const none = await s.chat.tap(s.chat.button(s.card, 'Без ДЗ'), s.card.message_id);
    expect(none.message.text).toContain('ДЗ: без домашнего задания');
    expect((await s.stored()).homeworkFilledAt).not.toBeNull();
    expect((await s.stored()).homework).toBeNull();

    await s.chat.tap(s.chat.button(s.card, 'Домашнее задание'), s.card.message_id);
    await s.chat.reply();
    const list = await s.chat.ask('Сегодня'); // leaves the question; the button works as usual
    expect(list.text).toContain('Уроки — среда');
    expect((await s.chat.ask('№ 12, 14')).text).toBe('Не понял сообщение. Выберите действие в меню.');
    expect((await s.stored()).homework).toBeNull();

    await s.chat.tap(s.chat.button(s.card, 'Домашнее задание'), s.card.message_id);
    await s.chat.reply();
    const hw = await s.chat.ask('№ 12, 14 (стр. 40)');
    expect(hw.text).toContain('Домашнее задание сохранено.');
    expect((await s.stored()).homework).toBe('№ 12, 14 (стр. 40)');
  });

  it('resumes a question left open until the next day, and refuses it once the edit window is over', async () => {
    const s = await setup();
    await s.chat.tap(s.chat.button(s.card, 'Ввести тему'), s.card.message_id);
    await s.chat.reply();
    clock.set('2026-10-15T07:00:00Z'); // next morning: still in the one-day window
    const saved = await s.chat.ask('Повторение');
    expect(saved.text).toContain('Тема сохранена: Повторение');
    expect((await s.stored()).topic).toBe('Повторение');

    await s.chat.tap(s.chat.button(s.card, 'Домашнее задание'), s.card.message_id);
    await s.chat.reply();
    clock.set('2026-10-17T07:00:00Z');
    const refused = await s.chat.ask('№ 1');
    expect(refused.text).toBe('Срок редактирования этого урока истёк — ничего не сохранено.');
    expect((await s.stored()).homework).toBeNull();
  });

  it('continues a question in another bot process over the same store', async () => {
    const server = await startEmulator();
    try {
      const s = await teacherSchool(app);
      const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
      const chatId = await linkTelegram(app, s.teacher.id);
      const first = await startBotHarness(app, { ...teacherHarnessOptions(app, clock), server });
      const chat1 = teacherChat(first, first.chat(chatId), recordAnswers(first));
      const msg = await chat1.ask('/help');
      await chat1.tap(`t1:${lesson.id}`, msg.message_id);
      expect((await chat1.reply()).text).toContain('Напишите тему урока');
      await first.stop();

      const second = await startBotHarness(app, { ...teacherHarnessOptions(app, clock), server });
      try {
        const chat2 = second.chat(chatId);
        expect((await chat2.ask('')).text).toBe('Сообщение пустое. Напишите текст ещё раз.');
        expect((await chat2.ask('Делимость')).text).toContain('Тема сохранена: Делимость');
        expect((await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).lesson.topic).toBe('Делимость');
      } finally {
        await second.stop();
      }
    } finally {
      await server.stop();
    }
  });

  it('speaks English to a teacher who chose it', async () => {
    const s = await setup();
    await app.services.access.setLocale(s.chatId, 'en');
    const list = await s.chat.ask('Today');
    expect(list.text).toContain('<b>Lessons — Wednesday 14 October</b>');
    expect(list.text).toContain('missing: attendance, topic');
    const tap = await s.chat.tap(`p1:${s.lesson.id}`, list.message_id);
    expect(tap.answer).toBe('Saved: everyone present.');
  });
});
