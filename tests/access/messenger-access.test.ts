import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { BotAccess } from '../../src/bot/deps.js';
import { invites, maxLinks, students, users } from '../../src/db/schema/index.js';
import { StudentConsentRequiredError } from '../../src/domain/family/student-guard.js';
import { NotFoundError, RateLimitedError, ValidationError } from '../../src/domain/shared/errors.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('access per messenger: the same linking, identity, language and logout in MAX as in Telegram', () => {
  const clock = manualClock('2026-10-01T09:00:00Z');
  let app: App;
  let schoolId: number;
  let schoolName: string;
  let seed: ReturnType<typeof seeder>;
  const api = () => ({ kind: 'api' as const, schoolId });
  let id = 660_000 + (process.pid % 1000) * 100;
  /** Ten apart, so ids made from one (id + 5) never meet the next. */
  const nextId = () => {
    id += 10;
    return id;
  };
  const wrong = (i: number) => `ACDEFGHJ${'KMNPQRTUVWXY34679'[i % 17]}${'34679'[Math.floor(i / 17) % 5]}`;
  const max = () => app.services.access.forMessenger('max');
  const telegram = () => app.services.access.forMessenger('telegram');
  const codeOf = async (userId: number) => (await app.services.access.issueForUser(api(), schoolId, userId)).code;
  const auditOf = async (userId: number) =>
    app.services.uow.repos.audit.list({ schoolId, entity: 'user', entityId: String(userId), limit: 50 });
  const maxLinkOf = async (userId: number) => (await app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, userId)))[0] ?? null;

  beforeAll(async () => {
    app = await createTestApp({ clock });
    const created = await createSchool(app, { timezone: 'Asia/Novokuznetsk' });
    schoolId = created.school.id;
    schoolName = created.school.name;
    seed = seeder(app, schoolId);
  });
  afterAll(() => app.stop());

  it('telegram is the service’s own calls; an unknown messenger is refused', () => {
    const access = app.services.access;
    expect(telegram().identifyChat).toBe(access.identifyChat);
    expect(telegram().redeem).toBe(access.redeem);
    expect(() => access.forMessenger('icq' as never)).toThrow(ValidationError);
    // What createBot takes: the MAX carrier passes this where Telegram passes the service.
    const port: BotAccess = access.forMessenger('max');
    expect(Object.keys(port).sort()).toEqual(['identifyChat', 'logout', 'redeem', 'setLocale']);
  });

  it('refuses a student under 14 in MAX until a guardian consents, then links with the same code', async () => {
    const group = await seed.group('3Б');
    const child = await seed.student(group.id, { lastName: 'Юнина', firstName: 'Ася' });
    await app.db.db.update(students).set({ birthDate: '2017-03-01' }).where(eq(students.id, child.id));
    const parent = await seed.user(['parent']);
    await seed.guardian(parent.id, child.id);
    const issued = await app.services.access.issueStudentCodes(api(), schoolId, { studentIds: [child.id] });
    const { code, userId: studentUserId } = issued.codes[0]!;
    const who = nextId();

    await expect(max().redeem({ code, telegramUserId: who, chatId: who + 5 })).rejects.toBeInstanceOf(StudentConsentRequiredError);
    expect(await maxLinkOf(studentUserId)).toBeNull();

    await app.services.family.grantConsent({ kind: 'user', userId: parent.id, schoolId, roles: ['parent'] });
    const res = await max().redeem({ code, telegramUserId: who, chatId: who + 5 });
    expect(res).toMatchObject({ userId: studentUserId, schoolId });
    expect(res.users).toMatchObject([{ userId: studentUserId, roles: ['student'], lastName: 'Юнина', schoolName }]);
    expect(await maxLinkOf(studentUserId)).toMatchObject({ maxUserId: who, chatId: who + 5, status: 'active' });
    // No Telegram account took the code, and none was linked.
    const [invite] = await app.db.db.select().from(invites).where(eq(invites.userId, studentUserId));
    expect(invite).toMatchObject({ usedByTelegramId: null });
    expect(invite!.usedAt).not.toBeNull();
    const [user] = await app.db.db.select().from(users).where(eq(users.id, studentUserId));
    expect(user!.telegramUserId).toBeNull();
    const audit = await auditOf(studentUserId);
    expect(audit.filter((a) => a.action === 'max_linked')).toHaveLength(1);
    expect(audit.some((a) => a.action === 'telegram_linked')).toBe(false);
    await expect(max().redeem({ code, telegramUserId: who + 1, chatId: who + 1 })).rejects.toMatchObject({ reason: 'used' });
  });

  it('counts wrong codes per messenger: a locked Telegram chat does not lock the MAX chat of the same number, and back', async () => {
    const chat = nextId();
    for (let i = 0; i < 5; i++)
      await expect(telegram().redeem({ code: wrong(i), telegramUserId: chat, chatId: chat })).rejects.toBeInstanceOf(NotFoundError);
    const teacher = await seed.user(['teacher']);
    const code = await codeOf(teacher.id);
    await expect(telegram().redeem({ code, telegramUserId: chat, chatId: chat })).rejects.toBeInstanceOf(RateLimitedError);
    // The same numbers in MAX are someone else: the valid code still links there.
    await expect(max().redeem({ code, telegramUserId: chat, chatId: chat })).resolves.toMatchObject({ userId: teacher.id });

    const other = nextId();
    for (let i = 0; i < 5; i++)
      await expect(max().redeem({ code: wrong(i + 7), telegramUserId: other, chatId: other })).rejects.toBeInstanceOf(NotFoundError);
    const parent = await seed.user(['parent']);
    const code2 = await codeOf(parent.id);
    await expect(max().redeem({ code: code2, telegramUserId: other, chatId: other })).rejects.toBeInstanceOf(RateLimitedError);
    await expect(telegram().redeem({ code: code2, telegramUserId: other, chatId: other })).resolves.toMatchObject({ userId: parent.id });
    // The lock-out held before the code was looked at: it is still unused by MAX, used by Telegram.
    expect(await maxLinkOf(parent.id)).toBeNull();
  });

  it('identifies a MAX account by its MAX user id only, with the shape Telegram gets', async () => {
    const person = await seed.user(['teacher', 'class_teacher'], { lastName: 'Орлова', firstName: 'Нина', middleName: 'Петровна' });
    const who = nextId();
    await max().redeem({ code: await codeOf(person.id), telegramUserId: who, chatId: who + 5 });
    const identity = await max().identifyChat(who);
    expect(identity).toEqual({
      users: [
        {
          userId: person.id,
          schoolId,
          schoolName,
          timezone: 'Asia/Novokuznetsk',
          roles: ['teacher', 'class_teacher'],
          locale: 'ru',
          lastName: 'Орлова',
          firstName: 'Нина',
          middleName: 'Петровна',
        },
      ],
      locale: null,
      closedBy: null,
    });
    // The Telegram account and the MAX dialog with these numbers are nobody.
    expect((await telegram().identifyChat(who)).users).toEqual([]);
    expect((await max().identifyChat(who + 5)).users).toEqual([]);
  });

  it('keeps a language chosen in MAX before linking and gives it to the user linked then; Telegram’s is apart', async () => {
    const who = nextId();
    await max().setLocale(who, 'en');
    expect(await max().identifyChat(who)).toEqual({ users: [], locale: 'en', closedBy: null });
    expect((await telegram().identifyChat(who)).locale).toBeNull();
    const parent = await seed.user(['parent']);
    const res = await max().redeem({ code: await codeOf(parent.id), telegramUserId: who, chatId: who });
    expect(res.users[0]!.locale).toBe('en');
    const [user] = await app.db.db.select().from(users).where(eq(users.id, parent.id));
    expect(user!.locale).toBe('en');
    // Changing it later changes the linked user's too.
    await max().setLocale(who, 'ru');
    expect((await max().identifyChat(who)).users[0]!.locale).toBe('ru');
    await expect(max().setLocale(who, 'de' as never)).rejects.toBeInstanceOf(ValidationError);
  });

  it('logout in MAX ends the MAX links of that account and leaves the Telegram link', async () => {
    const parent = await seed.user(['parent']);
    const tg = nextId();
    const mx = nextId();
    await telegram().redeem({ code: await codeOf(parent.id), telegramUserId: tg, chatId: tg });
    await max().redeem({ code: await codeOf(parent.id), telegramUserId: mx, chatId: mx });
    expect(await max().logout(mx)).toEqual({ unlinked: 1 });
    expect(await maxLinkOf(parent.id)).toBeNull();
    expect((await max().identifyChat(mx)).users).toEqual([]);
    expect((await telegram().identifyChat(tg)).users.map((u) => u.userId)).toEqual([parent.id]);
    const unlinked = (await auditOf(parent.id)).filter((a) => a.action === 'max_unlinked');
    expect(unlinked).toMatchObject([{ via: 'bot', actorId: parent.id, after: { by: 'self' } }]);
    expect(await max().logout(mx)).toEqual({ unlinked: 0 });
  });

  it('the administrator’s unlink ends both links, audited per messenger', async () => {
    const parent = await seed.user(['parent']);
    const tg = nextId();
    const mx = nextId();
    await telegram().redeem({ code: await codeOf(parent.id), telegramUserId: tg, chatId: tg });
    await max().redeem({ code: await codeOf(parent.id), telegramUserId: mx, chatId: mx });
    expect(await app.services.access.unlink(api(), schoolId, parent.id)).toEqual({ unlinked: true });
    expect((await telegram().identifyChat(tg)).users).toEqual([]);
    expect((await max().identifyChat(mx)).users).toEqual([]);
    expect(await maxLinkOf(parent.id)).toBeNull();
    const actions = (await auditOf(parent.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'telegram_unlinked')).toHaveLength(1);
    expect(actions.filter((a) => a === 'max_unlinked')).toHaveLength(1);

    // Linked in MAX only: unlink ends that one.
    const other = await seed.user(['parent']);
    const mx2 = nextId();
    await max().redeem({ code: await codeOf(other.id), telegramUserId: mx2, chatId: mx2 });
    expect(await app.services.access.unlink(api(), schoolId, other.id)).toEqual({ unlinked: true });
    expect(await maxLinkOf(other.id)).toBeNull();
    expect(await app.services.access.unlink(api(), schoolId, other.id)).toEqual({ unlinked: false });
  });

  it('deactivation ends the MAX link and the MAX account hears that the school closed the access', async () => {
    const teacher = await seed.user(['teacher']);
    const mx = nextId();
    await max().redeem({ code: await codeOf(teacher.id), telegramUserId: mx, chatId: mx });
    expect(await app.services.staff.deactivate(api(), schoolId, teacher.id, { dryRun: true })).toMatchObject({
      maxUnlinked: true,
      telegramUnlinked: false,
    });
    expect(await app.services.staff.deactivate(api(), schoolId, teacher.id, {})).toMatchObject({
      maxUnlinked: true,
      telegramUnlinked: false,
    });
    expect(await maxLinkOf(teacher.id)).toBeNull();
    expect(await max().identifyChat(mx)).toMatchObject({ users: [], closedBy: schoolName });
    const audit = await auditOf(teacher.id);
    expect(audit.find((a) => a.action === 'max_unlinked')).toMatchObject({ after: { by: 'deactivation' } });
    expect(audit.find((a) => a.action === 'deactivate')).toMatchObject({ after: { maxUnlinked: true, telegramUnlinked: false } });
    // Back and linked again in MAX: the closed access no longer speaks for the account.
    await app.services.staff.reactivate(api(), schoolId, teacher.id);
    await max().redeem({ code: await codeOf(teacher.id), telegramUserId: mx, chatId: mx });
    expect(await max().identifyChat(mx)).toMatchObject({ users: [{ userId: teacher.id }], closedBy: null });
  });

  it('the preferred messenger: linked ones only, audited; the effective one follows the choice, else the one linked last', async () => {
    const access = app.services.access;
    const parent = await seed.user(['parent']);
    expect(await access.messengerChoice(parent.id)).toEqual({ linked: [], preferred: null, effective: null });
    const tg = nextId();
    await telegram().redeem({ code: await codeOf(parent.id), telegramUserId: tg, chatId: tg });
    expect(await access.messengerChoice(parent.id)).toEqual({ linked: ['telegram'], preferred: null, effective: 'telegram' });
    await expect(access.setPreferredMessenger(parent.id, 'max')).rejects.toBeInstanceOf(ValidationError);
    await expect(access.setPreferredMessenger(parent.id, 'sms' as never)).rejects.toBeInstanceOf(ValidationError);

    clock.advance(60_000);
    const mx = nextId();
    await max().redeem({ code: await codeOf(parent.id), telegramUserId: mx, chatId: mx });
    expect(await access.messengerChoice(parent.id)).toEqual({ linked: ['telegram', 'max'], preferred: null, effective: 'max' });
    expect(await access.setPreferredMessenger(parent.id, 'telegram')).toEqual({
      linked: ['telegram', 'max'],
      preferred: 'telegram',
      effective: 'telegram',
    });
    const [user] = await app.db.db.select().from(users).where(eq(users.id, parent.id));
    expect(user!.preferredMessenger).toBe('telegram');
    const set = (await auditOf(parent.id)).filter((a) => a.action === 'preferred_messenger_set');
    expect(set).toMatchObject([{ via: 'bot', actorId: parent.id, before: { preferred: null }, after: { preferred: 'telegram' } }]);

    // Unlinked from Telegram: the choice stays stored but notices go where the person is linked.
    await telegram().logout(tg);
    expect(await access.messengerChoice(parent.id)).toEqual({ linked: ['max'], preferred: 'telegram', effective: 'max' });
    await expect(access.messengerChoice(999_999_999)).rejects.toBeInstanceOf(NotFoundError);
  });
});
