import { eq, inArray } from 'drizzle-orm';
import { InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { classDocsFeature } from '../../src/bot/features/class-docs/index.js';
import { createBot } from '../../src/bot/index.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { groups, invites } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { createSchool } from '../helpers/app.js';
import { BOT_INFO, uniqueChatId } from '../helpers/bot.js';
import { FAST_PATH } from '../helpers/fast-path.js';
import { pdfText, slipQrCodes } from '../helpers/qr-decode.js';
import { seeder } from '../helpers/seed.js';
import { YEAR_2026 } from '../year/fixtures.js';
import { asUser, linkTelegram, type recordAnswers, teacherChat, teacherSchool, testClock, type Harness } from './teacher-fixture.js';
import { emulatorSuite } from './teacher-fixture.js';

const BOT = 'journal_test_bot';
const LINK = new RegExp(`^https://t\\.me/${BOT}\\?start=([A-Z0-9]{10})$`);

function classDocsOptions(app: App, clock: ReturnType<typeof testClock>) {
  return {
    features: [
      classDocsFeature({ codes: app.services.classCodes, documents: app.services.classDocuments, family: app.services.family, clock }),
    ],
  };
}

/** 5А with three parents: Кузнецова (no code), Абрамов (an unused code from the API), Ёлкина (linked); 5Б is a colleague's class. */
async function classSchool(app: App) {
  const s = await teacherSchool(app);
  const seed = s.seed;
  const kuznetsova = await seed.user(['parent'], { lastName: 'Кузнецова', firstName: 'Елена' });
  const abramov = await seed.user(['parent'], { lastName: 'Абрамов', firstName: 'Пётр' });
  const yolkina = await seed.user(['parent'], { lastName: 'Ёлкина', firstName: 'Ольга' });
  await seed.guardian(kuznetsova.id, s.students.ivanov.id);
  await seed.guardian(abramov.id, s.students.abramova.id);
  await seed.guardian(yolkina.id, s.students.yolkin.id);
  await linkTelegram(app, yolkina.id);
  const oldCode = (await app.services.access.issueForUser(s.api, s.school.id, abramov.id)).code;
  const otherTeacher = await seed.user(['teacher', 'class_teacher'], { lastName: 'Орлова' });
  const other = await seed.group('5Б', otherTeacher.id);
  const stranger = await seed.user(['parent'], { lastName: 'Чужой' });
  await seed.guardian(stranger.id, (await seed.student(other.id, { lastName: 'Петров', firstName: 'Пётр' })).id);
  const lesson = await seed.lesson(s.course, '2026-10-14');
  await app.services.journal.saveAttendance(asUser(s.teacher), lesson.id, {
    marks: [
      { studentId: s.students.ivanov.id, status: 'absent' },
      { studentId: s.students.abramova.id, status: 'sick' },
      { studentId: s.students.yolkin.id, status: 'late' },
    ],
  });
  await app.services.journal.addGrades(asUser(s.teacher), lesson.id, [{ studentId: s.students.ivanov.id, value: '5' }]);
  return { ...s, parents: { kuznetsova, abramov, yolkina, stranger }, oldCode, other };
}

async function invitesOf(app: App, userIds: number[]) {
  return app.db.db.select().from(invites).where(inArray(invites.userId, userIds));
}

/** The bot with a transport that never leaves the process: the emulator cannot take sendDocument. */
function fakeBot(app: App, clock: ReturnType<typeof testClock>) {
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const bot = createBot(
    {
      token: '123456:FAKE-TRANSPORT-TOKEN-000000000000000',
      botInfo: BOT_INFO,
      fastPath: FAST_PATH,
      services: { access: app.services.access },
      store: createBotSessionStore(app.db.db),
      logger: createLogger('silent'),
    },
    classDocsOptions(app, clock),
  );
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    const result =
      method === 'answerCallbackQuery' ? true : { message_id: 900 + calls.length, date: 0, chat: { id: 1, type: 'private' }, text: '' };
    return { ok: true, result } as never;
  });
  let updateId = 1;
  const press = async (chatId: number, data: string) => {
    const from = calls.length;
    await bot.handleUpdate({
      update_id: updateId++,
      callback_query: {
        id: `cq${updateId}`,
        chat_instance: 'x',
        data,
        from: { id: chatId, is_bot: false, first_name: 'T' },
        message: { message_id: 77, date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, text: 'menu' },
      },
    } as never);
    const made = calls.slice(from);
    const answer = made.find((c) => c.method === 'answerCallbackQuery')?.payload;
    const sent = made.find((c) => c.method === 'sendDocument');
    const edit = made.find((c) => c.method === 'editMessageText')?.payload;
    return { answer, edit, document: sent ? await documentOf(sent) : null };
  };
  return { press };
}

