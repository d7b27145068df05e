import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { groups, students } from '../../src/db/schema/index.js';
import { uniqueChatId } from '../helpers/bot.js';
import { pdfText } from '../helpers/qr-decode.js';
import { YEAR_2026 } from '../year/fixtures.js';
import { BOT, classDocsOptions, classSchool, codesIn, fakeBot, invitesOf } from './class-docs-fixture.js';
import { asUser, emulatorSuite, linkTelegram, testClock, type Harness } from './teacher-fixture.js';

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

  it('prints slips for the class’s students; a 15-year-old links with one, an under-14 only after a parent’s consent', async () => {
    app.services.botUsername.current = BOT;
    const s = await classSchool(app);
    await app.db.db.update(students).set({ birthDate: '2011-03-02' }).where(eq(students.id, s.students.ivanov.id));
    await app.db.db.update(students).set({ birthDate: '2015-06-01' }).where(eq(students.id, s.students.abramova.id));
    const fake = fakeBot(app, clock);
    const chatId = await linkTelegram(app, s.classTeacher.id);

    const sent = await fake.press(chatId, `cd:${s.group.id}:s`);
    const pupils = Object.keys(s.students).length;
    expect(sent.document?.caption).toContain(`Коды доступа учеников, 5А`);
    const pdf = sent.document!.bytes;
    expect(pdfText(pdf)).toContain('Ученик');
    const codes = codesIn(pdf);
    expect(codes).toHaveLength(pupils);
    expect(codes.every((c) => /^[A-Z0-9]{10}$/.test(c))).toBe(true);

    // Which code is whose: each slip's code redeems to that student's account.
    const accounts = await app.services.access.issueStudentCodes(
      asUser(s.classTeacher),
      s.school.id,
      { groupId: s.group.id },
      { onlyUnlinked: true },
    );
    const byStudent = new Map(accounts.codes.map((c) => [c.studentId, c.code]));
    const older = await fake.press(chatId, `cd:${s.group.id}:s`);
    expect(codesIn(older.document!.bytes)).toHaveLength(pupils);
    for (const code of byStudent.values())
      await expect(app.services.access.redeem({ code, telegramUserId: 7, chatId: 7 })).rejects.toMatchObject({ reason: 'revoked' });

    const [ivanovCode, abramovaCode] = await Promise.all(
      [s.students.ivanov.id, s.students.abramova.id].map(async (id) => {
        const [c] = (await app.services.access.issueStudentCodes(asUser(s.classTeacher), s.school.id, { studentIds: [id] })).codes;
        return c!.code;
      }),
    );
    const teen = harness.chat(uniqueChatId());
    expect((await teen.ask(`/start ${ivanovCode}`)).text).toContain('Вы подключены');
    expect((await app.services.access.identify(teen.chatId)).map((u) => u.roles)).toEqual([['student']]);
    const child = harness.chat(uniqueChatId());
    expect((await child.ask(`/start ${abramovaCode}`)).text).toContain('только после согласия родителя');
    expect(await app.services.access.identify(child.chatId)).toEqual([]);

    // A colleague's class teacher prints nothing for 5А.
    const colleague = await linkTelegram(app, (await app.services.uow.repos.access.findGroup(s.school.id, s.other.id))!.classTeacherId!);
    const refused = await fake.press(colleague, `cd:${s.group.id}:s`);
    expect(refused.document).toBeNull();
    expect(refused.answer?.show_alert).toBe(true);
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
    const buttons = (ranges.edit!.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
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
