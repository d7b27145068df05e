import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import {
  deputyHarnessOptions,
  deputySchool,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  testClock,
  type Harness,
} from './deputy-fixture.js';
import { emulatorSuite } from './teacher-fixture.js';

describe('deputy bot: compliance summary (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, deputyHarnessOptions, (s) => ({ app, harness, answers } = s));

  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);

  it('shows today, then the week and the month with exact figures, worst first, names escaped', async () => {
    const s = await deputySchool(app);
    const chat = await chatOf(s.deputy.id);

    const menu = await chat.ask('/menu');
    expect(menu.keyboard.flat()).toEqual(['Контроль', 'Отчёты']);

    const day = await chat.ask('Контроль');
    expect(day.text.split('\n')).toEqual([
      '<b>Контроль журнала — сегодня, среда, 14 октября</b>',
      'Срок заполнения — 17:00 в день урока. Данные на 14 октября, 12:00.',
      'Всего 1 урок: ✅ 0 · ⏰ 0 · ❌ 0 · 🕒 1. Срок не наступил',
      '✅ вовремя · ⏰ с опозданием · ❌ не заполнено · 🕒 срок не наступил',
      '',
      '1. <b>Смирнова М.</b> — срок не наступил',
      '      1 урок: ✅ 0 · ⏰ 0 · ❌ 0 · 🕒 1',
    ]);
    expect(day.inline.map((row) => row.map((b) => b.data))).toEqual([['cp1:d:0', 'cp1:w:0', 'cp1:m:0'], ['rp1']]);
    expect(day.inline[0]![0]!.text).toBe('• Сегодня');

    const week = await chat.tap('cp1:w:0', day.message_id);
    expect(week.answer).toBeUndefined();
    expect(week.message.text.split('\n')).toEqual([
      '<b>Контроль журнала — неделя 12 октября – 18 октября</b>',
      'Срок заполнения — 17:00 в день урока. Данные на 14 октября, 12:00.',
      'Всего 6 уроков: ✅ 3 · ⏰ 1 · ❌ 1 · 🕒 1. Вовремя 60%',
      '✅ вовремя · ⏰ с опозданием · ❌ не заполнено · 🕒 срок не наступил',
      '',
      '1. <b>Смирнова М.</b> — вовремя 33%',
      '      4 урока: ✅ 1 · ⏰ 1 · ❌ 1 · 🕒 1',
      '2. <b>Кузнецов М.</b> — вовремя 100%',
      '      2 урока: ✅ 2 · ⏰ 0 · ❌ 0',
    ]);
    expect(week.message.inline[0]!.map((b) => b.text)).toEqual(['Сегодня', '• Неделя', 'Месяц']);

    const month = await chat.tap('cp1:m:0', day.message_id);
    const lines = month.message.text.split('\n');
    expect(lines[0]).toBe('<b>Контроль журнала — октябрь 2026 г.</b>');
    expect(lines[2]).toBe('Всего 8 уроков: ✅ 4 · ⏰ 2 · ❌ 1 · 🕒 1. Вовремя 57%');
    expect(lines.slice(5)).toEqual([
      '1. <b>Смирнова М.</b> — вовремя 33%',
      '      4 урока: ✅ 1 · ⏰ 1 · ❌ 1 · 🕒 1',
      '2. <b>Кузнецов М.</b> — вовремя 67%',
      '      3 урока: ✅ 2 · ⏰ 1 · ❌ 0',
      '3. <b>Тест&lt;b&gt; &amp;.</b> — вовремя 100%',
      '      1 урок: ✅ 1 · ⏰ 0 · ❌ 0',
    ]);

    // /compliance is the same screen; the day's lesson filled now moves to on time.
    await app.services.journal.saveAttendance(
      { kind: 'user', userId: s.teacher.id, schoolId: s.school.id, roles: ['teacher'] },
      s.lessons.wedPending.id,
      { allPresent: true },
    );
    await app.services.journal.setTopic(
      { kind: 'user', userId: s.teacher.id, schoolId: s.school.id, roles: ['teacher'] },
      s.lessons.wedPending.id,
      { topic: 'Дроби' },
    );
    const again = await chat.ask('/compliance');
    expect(again.text).toContain('Всего 1 урок: ✅ 1 · ⏰ 0 · ❌ 0 · 🕒 0. Вовремя 100%');
  });

  it('pages a long list ten teachers at a time', async () => {
    const { school } = await createSchool(app);
    const seed = seeder(app, school.id);
    const deputy = await seed.user(['director'], { lastName: 'Директорова' });
    const group = await seed.group('7Б');
    for (let i = 1; i <= 12; i++) {
      const teacher = await seed.user(['teacher'], { lastName: `Учитель${String(i).padStart(2, '0')}` });
      const course = await seed.course(group.id, teacher.id, `Предмет ${i}`);
      await seed.lesson(course, '2026-10-13', '09:00');
    }
    const chat = await chatOf(deputy.id);
    const first = await chat.ask('Контроль');
    const week = await chat.tap('cp1:w:0', first.message_id);
    expect(week.message.text).toContain('Всего 12 уроков: ✅ 0 · ⏰ 0 · ❌ 12 · 🕒 0. Вовремя 0%');
    expect(week.message.text).toContain('1. <b>Учитель01 М.</b> — вовремя 0%');
    expect(week.message.text).toContain('10. <b>Учитель10 М.</b>');
    expect(week.message.text).not.toContain('11. ');
    expect(week.message.text).toContain('Страница 1 из 2');
    expect(week.message.inline[0]!.map((b) => b.data)).toEqual(['cp1:w:1']);

    const second = await chat.tap('cp1:w:1', first.message_id);
    expect(second.message.text).toContain('11. <b>Учитель11 М.</b>');
    expect(second.message.text).toContain('12. <b>Учитель12 М.</b>');
    expect(second.message.text).toContain('Страница 2 из 2');
    expect(second.message.inline[0]!.map((b) => b.data)).toEqual(['cp1:w:0']);
    // A page past the end shows the last one.
    const past = await chat.tap('cp1:w:9', first.message_id);
    expect(past.message.text).toContain('Страница 2 из 2');
  });

  it('refuses the screens to teachers and answers tampered data as stale', async () => {
    const s = await deputySchool(app);
    const teacher = await chatOf(s.teacher.id);
    expect((await teacher.ask('/compliance')).text).toBe('Этот раздел доступен заместителю директора, директору и администратору.');
    const list = await teacher.ask('Сегодня');
    const pressed = await teacher.tap('cp1:w:0', list.message_id);
    expect(pressed).toMatchObject({ answer: 'Этот раздел доступен заместителю директора, директору и администратору.', alert: true });
    expect(pressed.message.text).toBe(list.text); // the list was not replaced

    const deputy = await chatOf(s.deputy.id);
    const screen = await deputy.ask('Контроль');
    for (const data of ['cp1:x:0', 'cp1:w:100', 'cp1:w:01', 'cp2:w:0']) {
      const r = await deputy.tap(data, screen.message_id);
      expect(r).toMatchObject({ answer: 'Кнопка устарела. Откройте раздел заново.', alert: true });
      expect(r.message.text).toBe(screen.text);
    }
  });
});
