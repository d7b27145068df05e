import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  asUser,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  emulatorSuite,
  teacherHarnessOptions,
  teacherSchool,
  testClock,
  TODAY,
  type Harness,
} from './teacher-fixture.js';

describe('teacher bot: grades (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function setup(policy: Record<string, unknown> = {}) {
    const s = await teacherSchool(app, policy);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00');
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, s.teacher.id)), answers);
    const msg = await chat.ask('/help');
    await chat.tap(`l1:${lesson.id}`, msg.message_id);
    const card = await chat.reply();
    const grades = async () => (await app.services.journal.getLesson(asUser(s.teacher), lesson.id)).grades;
    return { ...s, lesson, chat, card, grades };
  }

  const labels = (view: { inline: { text: string }[][] }) => view.inline.flat().map((b) => b.text);

  it('gives current grades on the 2–5 scale by taps, several students in a row', async () => {
    const s = await setup({ finalGradeMonths: [5, 12] });
    let step = await s.chat.tap(s.chat.button(s.card, 'Оценки'), s.card.message_id);
    expect(step.message.text).toContain('оценки (текущие)');
    expect(labels(step.message)).not.toContain('Годовая'); // October: final grades are closed
    step = await s.chat.tap(s.chat.button(step.message, 'Иванов'), s.card.message_id);
    expect(step.message.inline[0]!.map((b) => b.text)).toEqual(['5', '4', '3', '2']);
    expect(labels(step.message)).not.toContain('1');
    step = await s.chat.tap(s.chat.button(step.message, '4'), s.card.message_id);
    expect(step.message.text).toContain('Сохранено: Иванов И. — 4');
    expect(labels(step.message)).toContain('Иванов И. · 4');
    step = await s.chat.tap(s.chat.button(step.message, 'Абрамова'), s.card.message_id);
    step = await s.chat.tap(step.message.inline[0]![0]!.data, s.card.message_id);
    const saved = await s.grades();
    expect(saved.map((g) => [g.value, g.kind, g.comment])).toEqual([
      ['4', 'current', null],
      ['5', 'current', null],
    ]);

    // Crafted data: a mark outside the scale, "н/а", and a year grade out of its months.
    const hash = step.message.inline[0]![0]!.data.split(':')[4]!;
    const outOfScale = await s.chat.tap(`gv1:${s.lesson.id}:c:0:${hash}:1`, s.card.message_id);
    expect(outOfScale.answer).toBe('Такой отметки нет в шкале школы.');
    const na = await s.chat.tap(`gv1:${s.lesson.id}:c:0:${hash}:н/а`, s.card.message_id);
    expect(na.answer).toBe('Кнопка устарела. Откройте урок заново.');
    const year = await s.chat.tap(`gv1:${s.lesson.id}:y:0:${hash}:5`, s.card.message_id);
    expect(year.answer).toBe('Итоговые отметки сейчас не выставляются.');
    expect(await s.grades()).toHaveLength(2);
  });

  it('offers 1 on a 1–5 scale and зачёт/незачёт on pass/fail', async () => {
    const five = await setup({ gradeScale: '1-5' });
    let step = await five.chat.tap(`g1:${five.lesson.id}:c`, five.card.message_id);
    step = await five.chat.tap(five.chat.button(step.message, 'Ёлкин'), five.card.message_id);
    expect(step.message.inline[0]!.map((b) => b.text)).toEqual(['5', '4', '3', '2', '1']);
    await five.chat.tap(five.chat.button(step.message, '1'), five.card.message_id);
    expect((await five.grades()).map((g) => g.value)).toEqual(['1']);

    const pf = await setup({ gradeScale: 'pass-fail' });
    step = await pf.chat.tap(`g1:${pf.lesson.id}:c`, pf.card.message_id);
    step = await pf.chat.tap(pf.chat.button(step.message, 'Ёлкин'), pf.card.message_id);
    expect(step.message.inline[0]!.map((b) => b.text)).toEqual(['зачёт', 'незачёт']);
    step = await pf.chat.tap(step.message.inline[0]![1]!.data, pf.card.message_id);
    expect(step.message.text).toContain('Ёлкин Е. — незачёт');
    expect((await pf.grades()).map((g) => g.value)).toEqual(['fail']);
  });

  it('enters a term grade when the policy opens it, with a comment asked again when too long', async () => {
    const s = await setup({ finalGradeMonths: [10] });
    let step = await s.chat.tap(s.chat.button(s.card, 'Оценки'), s.card.message_id);
    expect(labels(step.message)).toEqual(expect.arrayContaining(['• Текущие', '1 четв.', '4 четв.', 'Годовая']));
    step = await s.chat.tap(s.chat.button(step.message, '1 четв.'), s.card.message_id);
    expect(step.message.text).toContain('оценки (за 1 четверть)');
    step = await s.chat.tap(s.chat.button(step.message, 'Иванов'), s.card.message_id);
    await s.chat.tap(s.chat.button(step.message, '5 💬'), s.card.message_id);
    expect((await s.chat.reply()).text).toContain('Комментарий к отметке «5» для Иванов И.');
    expect((await s.chat.ask('x'.repeat(301))).text).toContain('Слишком длинно: 301 символ');
    const done = await s.chat.ask('Отличная <работа>');
    expect(done.text).toContain('Сохранено: Иванов И. — 5');
    expect(done.text).toContain('оценки (за 1 четверть)');
    const [grade] = await s.grades();
    expect(grade).toMatchObject({ value: '5', kind: 'term', term: 1, comment: 'Отличная <работа>' });
  });
});
