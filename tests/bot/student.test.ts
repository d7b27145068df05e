import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { parentFeatures } from '../../src/bot/features/parent/index.js';
import { familyAfterLink, studentFeatures } from '../../src/bot/features/student/index.js';
import { consents, invites, lessons, students } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { startBotHarness, uniqueChatId } from '../helpers/bot.js';
import { familySchool } from '../family/fixture.js';
import { testClock } from '../journal/fixture.js';

type Family = Awaited<ReturnType<typeof familySchool>>;

describe('the student in the bot (emulator)', () => {
  const clock = testClock(); // Wednesday 2026-10-14, Moscow
  let app: App;
  let harness: Awaited<ReturnType<typeof startBotHarness>>;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    harness = await startBotHarness(app, {
      features: [...parentFeatures({ family: app.services.family }), ...studentFeatures({ family: app.services.family })],
      deps: { afterLink: familyAfterLink(app.services.family) },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await app.stop();
  });

  async function studentCode(f: Family, birthDate: string | null) {
    await app.db.db.update(students).set({ birthDate }).where(eq(students.id, f.child.id));
    const issued = await app.services.access.issueStudentCodes({ kind: 'api', schoolId: f.school.id }, f.school.id, {
      studentIds: [f.child.id],
    });
    expect(issued.codes).toHaveLength(1);
    expect(issued.codes[0]!.kind).toBe('student');
    return issued.codes[0]!;
  }

  it('an under-14 is refused without a guardian’s consent; the same code works after the parent consents', async () => {
    const f = await familySchool(app);
    const code = await studentCode(f, '2015-02-01');
    const chatId = uniqueChatId();
    const chat = harness.chat(chatId);
    await chat.send(`/start ${code.code}`);
    expect((await chat.reply()).text).toContain('только после согласия родителя');
    const [invite] = await app.db.db.select().from(invites).where(eq(invites.userId, code.userId));
    expect(invite!.usedAt).toBeNull();
    expect(await app.services.access.identify(chatId)).toEqual([]);

    await app.services.family.grantConsent(f.parentP);
    await chat.send(`/start ${code.code}`);
    const [linked] = await chat.replies(1);
    expect(linked!.text).toContain('Иванов Иван');
    const menu = await chat.ask('Уроки сегодня');
    expect(menu.text).toContain('<b>Иванов Иван</b>');
  });

  it('a 15-year-old links, consents, and sees today with homework and room', async () => {
    const f = await familySchool(app);
    await app.db.db.update(lessons).set({ room: '214', homework: '№ 5, 7' }).where(eq(lessons.id, f.lessons[0]!.id));
    const code = await studentCode(f, '2011-05-20');
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${code.code}`);
    const [, prompt] = await chat.replies(2);
    expect(prompt!.text).toContain('Вам исполнилось 14 лет');
    expect(prompt!.text).toContain('Согласие на обработку персональных данных');
    const before = await chat.ask('Уроки сегодня');
    expect(before.text).toContain('Вам исполнилось 14 лет'); // nothing shown before consent
    await chat.press('sc:ok', prompt!.message_id);
    expect((await chat.reply()).text).toContain('Согласие записано');
    const rows = await app.db.db.select().from(consents).where(eq(consents.parentId, code.userId));
    expect(rows.map((r) => r.version)).toEqual(['2026-11']);

    const today = await chat.ask('Уроки сегодня');
    expect(today.text).toContain('1. <b>Математика</b> (каб. 214)');
    expect(today.text).toContain('Д/з: № 5, 7');
    const week = await chat.ask('Неделя');
    expect(week.inline.flat().map((b) => b.data)).toContain(`sw:${f.child.id}:20261005`);
    await chat.press(`sw:${f.child.id}:20261005`, week.message_id);
    expect((await chat.reply()).text).toContain('5 октября');
    const grades = await chat.ask('Оценки');
    expect(grades.text).toContain('<b>Иванов Иван</b>');
  });

  it('a student withdraws their own consent in /privacy: nothing is shown after, and they may give it again', async () => {
    const f = await familySchool(app);
    const code = await studentCode(f, '2011-05-20');
    await app.db.db.insert(consents).values({ parentId: code.userId, version: '2026-11', via: 'bot' });
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${code.code}`);
    await chat.replies(1);
    const privacy = await chat.ask('/privacy');
    expect(privacy.text).toContain('<b>Что о вас хранится</b>');
    expect(privacy.text).not.toContain('Дети:');
    expect(privacy.text).toContain('Согласие на обработку данных: дано');
    await chat.press('pv:w', privacy.message_id);
    const confirm = await chat.reply();
    await chat.press('pv:wy', confirm.message_id);
    expect((await chat.reply()).text).toContain('Бот больше не показывает ваши уроки и оценки');
    const rows = await app.db.db.select().from(consents).where(eq(consents.parentId, code.userId));
    expect(rows.every((r) => r.withdrawnAt !== null)).toBe(true);
    const after = await chat.ask('Уроки сегодня');
    expect(after.text).not.toContain('Математика');
    const again = await chat.ask('/privacy');
    expect(again.text).toContain('отозвано');
    expect(again.inline.flat().map((b) => b.data)).toEqual(['sc:ok']);
  });

  it('forged buttons for another student are refused and show nothing', async () => {
    const f = await familySchool(app);
    const code = await studentCode(f, '2011-05-20');
    await app.db.db.insert(consents).values({ parentId: code.userId, version: '2026-11', via: 'bot' });
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${code.code}`);
    const [linked] = await chat.replies(1);
    const refusals: [string, string][] = [
      [`sd:${f.other.id}:t`, 'Это недоступно'],
      [`sw:${f.other.id}:20261012`, 'Это недоступно'],
      [`sd:x:t`, 'Это недоступно'],
      [`pp:${f.other.id}`, 'Эти оценки недоступны'],
      [`pc:d:${f.other.id}`, 'Главное меню'],
    ];
    for (const [data, answer] of refusals) {
      await chat.press(data, linked!.message_id);
      const reply = await chat.reply();
      expect(reply.text).toContain(answer);
      expect(reply.text).not.toContain('Абрамова');
    }
    const [mine] = await app.db.db
      .select()
      .from(invites)
      .where(and(eq(invites.userId, code.userId)));
    expect(mine!.usedAt).not.toBeNull();
  });

  it('the class teacher may issue codes for their class; another teacher may not', async () => {
    const f = await familySchool(app);
    const mine = await app.services.access.issueStudentCodes(f.as(f.classTeacher), f.school.id, { groupId: f.group.id });
    expect(mine.codes.map((c) => c.name).sort()).toEqual(['Абрамова Анна', 'Иванов Иван']);
    const again = await app.services.access.issueStudentCodes(f.as(f.classTeacher), f.school.id, { studentIds: [f.child.id] });
    const old = mine.codes.find((c) => c.studentId === f.child.id)!;
    expect(again.codes[0]!.userId).toBe(old.userId); // one account per pupil; the old code is revoked
    const [oldInvite] = await app.db.db.select().from(invites).where(eq(invites.userId, old.userId)).orderBy(invites.id).limit(1);
    expect(oldInvite!.revokedAt).not.toBeNull();
    await expect(app.services.access.issueStudentCodes(f.teacherP, f.school.id, { groupId: f.group.id })).rejects.toThrow(/class teacher/);
    await expect(app.services.access.issueStudentCodes(f.teacherP, f.school.id, { studentIds: [999_999] })).rejects.toThrow(/not found/i);
  });
});
