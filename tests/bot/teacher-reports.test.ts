import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { courseMenuKeyboard } from '../../src/bot/features/teacher-reports/index.js';
import { translator } from '../../src/i18n/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { courseSchool, pdfText } from '../reports/course-fixture.js';
import { deputyHarnessOptions, linkTelegram, type recordAnswers, teacherChat, testClock, type Harness } from './deputy-fixture.js';
import { documentBot } from './document-bot.js';
import { emulatorSuite } from './teacher-fixture.js';

const NOT_YOURS = 'Это не ваш курс: отчёты доступны только по классам и предметам, которые вы ведёте.';
const STALE = 'Кнопка устарела. Откройте «Отчёты» заново.';
const buttons = (view: { inline: { text: string; data: string }[][] }) => view.inline.map((row) => row.map((b) => `${b.text}=${b.data}`));

describe('teacher bot: «Отчёты» over their own courses (emulator up to the file)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;
  emulatorSuite(clock, deputyHarnessOptions, (s) => ({ app, harness, answers } = s));
  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);

  it('walks courses → course menu → ведомость of a period, attendance of a month with ‹ ›, the КТП, and back', async () => {
    const s = await courseSchool(app);
    const chat = await chatOf(s.teacher.id);
    const list = await chat.ask('Отчёты');
    expect(list.text).toBe('<b>Отчёты по моим курсам</b>\nВыберите класс и предмет или отчёт о КТП по всем курсам:');
    expect(buttons(list)).toEqual([
      [`5А · Математика=tr1:c:${s.course.id}`, `5Б · Физика=tr1:c:${s.physics.id}`],
      ['📚 Выполнение КТП=tr1:k:0'],
    ]);

    const course = await chat.tap(`tr1:c:${s.course.id}`, list.message_id);
    expect(course.message.text).toBe(
      '<b>Математика, 5А</b>\nКакой отчёт подготовить? Документ придёт файлом PDF; кнопка «CSV» пришлёт таблицу для Excel.',
    );
    expect(buttons(course.message)).toEqual([
      [`📄 Ведомость за период=tr1:s:${s.course.id}:0`],
      [`🗓 Посещаемость за месяц=tr1:a:${s.course.id}:0`],
      [`📚 Выполнение КТП=tr1:k:${s.course.id}`],
      [`📥 Загрузить КТП=ktp1:${s.course.id}`],
      ['‹ Мои курсы=tr1:l'],
    ]);

    const sheet = await chat.tap(`tr1:s:${s.course.id}:0`, list.message_id);
    expect(sheet.message.text).toContain('<b>Ведомость: Математика, 5А</b>\n1 четверть: 01.09.2026 – 24.10.2026');
    expect(buttons(sheet.message)).toEqual([
      [`📄 PDF=tr1:sf:${s.course.id}:1:p`, `📊 CSV=tr1:sf:${s.course.id}:1:c`],
      [1, 2, 3, 4].map((n) => `${n === 1 ? '• ' : ''}${n} четверть=tr1:s:${s.course.id}:${n}`),
      [`‹ Назад=tr1:c:${s.course.id}`],
    ]);
    const second = await chat.tap(`tr1:s:${s.course.id}:2`, list.message_id);
    expect(second.message.text).toContain('2 четверть: 05.11.2026 – 28.12.2026');
    expect(second.message.inline[0]![0]!.data).toBe(`tr1:sf:${s.course.id}:2:p`);

    const october = await chat.tap(`tr1:a:${s.course.id}:0`, list.message_id);
    expect(october.message.text).toBe('<b>Посещаемость: Математика, 5А</b>\nоктябрь 2026 г.: у каждого ученика — уроки, н, б, у, оп.');
    // No month after the current one.
    expect(buttons(october.message)).toEqual([
      [`📄 PDF=tr1:af:${s.course.id}:202610:p`, `📊 CSV=tr1:af:${s.course.id}:202610:c`],
      [`‹ сентябрь 2026 г.=tr1:a:${s.course.id}:202609`],
      [`‹ Назад=tr1:c:${s.course.id}`],
    ]);
    const september = await chat.tap(`tr1:a:${s.course.id}:202609`, list.message_id);
    expect(september.message.inline[1]!.map((b) => b.text)).toEqual(['‹ август 2026 г.', 'октябрь 2026 г. ›']);

    const plan = await chat.tap(`tr1:k:${s.course.id}`, list.message_id);
    expect(plan.message.text).toContain('<b>Выполнение КТП</b>\nПо 2 курсам на 14.10.2026');
    expect(buttons(plan.message).at(-1)).toEqual([`‹ Назад=tr1:c:${s.course.id}`]);
    const back = await chat.tap('tr1:l', list.message_id);
    expect(back.message.text).toBe(list.text);
  });

  it("refuses another teacher's course, another school's course and tampered buttons, changing nothing", async () => {
    const s = await courseSchool(app);
    const other = await createSchool(app);
    const seed = seeder(app, other.school.id);
    const foreign = await seed.course((await seed.group('9В')).id, (await seed.user(['teacher'])).id);
    const chat = await chatOf(s.teacher.id);
    const list = await chat.ask('/reports');
    for (const data of [`tr1:c:${s.colleagueCourse.id}`, `tr1:s:${s.colleagueCourse.id}:0`, `tr1:a:${s.colleagueCourse.id}:0`]) {
      const r = await chat.tap(data, list.message_id);
      expect(r).toMatchObject({ answer: NOT_YOURS, alert: true });
      expect(r.message.text).toBe(list.text);
    }
    const missing = await chat.tap(`tr1:c:${foreign.id}`, list.message_id);
    expect(missing).toMatchObject({ answer: 'Не нашёл такой курс или период. Откройте «Отчёты» заново.', alert: true });
    for (const data of [
      `tr1:s:${s.course.id}:7`,
      `tr1:a:${s.course.id}:202613`,
      `tr1:a:${s.course.id}:202611`,
      'tr1:x',
      `tr1:c:${s.course.id}9999999999`,
    ]) {
      const r = await chat.tap(data, list.message_id);
      expect(r).toMatchObject({ answer: STALE, alert: true });
      expect(r.message.text).toBe(list.text);
    }
    // A parent (no teaching account) gets the same clear refusal.
    const parent = await s.seed.user(['parent']);
    const parentChat = await chatOf(parent.id);
    const help = await parentChat.ask('/help');
    expect(await parentChat.tap(`tr1:c:${s.course.id}`, help.message_id)).toMatchObject({ answer: NOT_YOURS, alert: true });
  });

  it('tells a teacher with no courses so; a teacher who is also deputy gets the school reports one tap away', async () => {
    const s = await courseSchool(app);
    const none = await (await chatOf(s.substitute.id)).ask('Отчёты');
    expect(none.text).toBe(
      'У вас нет своих курсов: отчёты учителя строятся по классам и предметам, которые вы ведёте. Если это ошибка, сообщите администратору школы.',
    );
    expect(none.inline).toEqual([]);

    const head = await s.seed.user(['teacher', 'deputy_director'], { lastName: 'Орлова' });
    await s.seed.course(s.groupB.id, head.id, 'История');
    const chat = await chatOf(head.id);
    const list = await chat.ask('Отчёты');
    expect(buttons(list).slice(-2)).toEqual([['📚 Выполнение КТП=tr1:k:0'], ['📊 Отчёты школы=rp1']]);
    await chat.tap('rp1', list.message_id);
    expect((await chat.reply()).text).toBe('<b>Отчёты</b>\nВыберите отчёт:');
  });

  it('keeps the course menu in one exported function, in English too', () => {
    const kb = courseMenuKeyboard(translator('en'), 42);
    expect(kb.inline_keyboard.map((r) => r.map((b) => b.text))).toEqual([
      ['📄 Period grade sheet'],
      ['🗓 Attendance for a month'],
      ['📚 КТП fulfilment'],
      ['📥 Load the plan'],
      ['‹ My courses'],
    ]);
  });
});

