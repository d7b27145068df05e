import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { lessons, planItems } from '../../src/db/schema/index.js';
import { auditCount } from '../journal/fixture.js';
import {
  asUser,
  emulatorSuite,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  teacherHarnessOptions,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';

describe('teacher bot: «Всё по плану», the typical lesson in one tap (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function setup(planWorkType: string | null = null) {
    const s = await teacherSchool(app);
    const [item] = await s.seed.plan(s.course.id, ['Натуральные числа', 'Дроби']);
    await app.db.db.update(planItems).set({ workType: planWorkType }).where(eq(planItems.id, item!.id));
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const msg = await chat.ask('/help');
    await chat.tap(`l1:${lesson.id}`, msg.message_id);
    const card = await chat.reply();
    const view = () => app.services.journal.getLesson(asUser(s.teacher), lesson.id);
    return { ...s, item: item!, lesson, chat, card, msg, view };
  }

  it('fills the card in one tap, brings the plan’s work type, and any part is then edited as usual', async () => {
    const s = await setup('lab');
    expect(s.chat.button(s.card, 'Всё по плану')).toBe(`ap1:${s.lesson.id}`);
    const tap = await s.chat.tap(`ap1:${s.lesson.id}`, s.card.message_id);
    expect(tap.message.text).toContain('Всё по плану: все присутствуют, тема по КТП, без ДЗ.');
    expect(tap.message.text).toContain('Посещаемость: все присутствуют');
    expect(tap.message.text).toContain('Тема: Натуральные числа');
    expect(tap.message.text).toContain('ДЗ: без домашнего задания');
    expect(tap.message.inline.flat().some((b) => b.text.includes('Всё по плану'))).toBe(false);

    const view = await s.view();
    expect(view.students.map((st) => st.attendance?.status)).toEqual(['present', 'present', 'present']);
    expect(view.lesson).toMatchObject({ topic: 'Натуральные числа', planItemId: s.item.id, homework: null, workType: 'lab' });
    expect(view.lesson.homeworkFilledAt).not.toBeNull();
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
    expect(await auditCount(app, s.school.id, 'lesson_topic')).toBe(1);
    expect(await auditCount(app, s.school.id, 'lesson_homework')).toBe(1);

    // Undo by editing: the usual buttons are on the redrawn card.
    for (const label of ['Отметить', 'Ввести тему', 'Без ДЗ']) s.chat.button(tap.message, label);
    const marked = await s.chat.tap(s.chat.button(tap.message, 'Отметить'), s.card.message_id);
    const toggled = await s.chat.tap(s.chat.button(marked.message, 'Иванов'), s.card.message_id);
    await s.chat.tap(s.chat.button(toggled.message, /Сохранить/), s.card.message_id);
    const after = await s.view();
    expect(after.students.find((st) => st.id === s.students.ivanov.id)!.attendance!.status).not.toBe('present');
  });

  it('from a reminder sends the filled card as a new message and leaves the reminder', async () => {
    const s = await setup();
    const tap = await s.chat.tap(`ap1:${s.lesson.id}:r`, s.msg.message_id);
    expect(tap.message.text).not.toContain('Всё по плану');
    const card = await s.chat.reply();
    expect(card.text).toContain('Всё по плану: все присутствуют');
    expect(card.text).toContain('Тема: Натуральные числа');
    expect((await s.view()).lesson.attendanceFilledAt).not.toBeNull();
  });

  it('keeps marks already saved and says so', async () => {
    const s = await setup();
    await app.services.journal.saveAttendance(asUser(s.teacher), s.lesson.id, {
      marks: [{ studentId: s.students.yolkin.id, status: 'sick' }],
    });
    const tap = await s.chat.tap(`ap1:${s.lesson.id}`, s.card.message_id);
    expect(tap.message.text).toContain('Посещаемость уже была отмечена — отметки сохранены как есть.');
    const view = await s.view();
    expect(view.students.find((st) => st.id === s.students.yolkin.id)!.attendance!.status).toBe('sick');
    expect(view.lesson.topic).toBe('Натуральные числа');
  });

  it("refuses forged data, another teacher's lesson, a cancelled lesson and an empty КТП, writing nothing", async () => {
    const s = await setup();
    const colleagueCourse = await s.seed.course(s.group.id, s.colleague.id, 'Физика');
    const foreign = await s.seed.lesson(colleagueCourse, TODAY, '10:00');
    for (const data of ['ap1:x', `ap1:${s.lesson.id}:q`, 'ap1:2147483648', `ap2:${s.lesson.id}`]) {
      const r = await s.chat.tap(data, s.msg.message_id);
      expect(r.answer, data).toMatch(/Кнопка устарела|Урок не найден/);
    }
    for (const data of [`ap1:${foreign.id}`, `ap1:${foreign.id}:r`]) {
      const r = await s.chat.tap(data, s.msg.message_id);
      expect(r.answer, data).toBe('Это не ваш урок.');
    }
    const bare = await s.seed.course(s.group.id, s.teacher.id, 'История');
    const noPlan = await s.seed.lesson(bare, TODAY, '11:00');
    expect((await s.chat.tap(`ap1:${noPlan.id}`, s.msg.message_id)).answer).toBe(
      'В КТП не осталось темы для этого урока — укажите тему вручную.',
    );
    await app.db.db.update(lessons).set({ status: 'cancelled' }).where(eq(lessons.id, s.lesson.id));
    expect((await s.chat.tap(`ap1:${s.lesson.id}`, s.card.message_id)).answer).toBe('Урок отменён — ничего не сохранено.');
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);
    expect(await auditCount(app, s.school.id, 'lesson_topic')).toBe(0);
    expect(await auditCount(app, s.school.id, 'lesson_homework')).toBe(0);
  });
});
