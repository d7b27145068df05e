import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendance, maxLinks, notifications } from '../../src/db/schema/index.js';
import { familySchool } from '../family/fixture.js';
import { codeFor } from '../bot/parent-harness.js';
import { dropTelegram, maxDeliveryHarness } from '../notifications/max-harness.js';
import { eventually } from '../notifications/harness.js';
import { startMaxBot } from './max-bot-harness.js';

describe('a school day entirely in MAX, through the stand-in: the same flows as in Telegram', () => {
  let h: Awaited<ReturnType<typeof maxDeliveryHarness>>;
  let bot: Awaited<ReturnType<typeof startMaxBot>>;

  beforeAll(async () => {
    h = await maxDeliveryHarness();
    h.clock.set('2026-10-14T09:00:00Z'); // Wednesday 12:00 in Moscow
    bot = await startMaxBot(h.app, h.standIn, h.clock);
    h.startWorker();
  });
  afterAll(async () => {
    await bot?.stop();
    await h?.close();
  });

  it('a teacher marks an absence in MAX, the parent gets the notice in MAX and answers it there', async () => {
    const f = await familySchool(h.app);
    for (const u of [f.teacher, f.parent, f.classTeacher]) await dropTelegram(h.app, u.id);

    // The parent links with the deep link's payload and accepts the consent text.
    const parent = bot.person(880_001);
    const [linked, consent] = await parent.begin(await codeFor(h.app, f.school.id, f.parent.id), 2);
    expect(linked!.text).toContain('Иванова Мария');
    expect(consent!.buttons.flat().map((b) => b.payload)).toContain('cs:ok');
    await parent.push('cs:ok', 2, consent!.mid);

    // The teacher links by typing /start with the code, then fills the lesson with taps.
    const teacher = bot.person(880_002);
    const [hello] = await teacher.ask(`/start ${await codeFor(h.app, f.school.id, f.teacher.id)}`);
    expect(hello!.text).toContain('Смирнова Ольга');
    // MAX has no keyboard under the input field: the menu comes as buttons that say their text.
    const menu = teacher.live().flatMap((m) => m.buttons.flat());
    const today = menu.find((b) => b.type === 'message' && b.text.includes('Сегодня'));
    expect(today).toBeDefined();
    const [list] = await teacher.ask(today!.text);
    expect(list!.text).toContain('Уроки — среда, 14 октября');
    const [card] = await teacher.push(`l1:${f.lessons[0]!.id}`);
    expect(card!.text).toContain('Посещаемость: не отмечена');
    await teacher.push(teacher.button('Отметить отсутствующих'));
    await teacher.push(teacher.button('Иванов И.'));
    const [saved] = await teacher.push(teacher.button('Сохранить'));
    expect(saved!.text).toContain('Посещаемость');
    const [mark] = await h.app.db.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.studentId, f.child.id), eq(attendance.lessonId, f.lessons[0]!.id)));
    expect(mark!.status).toBe('absent');

    // After the grace period the notice goes out through MAX, with its answer buttons.
    h.clock.advance(6 * 60_000);
    expect(await h.relay.tick()).toBe(1);
    await eventually(async () => parent.live().some((m) => m.text?.includes('1-й урок, Математика — н — отсутствие')));
    const notice = parent.live().find((m) => m.text?.includes('Посещаемость: <b>Иванов Иван</b>'))!;
    expect(notice.buttons.flat().map((b) => b.text)).toEqual(['Болеет', 'Уважительная причина', 'Не знаю']);
    const [answered] = await parent.push(`ax:${f.child.id}:20261014:s`, 1, notice.mid);
    expect(answered!.text).toContain('Ответ «болеет» записан');
    const [after] = await h.app.db.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.studentId, f.child.id), eq(attendance.lessonId, f.lessons[0]!.id)));
    expect(after!.parentExplanation).toBe('sick');
    const [row] = await h.app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, f.parent.id), eq(notifications.kind, 'absence')));
    expect(row!.channel).toBe('max');
  });

  it('/privacy in the MAX bot names the MAX link of a parent linked only there', async () => {
    const f = await familySchool(h.app, 'Школа только в MAX');
    await dropTelegram(h.app, f.parent.id);
    const parent = bot.person(880_101);
    const [, consent] = await parent.begin(await codeFor(h.app, f.school.id, f.parent.id), 2);
    await parent.push('cs:ok', 2, consent!.mid);
    await parent.ask('/privacy');
    await eventually(async () => parent.live().some((m) => m.text?.includes('Что о вас хранится')));
    const privacy = parent.live().find((m) => m.text?.includes('Что о вас хранится'))!;
    expect(privacy.text).toContain('Telegram: нет');
    expect(privacy.text).toContain('MAX: подключён');
  });

  it('a parent linked in both messengers chooses Telegram from the MAX bot: each notice comes once, in the chosen one', async () => {
    const f = await familySchool(h.app, 'Школа двух мессенджеров');
    // The parent linked in Telegram first (as /start there does), then in MAX: MAX, linked last, by default.
    const telegramChat = 880_555;
    await h.app.services.access.redeem({
      code: await codeFor(h.app, f.school.id, f.parent.id),
      telegramUserId: telegramChat,
      chatId: telegramChat,
    });
    h.clock.advance(60_000);
    const parent = bot.person(880_101);
    const [, consent] = await parent.begin(await codeFor(h.app, f.school.id, f.parent.id), 2);
    await parent.push('cs:ok', 2, consent!.mid);
    await parent.say('/messenger');
    // Screens of the consent step may still be arriving: the choice is the message with the messenger buttons.
    const withChoice = () => parent.live().find((m) => m.buttons.flat().some((b) => b.payload?.startsWith('pm1:')));
    await eventually(async () => withChoice() !== undefined);
    const choice = withChoice();
    expect(choice!.text).toContain('Telegram');
    expect(choice!.buttons.flat().map((b) => b.text)).toEqual(expect.arrayContaining([expect.stringContaining('✓ MAX')]));
    // A forged press for another person changes nothing.
    const forged = `pm1:${f.otherParent.id}:telegram`;
    await parent.press(choice!.mid, forged, { forge: true });
    await eventually(async () => (await h.app.services.access.messengerChoice(f.otherParent.id)).preferred === null);
    await parent.push(`pm1:${f.parent.id}:telegram`);
    await eventually(
      async () =>
        withChoice()
          ?.buttons.flat()
          .some((b) => b.text.includes('✓ Telegram')) === true,
    );
    expect((await h.app.services.access.messengerChoice(f.parent.id)).preferred).toBe('telegram');

    const sentBefore = parent.live().length;
    await h.app.services.journal.saveAttendance(f.teacherP, f.lessons[0]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });
    h.clock.advance(6 * 60_000);
    expect(await h.relay.tick()).toBeGreaterThanOrEqual(1);
    await eventually(async () =>
      h.telegram.calls.some((c) => c.chatId === telegramChat && c.text.includes('Посещаемость: <b>Иванов Иван</b>')),
    );
    const [row] = await h.app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, f.parent.id), eq(notifications.kind, 'absence')));
    expect(row!.channel).toBe('telegram');
    expect(parent.live()).toHaveLength(sentBefore);
  });

  it('a parent who stops the bot in MAX is marked unreachable at once, and reachable again on «Начать»', async () => {
    const f = await familySchool(h.app, 'Школа остановленного бота');
    const parent = bot.person(880_201);
    const [, consent] = await parent.begin(await codeFor(h.app, f.school.id, f.parent.id), 2);
    await parent.push('cs:ok', 2, consent!.mid);
    const statusOf = async () => (await h.app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, f.parent.id)))[0]?.status;
    expect(await statusOf()).toBe('active');
    await parent.stop();
    await eventually(async () => (await statusOf()) === 'blocked');
    await parent.begin(undefined, 1);
    expect(await statusOf()).toBe('active');
    // Reachable again: the next notice comes through MAX.
    await h.app.services.journal.saveAttendance(f.teacherP, f.lessons[1]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });
    h.clock.advance(6 * 60_000);
    await h.relay.tick();
    await eventually(async () => parent.live().some((m) => m.text?.includes('2-й урок')));
  });
});