async function documentOf(call: { payload: Record<string, unknown> }) {
  const file = call.payload.document as InputFile;
  expect(file).toBeInstanceOf(InputFile);
  return { name: file.filename, bytes: Buffer.from((await file.toRaw()) as Uint8Array), caption: call.payload.caption as string };
}

const codesIn = (pdf: Buffer) =>
  slipQrCodes(pdf)
    .filter((x): x is string => x !== null)
    .map((link) => LINK.exec(link)?.[1] ?? `not a bot link: ${link}`);

describe('class teacher «Документы»: screens through the emulator', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;
  emulatorSuite(clock, classDocsOptions, (s) => ({ app, harness, answers } = s));
  const chatOf = async (userId: number) => teacherChat(harness, harness.chat(await linkTelegram(app, userId)), answers);

  it('opens the menu, lists the unlinked parents and asks before revoking an issued code', async () => {
    const s = await classSchool(app);
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('/classdocs');
    expect(menu.text).toBe('<b>Документы класса 5А</b>\nКоды доступа для родителей (PDF с QR-кодами для печати) и отчёты класса в PDF.');
    expect(menu.inline.flat().map((b) => `${b.text}=${b.data}`)).toEqual([
      `🔑 Коды для всех неподключённых=cd:${s.group.id}:a`,
      `👤 Код для одного родителя=cd:${s.group.id}:l`,
      `📅 Посещаемость=cd:${s.group.id}:d:a`,
      `📊 Итоги успеваемости=cd:${s.group.id}:d:r`,
    ]);

    const people = await chat.tap(`cd:${s.group.id}:l`, menu.message_id);
    expect(people.message.inline.flat().map((b) => `${b.text}=${b.data}`)).toEqual([
      `🔁 Абрамов Пётр (Абрамова Анна)=cd:${s.group.id}:u:${s.parents.abramov.id}`,
      `Кузнецова Елена (Иванов Иван)=cd:${s.group.id}:u:${s.parents.kuznetsova.id}`,
      `‹ Назад=cd:${s.group.id}:b`,
    ]);

    const all = await chat.tap(`cd:${s.group.id}:a`, menu.message_id);
    expect(all.message.text).toBe(
      'Будет выдано 2 кода. У 1 из этих родителей уже есть выданный, но не использованный код — он перестанет действовать. Выдать новые коды?',
    );
    expect(all.message.inline.flat().map((b) => b.data)).toEqual([`cd:${s.group.id}:A`, `cd:${s.group.id}:b`]);
    const one = await chat.tap(`cd:${s.group.id}:u:${s.parents.abramov.id}`, menu.message_id);
    expect(one.message.text).toBe(
      'У родителя Абрамов Пётр уже есть выданный, но не использованный код. Новый код отменит прежний. Выдать?',
    );
    const back = await chat.tap(`cd:${s.group.id}:b`, menu.message_id);
    expect(back.message.text).toBe(menu.text);
    // Only looking and cancelling: the API's code is still the only one, and still valid.
    expect((await invitesOf(app, [s.parents.abramov.id, s.parents.kuznetsova.id])).map((i) => i.revokedAt)).toEqual([null]);

    const ranges = await chat.tap(`cd:${s.group.id}:d:a`, menu.message_id);
    expect(ranges.message.inline.flat().map((b) => b.text)).toEqual(['Этот месяц', 'Прошлый месяц', 'Учебный год', '‹ Назад']);
  });

  it('refuses forged classes and people, and staff who are no class teacher', async () => {
    const s = await classSchool(app);
    const foreign = await seeder(app, (await createSchool(app)).school.id).group('9В');
    const chat = await chatOf(s.classTeacher.id);
    const menu = await chat.ask('/classdocs');
    const cases: [string, string][] = [
      [`cd:${s.other.id}:a`, 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.'],
      [`cd:${s.other.id}:l`, 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.'],
      [`cd:${s.other.id}:d:r`, 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.'],
      [`cd:${foreign.id}:a`, 'Не нашёл то, что вы ищете. Возможно, данные изменились — откройте меню заново.'],
      [`cd:${s.group.id}:u:${s.parents.stranger.id}`, 'Кнопка устарела. Откройте раздел заново.'],
      [`cd:${s.group.id}:u:${s.parents.yolkina.id}`, 'Кнопка устарела. Откройте раздел заново.'],
      [`cd:${s.group.id}:x`, 'Кнопка устарела. Откройте раздел заново.'],
      [`cd:${s.group.id}:f:a:p`, 'Кнопка устарела. Откройте раздел заново.'],
      ['cd:99999999999:a', 'Кнопка устарела. Откройте раздел заново.'],
    ];
    for (const [data, text] of cases) {
      const r = await chat.tap(data, menu.message_id);
      expect(r, data).toMatchObject({ answer: text, alert: true });
      expect(r.message.text).toBe(menu.text);
    }
    expect(await invitesOf(app, [s.parents.stranger.id, s.parents.kuznetsova.id, s.parents.yolkina.id])).toEqual([]);

    const teacher = await chatOf(s.teacher.id);
    expect((await teacher.ask('/classdocs')).text).toBe('Вы не указаны классным руководителем ни одного класса.');
    // The role without a class (the roster has not named one yet) gets the same answer.
    const noClass = await chatOf((await s.seed.user(['teacher', 'class_teacher'], { lastName: 'Безклассная' })).id);
    expect((await noClass.ask('/classdocs')).text).toBe('Вы не указаны классным руководителем ни одного класса.');
    const r = await teacher.tap(`cd:${s.group.id}:A`, menu.message_id);
    expect(r).toMatchObject({ answer: 'Вы не указаны классным руководителем ни одного класса.', alert: true });
  });
});

describe('class teacher «Документы»: the PDFs (fake transport) and the codes they carry (emulator /start)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  emulatorSuite(clock, classDocsOptions, (s) => ({ app, harness } = s));

  it('prints a slip per unlinked parent whose QR code a camera reads; the code links that parent and the old one is revoked', async () => {
    app.services.botUsername.current = BOT;
    const s = await classSchool(app);
    const fake = fakeBot(app, clock);
    const chatId = await linkTelegram(app, s.classTeacher.id);

    const asked = await fake.press(chatId, `cd:${s.group.id}:a`);
    expect(asked.document).toBeNull();
    expect(asked.edit?.text).toContain('Будет выдано 2 кода');

    const sent = await fake.press(chatId, `cd:${s.group.id}:A`);
    expect(sent.answer).toMatchObject({ text: 'Выдано: 2 кода' });
    expect(sent.document?.name).toBe('access-codes_5А_2026-10-14.pdf');
    expect(sent.document?.caption).toBe(
      'Коды доступа, 5А: 2 кода. Распечатайте и разрежьте по пунктиру. Прежние неиспользованные коды этих родителей больше не действуют.',
    );
    const pdf = sent.document!.bytes;
    const text = pdfText(pdf);
    expect(text).toContain('Абрамов Пётр');
    expect(text).toContain('Родитель: Абрамова Анна');
    expect(text).toContain('Кузнецова Елена');
    expect(text).toContain('Родитель: Иванов Иван');
    expect(text).not.toContain('Ёлкина');
    const [abramovCode, kuznetsovaCode] = codesIn(pdf);
    expect(codesIn(pdf)).toHaveLength(2);
    expect(text.replace(/\s/g, '')).toContain(abramovCode);

    const old = harness.chat(uniqueChatId());
    expect((await old.ask(`/start ${s.oldCode}`)).text).toBe('Этот код отменён. Попросите в школе новый код.');
    const phone = harness.chat(uniqueChatId());
    expect((await phone.ask(`/start ${abramovCode}`)).text).toContain('Вы подключены как <b>Абрамов Пётр</b>');
    expect((await app.services.access.identify(phone.chatId)).map((u) => u.userId)).toEqual([s.parents.abramov.id]);

    // Reissue for one: Кузнецова's code from the sheet is revoked by the new one.
    const ask = await fake.press(chatId, `cd:${s.group.id}:u:${s.parents.kuznetsova.id}`);
    expect(ask.edit?.text).toBe(
      'У родителя Кузнецова Елена уже есть выданный, но не использованный код. Новый код отменит прежний. Выдать?',
    );
    const again = await fake.press(chatId, `cd:${s.group.id}:U:${s.parents.kuznetsova.id}`);
    const [fresh] = codesIn(again.document!.bytes);
    expect(codesIn(again.document!.bytes)).toHaveLength(1);
    expect(fresh).not.toBe(kuznetsovaCode);
    await expect(app.services.access.redeem({ code: kuznetsovaCode!, telegramUserId: 5, chatId: 5 })).rejects.toMatchObject({
      reason: 'revoked',
    });
    const mother = harness.chat(uniqueChatId());
    expect((await mother.ask(`/start ${fresh}`)).text).toContain('Вы подключены как <b>Кузнецова Елена</b>');

    // Everyone is linked now: nothing to print, nothing issued.
    const none = await fake.press(chatId, `cd:${s.group.id}:A`);
    expect(none).toMatchObject({ document: null, answer: { text: 'Неподключённых родителей нет — коды не нужны.' } });
  });

  it('issues nothing for a forged class or person', async () => {
    const s = await classSchool(app);
    const fake = fakeBot(app, clock);
    const chatId = await linkTelegram(app, s.classTeacher.id);
    const before = await invitesOf(
      app,
      Object.values(s.parents).map((p) => p.id),
    );
    const forged = [`cd:${s.other.id}:A`, `cd:${s.group.id}:U:${s.parents.stranger.id}`, `cd:${s.group.id}:U:${s.teacher.id}`];
    for (const data of forged) {
      const r = await fake.press(chatId, data);
      expect(r.document, data).toBeNull();
      expect(r.answer?.show_alert, data).toBe(true);
    }
    expect(
      await invitesOf(
        app,
        Object.values(s.parents).map((p) => p.id),
      ),
    ).toEqual(before);
    // The colleague's class teacher may not print 5А either.
    const colleague = await linkTelegram(app, (await app.services.uow.repos.access.findGroup(s.school.id, s.other.id))!.classTeacherId!);
    expect((await fake.press(colleague, `cd:${s.group.id}:A`)).answer).toMatchObject({
      text: 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.',
    });
    expect(
      await invitesOf(
        app,
        Object.values(s.parents).map((p) => p.id),
      ),
    ).toEqual(before);
  });

  it('sends the class attendance for a month and the results for the year as PDF', async () => {
    const s = await classSchool(app);
    const fake = fakeBot(app, clock);
    const chatId = await linkTelegram(app, s.classTeacher.id);

    const attendance = await fake.press(chatId, `cd:${s.group.id}:f:a:m`);
    expect(attendance.document?.name).toBe('class-attendance_5А_2026-10-01_2026-10-14.pdf');
    expect(attendance.document?.caption).toBe('Посещаемость, 5А\nс 01.10.2026 по 14.10.2026');
    const a = pdfText(attendance.document!.bytes);
    expect(a).toContain('ВЕДОМОСТЬ ПОСЕЩАЕМОСТИ КЛАССА');
    // Иванов: one lesson missed without a reason; Абрамова: sick (excused); Ёлкин: late.
    expect(a).toMatch(/1\s+Абрамова Анна\s+1\s+1\s+1\s+0\s+0\s+100/);
    expect(a).toMatch(/3\s+Иванов Иван\s+1\s+1\s+0\s+1\s+0\s+100/);
    expect(a).toMatch(/2\s+Ёлкин Егор\s+1\s+0\s+0\s+0\s+1\s+0/);

    const results = await fake.press(chatId, `cd:${s.group.id}:f:r:y`);
    expect(results.document?.name).toBe('class-results_5А_2026-09-01_2026-10-14.pdf');
    const r = pdfText(results.document!.bytes);
    expect(r).toContain('ИТОГИ УСПЕВАЕМОСТИ КЛАССА');
    expect(r).toContain('Математика');
    expect(r).toMatch(/Иванов Иван\s+5/);
    expect(r).toContain('Итоги: учащихся 3');

    // With the year's quarters loaded, a quarter of the class's grade level is a range of its own.
    await app.db.db.update(groups).set({ gradeLevel: 5 }).where(eq(groups.id, s.group.id));
    await app.services.year.loadPeriods(s.api, s.school.id, YEAR_2026);
    const q1 = (await app.services.year.periods(s.api, s.school.id, '2026-10-14')).find((p) => p.number === 1 && p.gradeLevels.includes(5));
    const quarter = await fake.press(chatId, `cd:${s.group.id}:f:r:p${q1!.id}`);
    expect(quarter.document?.name).toBe('class-results_5А_2026-09-01_2026-10-24.pdf');
    const ranges = await fake.press(chatId, `cd:${s.group.id}:d:a`);
    const buttons = (ranges.edit?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual([
      'Этот месяц',
      'Прошлый месяц',
      '1 четверть',
      '2 четверть',
      '3 четверть',
      '4 четверть',
      'Учебный год',
      '‹ Назад',
    ]);
    expect(buttons[2]!.callback_data).toBe(`cd:${s.group.id}:f:a:p${q1!.id}`);

    const stale = await fake.press(chatId, `cd:${s.group.id}:f:r:p2147483647`);
    expect(stale).toMatchObject({ document: null, answer: { text: 'Кнопка устарела. Откройте раздел заново.', show_alert: true } });
    const foreign = await fake.press(chatId, `cd:${s.other.id}:f:a:m`);
    expect(foreign.document).toBeNull();
    expect(foreign.answer?.text).toBe('Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.');
  });
});
