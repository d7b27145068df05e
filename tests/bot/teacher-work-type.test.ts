import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { grades, planItems } from '../../src/db/schema/index.js';
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

describe('teacher bot: the work type of a lesson (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function setup(planWorkType: string | null = null) {
    const s = await teacherSchool(app);
    const [item] = await s.seed.plan(s.course.id, ['Лабораторная работа «Маятник»']);
    await app.db.db.update(planItems).set({ workType: planWorkType }).where(eq(planItems.id, item!.id));
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00', { planItemId: item!.id, topic: item!.topic });
    const chatId = await linkTelegram(app, s.teacher.id);
    const chat = teacherChat(harness, harness.chat(chatId), answers);
    const msg = await chat.ask('/help');
    await chat.tap(`l1:${lesson.id}`, msg.message_id);
    const card = await chat.reply();
    const stored = async () => (await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).lesson.workType;
    return { ...s, chatId, lesson, chat, card, msg, stored };
  }

  it('«Вид работы» opens the school’s types; one tap sets it, returns to the card, and the lesson’s grades take it', async () => {
    const s = await setup();
    await app.services.journal.addGrades(asUser(s.teacher), s.lesson.id, [{ studentId: s.students.ivanov.id, value: '5' }]);
    // The card's other buttons stay where they were.
    for (const label of ['Все присутствуют', 'Ввести тему', 'Без ДЗ', 'Оценки', 'Уроки дня']) s.chat.button(s.card, label);
    expect(s.card.text).not.toContain('Вид работы:');

    const picker = await s.chat.tap(s.chat.button(s.card, 'Вид работы'), s.card.message_id);
    expect(picker.message.text).toContain('Вид работы</b> — Математика, 5А');
    const labels = picker.message.inline.flat().map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(['Контрольная работа', 'Лабораторная работа', 'Тест', '✓ Обычный урок', '‹ Назад']));
    expect(picker.message.inline.flat().find((b) => b.text === 'Лабораторная работа')!.data).toBe(`wt1:${s.lesson.id}:lab`);

    const set = await s.chat.tap(`wt1:${s.lesson.id}:lab`, s.card.message_id);
    expect(set.message.text).toContain('✅ Вид работы: Лабораторная работа.');
    expect(set.message.text).toContain('Вид работы: Лабораторная работа');
    expect(set.message.inline.flat().some((b) => b.text.includes('Ввести тему'))).toBe(true);
    expect(await s.stored()).toBe('lab');
    const marks = await app.db.db.select().from(grades).where(eq(grades.lessonId, s.lesson.id));
    expect(marks.map((g) => g.workType)).toEqual(['lab']);

    // Back to an ordinary lesson from the same keyboard; the current choice is ticked.
    const again = await s.chat.tap(`w1:${s.lesson.id}`, s.card.message_id);
    expect(again.message.inline.flat().map((b) => b.text)).toContain('✓ Лабораторная работа');
    const plain = await s.chat.tap(`wt1:${s.lesson.id}:-`, s.card.message_id);
    expect(plain.message.text).toContain('Отмечено как обычный урок.');
    expect(await s.stored()).toBeNull();
    expect((await app.db.db.select().from(grades).where(eq(grades.lessonId, s.lesson.id))).map((g) => g.workType)).toEqual([null]);
  });

  it('shows the КТП item’s type on the card as a one-tap suggestion', async () => {
    const s = await setup('lab');
    expect(s.card.text).toContain('По КТП это лабораторная работа — отметьте одной кнопкой ниже.');
    const data = s.chat.button(s.card, '✅ Лабораторная работа');
    expect(data).toBe(`wt1:${s.lesson.id}:lab`);
    const tap = await s.chat.tap(data, s.card.message_id);
    expect(tap.message.text).toContain('Вид работы: Лабораторная работа');
    expect(tap.message.text).not.toContain('По КТП это');
    expect(await s.stored()).toBe('lab');
  });

  it('refuses a forged code, another teacher’s lesson and tampered data, and writes nothing', async () => {
    const s = await setup();
    const foreign = await s.seed.lesson(await s.seed.course(s.group.id, s.colleague.id, 'Физика'), TODAY, '10:00');
    const unknown = await s.chat.tap(`wt1:${s.lesson.id}:nosuch`, s.card.message_id);
    expect(unknown.answer).toBe('Такого вида работы нет в списке школы — ничего не сохранено. Откройте урок заново.');
    for (const data of [`wt1:${foreign.id}:lab`, `w1:${foreign.id}`]) {
      const r = await s.chat.tap(data, s.card.message_id);
      expect(r.answer, data).toBe('Это не ваш урок.');
    }
    for (const data of [
      `wt1:${s.lesson.id}:LAB`,
      `wt1:${s.lesson.id}:lab:x`,
      `wt1:${s.lesson.id}:${'a'.repeat(33)}`,
      'wt1:99999999999:lab',
    ]) {
      const r = await s.chat.tap(data, s.card.message_id);
      expect(r.answer, data).toBe('Кнопка устарела. Откройте урок заново.');
    }
    expect(await s.stored()).toBeNull();
    expect((await app.services.journal.getLesson(asUser(s.colleague), foreign.id)).lesson.workType).toBeNull();
    expect(await auditCount(app, s.school.id, 'lesson_work_type')).toBe(0);

    // Past the edit window the press explains and writes nothing.
    clock.set('2026-10-17T07:00:00Z');
    const late = await s.chat.tap(`wt1:${s.lesson.id}:lab`, s.card.message_id);
    expect(late.answer).toBe('Срок редактирования этого урока истёк — ничего не сохранено.');
    expect(await s.stored()).toBeNull();
  });

  it('names the types in English, and a school’s own type by its name', async () => {
    const s = await setup();
    await app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, {
      workTypes: [
        { code: 'lab', name: 'Лабораторная работа', weight: 1.5, report: 'laboratory' },
        { code: 'project', name: 'Защита проекта', weight: 2, report: 'practical' },
      ],
    });
    await app.services.access.setLocale(s.chatId, 'en');
    const picker = await s.chat.tap(`w1:${s.lesson.id}`, s.card.message_id);
    expect(picker.message.inline.flat().map((b) => b.text)).toEqual(['Laboratory work', 'Защита проекта', '✓ Ordinary lesson', '‹ Back']);
    const set = await s.chat.tap(`wt1:${s.lesson.id}:project`, s.card.message_id);
    expect(set.message.text).toContain('Work type: Защита проекта');
  });
});