describe('teacher bot: the report files (fake transport: the emulator cannot take sendDocument)', () => {
  const clock = testClock();
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const fakeBot = () => documentBot(app, deputyHarnessOptions(app, clock).features);

  it('sends the period ведомость as a PDF with every student and the weighted average, and as CSV on request', async () => {
    const s = await courseSchool(app);
    const chatId = await linkTelegram(app, s.teacher.id);
    const fake = fakeBot();
    await fake.press(chatId, `tr1:sf:${s.course.id}:0:p`);
    await fake.press(chatId, `tr1:sf:${s.course.id}:1:c`);
    const [pdf, csv] = await fake.documents();
    expect(pdf).toMatchObject({ name: 'course-sheet_5А_Математика_2026-09-01_2026-10-24.pdf', chatId });
    expect(pdf!.caption).toBe('Ведомость за период\nМатематика, 5А, 01.09.2026 – 24.10.2026');
    const text = pdfText(pdf!.bytes);
    expect(text).toMatch(/Абрамова Анна\s+3×2 5×1,5\s+2\s+3,86/);
    expect(text).toMatch(/Ёлкин Егор\s+0/);
    expect(text).toMatch(/Иванов Иван\s+5×2 4 4\s+3\s+4,50\s+5/);
    expect(csv!.name).toBe('course-sheet_5А_Математика_2026-09-01_2026-10-24.csv');
    expect(csv!.bytes.toString('utf8')).toContain('1;Абрамова Анна;3×2 5×1,5;2;3,86;\r\n');
  });

  it("sends a month's attendance counts and the КТП fulfilment of all the teacher's courses", async () => {
    const s = await courseSchool(app);
    const chatId = await linkTelegram(app, s.teacher.id);
    const fake = fakeBot();
    await fake.press(chatId, `tr1:af:${s.course.id}:0:c`);
    await fake.press(chatId, `tr1:af:${s.course.id}:202609:p`);
    await fake.press(chatId, 'tr1:kf:0:p');
    const [october, september, plan] = await fake.documents();
    expect(october!.name).toBe('course-attendance_5А_Математика_2026-10-01_2026-10-14.csv');
    const rows = october!.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows).toEqual([
      '№;Обучающийся;Уроков;н;б;у;оп;Пропущено',
      '1;Абрамова Анна;2;0;0;0;1;0',
      '2;Ёлкин Егор;2;0;0;1;0;1',
      '3;Иванов Иван;2;1;1;0;0;2',
    ]);
    expect(pdfText(september!.bytes)).toMatch(/Иванов Иван\s+2\s+1\s+0\s+0\s+0\s+1/);
    expect(plan!.name).toBe('teacher-plan_Смирнова_2026-09-01_2026-10-14.pdf');
    expect(plan!.caption).toBe('Выполнение КТП\nвсе мои курсы, 01.09.2026 – 14.10.2026');
    const text = pdfText(plan!.bytes);
    expect(text).toMatch(/5А\s+Математика\s+34\s+4\s+4\s+5\s+4\s+3\s+1/);
    expect(text).toMatch(/5Б\s+Физика\s+68\s+0\s+0\s+0\s+0\s+0\s+0/);
  });

  it("sends nothing for another teacher's course: a clear alert instead", async () => {
    const s = await courseSchool(app);
    const fake = fakeBot();
    await fake.press(await linkTelegram(app, s.teacher.id), `tr1:sf:${s.colleagueCourse.id}:0:p`);
    await fake.press(await linkTelegram(app, s.colleague.id), `tr1:af:${s.course.id}:0:c`);
    expect(fake.calls.filter((c) => c.method === 'sendDocument')).toHaveLength(0);
    const alerts = fake.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload);
    expect(alerts).toEqual([
      expect.objectContaining({ text: NOT_YOURS, show_alert: true }),
      expect.objectContaining({ text: NOT_YOURS, show_alert: true }),
    ]);
  });
});
