import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { grades } from '../../src/db/schema/index.js';
import { journalSchool } from '../journal/fixture.js';
import { finalSchool } from '../year/final-entry-fixture.js';
import {
  emulatorSuite,
  linkTelegram,
  type MessageView,
  type recordAnswers,
  teacherChat,
  teacherHarnessOptions,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';

const rowOf = (view: MessageView, name: string) => {
  const row = view.inline.find((r) => r[0]?.text.includes(name));
  if (!row) throw new Error(`no row of ${name} in ${JSON.stringify(view.inline)}`);
  return row;
};

describe('teacher bot: the final-grade screen (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;
  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function open(policy: Record<string, unknown> = {}) {
    const s = await finalSchool(app, policy);
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const help = await chat.ask('/help');
    await chat.tap(`f1:${s.course.id}`, help.message_id);
    const screen = await chat.reply();
    const terms = () =>
      app.db.db
        .select()
        .from(grades)
        .where(and(eq(grades.courseId, s.course.id), eq(grades.kind, 'term')));
    return { s, chat, screen, help, terms };
  }

  it('shows averages and suggestions, takes one in a tap and the rest in one more, stored as term grades', async () => {
    const { s, chat, screen, terms } = await open();
    expect(screen.text).toContain('Итоговые отметки: Математика, 5А</b> — 1 четверть');
    expect(screen.text).toContain('Приём отметок: 10 октября – 4 ноября, срок — 22 октября.');
    expect(screen.text).toContain('1. Абрамова А. ⚠ — 3,86 → 4 (2 отметки) · итог: —');
    expect(screen.text).toContain('2. Ёлкин Е. ⚠ — нет отметок · итог: —');
    expect(screen.text).toContain('3. Иванов И. — 4,5 → 5 (3 отметки) · итог: —');
    expect(screen.inline[0]!.map((b) => b.text)).toEqual(['✓ Поставить предложенные (2)']);

    let step = await chat.tap(rowOf(screen, 'Иванов')[1]!.data, screen.message_id);
    expect(step.message.text).toContain('✅ Сохранено: Иванов И. — 5');
    expect(step.message.text).toContain('3. Иванов И. — 4,5 → 5 (3 отметки) · итог: <b>5</b>');
    expect((await terms()).map((g) => [g.studentId, g.value, g.term, g.lessonId])).toEqual([[s.students.ivanov.id, '5', 1, null]]);

    step = await chat.tap(chat.button(step.message, 'Поставить предложенные (1)'), screen.message_id);
    expect(step.message.text).toContain('✅ Поставлена 1 отметка.');
    expect(step.message.text).toContain('⚠ У 1 ученика меньше минимума текущих отметок.');
    expect(step.message.text).toContain('Без предложения остался 1 ученик: выставьте вручную.');

    // Ёлкин has no marks: his name opens the scale; the warning is shown, the mark is accepted.
    step = await chat.tap(rowOf(step.message, 'Ёлкин')[0]!.data, screen.message_id);
    expect(step.message.text).toContain('Текущих отметок за период нет.');
    expect(step.message.text).toContain('⚠ 0 отметок — меньше минимума (3).');
    step = await chat.tap(chat.button(step.message, '3'), screen.message_id);
    expect(step.message.text).toContain('✅ Сохранено: Ёлкин Е. — 3');
    const stored = await terms();
    expect(stored.map((g) => [g.value, g.kind, g.term]).sort()).toEqual([
      ['3', 'term', 1],
      ['4', 'term', 1],
      ['5', 'term', 1],
    ]);
    // A double tap of the same mark writes nothing.
    const again = await chat.tap(rowOf(step.message, 'Ёлкин')[0]!.data, screen.message_id);
    const repeat = await chat.tap(chat.button(again.message, '3'), screen.message_id);
    expect(repeat.answer).toBe('Эта отметка уже стоит.');
    expect(await terms()).toHaveLength(3);
  });

  it('answers forged, stale and out-of-window presses and writes nothing', async () => {
    const { s, chat, screen, help, terms } = await open();
    const hash = screen.inline[1]![0]!.data.split(':')[4]!;
    const colleague = teacherChat(harness, harness.chat(await linkTelegram(app, s.colleague.id)), answers);
    const theirs = await colleague.ask('/help');
    expect((await colleague.tap(`f1:${s.course.id}`, theirs.message_id)).answer).toBe('Это не ваш предмет.');
    expect((await colleague.tap(`fv1:${s.course.id}:1:0:${hash}:5`, theirs.message_id)).answer).toBe('Это не ваш предмет.');
    expect((await chat.tap('f1:2000000000', help.message_id)).answer).toBe('Предмет не найден.');
    const other = await journalSchool(app);
    expect((await chat.tap(`f1:${other.course.id}`, help.message_id)).answer).toBe('Предмет не найден.');
    expect((await chat.tap('f1:abc', help.message_id)).answer).toBe('Кнопка устарела. Откройте урок заново.');
    expect((await chat.tap(`fv1:${s.course.id}:1:0:${hash}:н`, screen.message_id)).answer).toBe('Кнопка устарела. Откройте урок заново.');
    expect((await chat.tap(`fv1:${s.course.id}:1:0:zzzz:5`, screen.message_id)).answer).toBe(
      'Кнопка устарела. Откройте итоговые оценки заново.',
    );
    expect((await chat.tap(`fv1:${s.course.id}:1:9:${hash}:5`, screen.message_id)).answer).toBe(
      'Кнопка устарела. Откройте итоговые оценки заново.',
    );
    expect((await chat.tap(`fa1:${s.course.id}:1:zzzz`, screen.message_id)).answer).toBe(
      'Кнопка устарела. Откройте итоговые оценки заново.',
    );

    // The next quarter has begun: term 1 is closed; the screen shows term 2, not open yet.
    clock.set('2026-11-05T09:00:00Z');
    const closed = await chat.tap(`fv1:${s.course.id}:1:0:${hash}:5`, screen.message_id);
    expect(closed.answer).toBe('Итоговые отметки за этот период принимаются с 10 октября по 4 ноября — ничего не сохранено.');
    await chat.tap(`f1:${s.course.id}`, help.message_id);
    const later = await chat.reply();
    expect(later.text).toContain('— 2 четверть');
    expect(later.text).toContain('🔒 Приём отметок откроется 14 декабря.');
    expect(later.inline.flat()).toEqual([]);
    expect(await terms()).toEqual([]);
  });

  it('under the rule "refuse" leaves students under the minimum out, and their buttons refuse', async () => {
    const { s, chat, screen, terms } = await open({ minCurrentGradesRule: 'refuse' });
    expect(screen.text).toContain('у кого меньше — ⛔ итоговую поставить нельзя');
    expect(rowOf(screen, 'Абрамова').map((b) => b.text)).toEqual(['1. Абрамова А. ⛔']);
    const hash = screen.inline[1]![0]!.data.split(':')[4]!;
    const refused = await chat.tap(`fv1:${s.course.id}:1:0:${hash}:4`, screen.message_id);
    expect(refused.answer).toBe('У ученика 2 отметки за период, а нужно не меньше 3 — итоговую поставить нельзя.');
    const taken = await chat.tap(chat.button(screen, 'Поставить предложенные (1)'), screen.message_id);
    expect(taken.message.text).toContain('Без предложения осталось 2 ученика');
    expect((await terms()).map((g) => g.studentId)).toEqual([s.students.ivanov.id]);
  });

  it('on a lesson, a term grade shows the period marks and takes the suggestion in one tap', async () => {
    const { s, chat, help } = await open();
    const lesson = await s.seed.lesson(s.course, TODAY, '10:00');
    await chat.tap(`l1:${lesson.id}`, help.message_id);
    const card = await chat.reply();
    let step = await chat.tap(chat.button(card, 'Оценки'), card.message_id);
    const labels = step.message.inline.flat().map((b) => b.text);
    expect(labels).toEqual(expect.arrayContaining(['1 четв.', '🏁 Итоговые оценки']));
    expect(labels).not.toContain('2 четв.');
    expect(labels).not.toContain('Годовая');
    step = await chat.tap(chat.button(step.message, '1 четв.'), card.message_id);
    expect(chat.button(step.message, 'Абрамова А. ⚠')).toBeTruthy();
    step = await chat.tap(chat.button(step.message, 'Абрамова'), card.message_id);
    expect(step.message.text).toContain('Текущие отметки: 3 (Контрольная работа), 5 (Лабораторная работа)');
    expect(step.message.text).toContain('Средний балл: 3,86 → предлагается <b>4</b>');
    expect(step.message.inline[0]!.map((b) => b.text)).toEqual(['✓ 4']);
    step = await chat.tap(step.message.inline[0]![0]!.data, card.message_id);
    expect(step.message.text).toContain('Сохранено: Абрамова А. — 4');
    expect(step.message.text).toContain('⚠ 2 отметки — меньше минимума (3).');
    const [grade] = await app.db.db
      .select()
      .from(grades)
      .where(and(eq(grades.lessonId, lesson.id), eq(grades.kind, 'term')));
    expect(grade).toMatchObject({ value: '4', term: 1, studentId: s.students.abramova.id });
  });

  it('a class of 25 where most take the suggestion takes at most 40 taps', async () => {
    const { s, chat, help } = await open();
    const lessons = [s.lessons.control, s.lessons.plain, s.lessons.other];
    const kids = [];
    for (let k = 0; k < 22; k++) kids.push(await s.seed.student(s.group.id, { lastName: `Ученик${String(k).padStart(2, '0')}` }));
    for (const [n, lesson] of lessons.entries())
      await app.services.journal.addGrades(
        s.api,
        lesson.id,
        kids.map((kid, i) => ({ studentId: kid.id, value: String(2 + ((i + n) % 4)) })),
      );
    let taps = 0;
    const tap = async (data: string, messageId: number) => {
      taps++;
      return chat.tap(data, messageId);
    };
    await tap(`f1:${s.course.id}`, help.message_id);
    const screen = await chat.reply();
    let step = await tap(chat.button(screen, 'Поставить предложенные (24)'), screen.message_id);
    // Ёлкин has no marks: his name, then a mark.
    step = await tap(rowOf(step.message, 'Ёлкин')[0]!.data, screen.message_id);
    step = await tap(chat.button(step.message, '4'), screen.message_id);
    const sheet = await app.services.journal.finalSheet(s.api, s.course.id);
    expect(sheet.students).toHaveLength(25);
    expect(sheet.students.every((x) => x.final !== null)).toBe(true);
    expect(taps).toBe(4);
    expect(taps).toBeLessThanOrEqual(40);
  });
});
