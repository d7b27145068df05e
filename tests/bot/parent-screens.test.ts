import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { attendance, maxLinks, notifications, users } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { uniqueChatId, type TestChat } from '../helpers/bot.js';
import { familySchool } from '../family/fixture.js';
import { testClock } from '../journal/fixture.js';
import { codeFor, consentingChat, startParentBot } from './parent-harness.js';
import { messageOf } from './teacher-fixture.js';

describe('parent screens, settings, absence answers and the class teacher view (emulator)', () => {
  const clock = testClock(); // Wednesday 2026-10-14, 12:00 in Moscow
  let app: App;
  let harness: Awaited<ReturnType<typeof startParentBot>>;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    harness = await startParentBot(app);
  });
  afterAll(async () => {
    await harness?.stop();
    await app.stop();
  });

  const consentingParent = (f: Awaited<ReturnType<typeof familySchool>>, userId = f.parent.id): Promise<TestChat> =>
    consentingChat(app, harness, f.school.id, userId);

  it("shows today and the week with the journal's marks, topics, homework and grades", async () => {
    const f = await familySchool(app);
    const journal = app.services.journal;
    await journal.saveAttendance(f.teacherP, f.lessons[0]!.id, { marks: [{ studentId: f.child.id, status: 'sick' }] });
    await journal.saveAttendance(f.teacherP, f.lessons[1]!.id, { allPresent: true });
    await journal.setTopic(f.teacherP, f.lessons[1]!.id, { topic: 'Египет & Нил' });
    await journal.setHomework(f.teacherP, f.lessons[1]!.id, 'Прочитать § 3 <стр. 10>');
    await journal.addGrades(f.teacherP, f.lessons[1]!.id, [
      { studentId: f.child.id, value: '5' },
      { studentId: f.other.id, value: '2' },
    ]);
    const chat = await consentingParent(f);

    const list = await chat.ask('Мои дети');
    await chat.press(`pc:d:${f.child.id}`, list.message_id);
    const day = await chat.reply();
    expect(day.text).toContain('<b>Иванов Иван</b> — среда, 14 октября');
    expect(day.text).toContain('1. <b>Математика</b> — б — болезнь');
    expect(day.text).toContain('2. <b>История &lt;Древний мир&gt;</b> — присутствовал(а)');
    expect(day.text).toContain('Тема: Египет &amp; Нил');
    expect(day.text).toContain('Д/з: Прочитать § 3 &lt;стр. 10&gt;');
    expect(day.text).toContain('Отметки: <b>5</b>');
    expect(day.text).not.toContain('2</b>');

    await chat.press(`pc:w:${f.child.id}`, day.message_id);
    const week = await chat.reply();
    expect(week.text).toContain('неделя понедельник, 12 октября – воскресенье, 18 октября');
    expect(week.text).toContain('Пропущено: 1 урок');
    // Another family's child through a forged button: the list again, nothing of that child.
    await chat.press(`pc:d:${f.other.id}`, week.message_id);
    const forged = await chat.reply();
    expect(forged.text).toContain('<b>Мои дети</b>');
    expect(forged.text).not.toContain('Абрамова');
  });

  it('settings persist and change what the notifier schedules', async () => {
    const f = await familySchool(app);
    const chat = await consentingParent(f);
    const screen = await chat.ask('/settings');
    expect(screen.text).toContain('Отметки: сразу');
    expect(screen.text).toContain('Тихие часы: 21:00–07:30');
    await chat.press('st:g', screen.message_id); // realtime -> digest
    await chat.press('st:g', screen.message_id); // digest -> off
    await chat.press('st:q', screen.message_id);
    const choices = await chat.reply();
    expect(choices.inline.flat().map((b) => b.data)).toContain('st:q:2200-0700');
    await chat.press('st:q:2200-0700', choices.message_id);
    await chat.press('st:e', screen.message_id);
    await expectEventually(async () => (await app.services.family.preferences(f.parentP)).emailFallback === false);
    expect(await app.services.family.preferences(f.parentP)).toEqual({
      absences: 'realtime',
      grades: 'off',
      digestTime: '19:00',
      quietStart: '22:00',
      quietEnd: '07:00',
      emailFallback: false,
    });
    // A forged time is refused by the service and changes nothing.
    await chat.press('st:dt:9999', screen.message_id);
    expect((await chat.reply()).text).toBe('Проверьте введённые данные.');
    expect((await app.services.family.preferences(f.parentP)).digestTime).toBe('19:00');

    await app.services.journal.addGrades(f.teacherP, f.lessons[0]!.id, [{ studentId: f.child.id, value: '4' }]);
    expect(await app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id))).toHaveLength(0);
  });

  it('stores an absence answer from the buttons and tells the class teacher; a forged answer changes nothing', async () => {
    const f = await familySchool(app);
    const chat = await consentingParent(f);
    await app.services.journal.saveAttendance(f.teacherP, f.lessons[0]!.id, {
      marks: [
        { studentId: f.child.id, status: 'absent' },
        { studentId: f.other.id, status: 'absent' },
      ],
    });

    await chat.press(`ax:${f.child.id}:20261014:s`, 1);
    expect((await chat.reply()).text).toBe('Ответ «болеет» записан к 1 уроку и передан классному руководителю. Спасибо!');
    const [mark] = await app.db.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.studentId, f.child.id), eq(attendance.lessonId, f.lessons[0]!.id)));
    expect(mark!.parentExplanation).toBe('sick');
    const toClassTeacher = await app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, f.classTeacher.id), eq(notifications.kind, 'absence_explained')));
    expect(toClassTeacher).toHaveLength(1);

    for (const data of [
      `ax:${f.other.id}:20261014:e`,
      `ax:${f.child.id}:20261013:e`,
      `ax:${f.child.id}:20261399:e`,
      'ax:1:2:3',
      `ax:${f.child.id}:20261014:x`,
      'ax:99999999999:20261014:s',
    ]) {
      await chat.press(data, 1);
      expect((await chat.reply()).text).toContain('Этот ответ уже нельзя принять');
    }
    const [other] = await app.db.db.select().from(attendance).where(eq(attendance.studentId, f.other.id));
    expect(other!.parentExplanation).toBeNull();
    expect((await app.db.db.select().from(attendance).where(eq(attendance.studentId, f.child.id)))[0]!.parentExplanation).toBe('sick');
  });

  it('the class teacher sees which parents are linked and whose Telegram is blocked', async () => {
    const f = await familySchool(app);
    await consentingParent(f);
    await app.db.db
      .update(users)
      .set({ telegramUserId: uniqueChatId(), telegramChatId: 1, telegramStatus: 'blocked', email: 'oleg@example.org' })
      .where(eq(users.id, f.otherParent.id));
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, f.school.id, f.classTeacher.id)}`);
    const linked = await chat.reply();
    expect(linked.keyboard.flat()).toContain('Мой класс');
    const menu = await chat.ask('Мой класс');
    expect(menu.inline.flat().map((b) => b.data)).toContain(`cj:p:${f.group.id}`);
    // «Родители» replaces the class menu with the parents' overview.
    await chat.press(`cj:p:${f.group.id}`, menu.message_id);
    await expectEventually(async () => messageOf(harness, menu.message_id).text !== menu.text);
    const view = messageOf(harness, menu.message_id);
    expect(view.text).toContain('<b>5А</b>: 2 ученика, родители подключены у 1, заблокировали бота: 1');
    expect(view.text).toContain('1. <b>Абрамова Анна</b> — Абрамов Олег: заблокировал бота — получает письма');
    expect(view.text).toContain('2. <b>Иванов Иван</b> — Иванова Мария: Telegram ✅');
    // A parent pressing the class teacher's menu text gets nothing of the class.
    const parentChat = await consentingParent(await familySchool(app));
    expect((await parentChat.ask('Мой класс')).text).toBe('Вы не классный руководитель ни одного класса.');
  });

  it('the class teacher sees where each parent is reachable: Telegram, MAX or both; /privacy names the MAX link', async () => {
    const f = await familySchool(app);
    const third = await f.seed.student(f.group.id, { lastName: 'Борисов', firstName: 'Борис' });
    const fourth = await f.seed.student(f.group.id, { lastName: 'Григорьев', firstName: 'Гриша' });
    const both = await f.seed.user(['parent'], { lastName: 'Борисова', firstName: 'Бэлла' });
    const gone = await f.seed.user(['parent'], { lastName: 'Григорьева', firstName: 'Галина' });
    await f.seed.guardian(both.id, third.id);
    await f.seed.guardian(gone.id, fourth.id);
    const inMax = async (userId: number) =>
      app.services.access
        .forMessenger('max')
        .redeem({ code: await codeFor(app, f.school.id, userId), telegramUserId: uniqueChatId(), chatId: uniqueChatId() });
    await inMax(f.parent.id); // MAX only
    await inMax(f.otherParent.id); // MAX, and Telegram blocked
    await app.db.db
      .update(users)
      .set({ telegramUserId: uniqueChatId(), telegramChatId: 1, telegramStatus: 'blocked', email: 'oleg@example.org' })
      .where(eq(users.id, f.otherParent.id));
    const bothChat = await consentingParent(f, both.id);
    await inMax(both.id); // both
    await inMax(gone.id); // MAX only, blocked there, no e-mail
    await app.db.db.update(maxLinks).set({ status: 'blocked' }).where(eq(maxLinks.userId, gone.id));

    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, f.school.id, f.classTeacher.id)}`);
    await chat.reply();
    const menu = await chat.ask('Мой класс');
    await chat.press(`cj:p:${f.group.id}`, menu.message_id);
    await expectEventually(async () => messageOf(harness, menu.message_id).text !== menu.text);
    const view = messageOf(harness, menu.message_id).text;
    expect(view).toContain('<b>5А</b>: 4 ученика, родители подключены у 3, заблокировали бота: 1');
    expect(view).toContain('1. <b>Абрамова Анна</b> — Абрамов Олег: MAX ✅, в Telegram заблокировал бота, нет согласия');
    expect(view).toContain('2. <b>Борисов Борис</b> — Борисова Бэлла: Telegram и MAX ✅');
    expect(view).toContain('3. <b>Григорьев Гриша</b> — Григорьева Галина: заблокировал бота, e-mail нет — не получает уведомления');
    expect(view).toContain('4. <b>Иванов Иван</b> — Иванова Мария: MAX ✅, нет согласия');

    const privacy = await bothChat.ask('/privacy');
    expect(privacy.text).toContain('Telegram: подключён\nMAX: подключён');
    const telegramOnly = await consentingParent(await familySchool(app));
    expect((await telegramOnly.ask('/privacy')).text).toContain('Telegram: подключён\nMAX: нет');
  });
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 30));
  }
}
