import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { GoneError, NotFoundError, RateLimitedError } from '../../src/domain/shared/errors.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('redeeming access codes', () => {
  const clock = manualClock('2026-10-01T09:00:00Z');
  let app: App;
  let schoolId: number;
  let seed: ReturnType<typeof seeder>;
  const api = () => ({ kind: 'api' as const, schoolId });
  let chat = 880_000 + (process.pid % 1000) * 100;
  /** A wrong code that looks like one (length and alphabet), so it counts as a guess. */
  const wrong = (i: number) => `ACDEFGHJ${'KMNPQRTUVWXY34679'[i % 17]}${'34679'[Math.floor(i / 17) % 5]}`;

  beforeAll(async () => {
    app = await createTestApp({ clock, env: { INVITE_TTL_DAYS: '30' } });
    const created = await createSchool(app, { timezone: 'Asia/Novokuznetsk' });
    schoolId = created.school.id;
    seed = seeder(app, schoolId);
  });
  afterAll(() => app.stop());

  it('links the account once, forgiving case, spaces and dashes', async () => {
    const teacher = await seed.user(['teacher', 'parent'], { firstName: 'Олег' });
    const { code } = await app.services.access.issueForUser(api(), schoolId, teacher.id);
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4, 7)} ${code.slice(7)} `;
    const id = ++chat;
    const res = await app.services.access.redeem({ code: typed, telegramUserId: id, chatId: id });
    expect(res.users).toMatchObject([
      { userId: teacher.id, schoolId, timezone: 'Asia/Novokuznetsk', roles: ['teacher', 'parent'], locale: 'ru', firstName: 'Олег' },
    ]);
    await expect(app.services.access.redeem({ code, telegramUserId: id + 1, chatId: id + 1 })).rejects.toMatchObject({ reason: 'used' });
    const audit = await app.services.uow.repos.audit.list({ schoolId, entity: 'user', entityId: String(teacher.id), limit: 10 });
    expect(audit.map((a) => a.action)).toContain('telegram_linked');
    expect(audit.find((a) => a.action === 'telegram_linked')!.via).toBe('bot');
  });

  it('lets one Telegram account act as several users', async () => {
    const other = await createSchool(app);
    const a = await seed.user(['parent']);
    const b = await seeder(app, other.school.id).user(['parent']);
    const id = ++chat;
    await app.services.access.redeem({
      code: (await app.services.access.issueForUser(api(), schoolId, a.id)).code,
      telegramUserId: id,
      chatId: id,
    });
    const second = await app.services.access.issueForUser({ kind: 'api', schoolId: other.school.id }, other.school.id, b.id);
    const res = await app.services.access.redeem({ code: second.code, telegramUserId: id, chatId: id });
    expect(res.users.map((u) => u.userId)).toEqual([a.id, b.id]);
    await app.services.access.setLocale(id, 'en');
    expect((await app.services.access.identify(id)).map((u) => u.locale)).toEqual(['en', 'en']);
  });

  it('tells expired codes apart from wrong ones', async () => {
    const parent = await seed.user(['parent']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    clock.advance(31 * 86_400_000);
    const id = ++chat;
    const err = await app.services.access.redeem({ code, telegramUserId: id, chatId: id }).catch((e) => e);
    expect(err).toBeInstanceOf(GoneError);
    expect(err.reason).toBe('expired');
    await expect(app.services.access.redeem({ code: 'AAAA-AAAA-AA', telegramUserId: id, chatId: id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('locks a chat out after five wrong codes within an hour, then lets it in again', async () => {
    const parent = await seed.user(['parent']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    const id = ++chat;
    for (let i = 0; i < 5; i++) {
      await expect(app.services.access.redeem({ code: wrong(i), telegramUserId: id, chatId: id })).rejects.toBeInstanceOf(NotFoundError);
      clock.advance(60_000);
    }
    const locked = await app.services.access.redeem({ code, telegramUserId: id, chatId: id }).catch((e) => e);
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect(locked.retryAfterSeconds).toBe(55 * 60);
    // Another chat is not affected.
    await expect(app.services.access.redeem({ code: wrong(9), telegramUserId: id + 50, chatId: id + 50 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    clock.advance(55 * 60_000);
    const ok = await app.services.access.redeem({ code, telegramUserId: id, chatId: id });
    expect(ok.userId).toBe(parent.id);
  });

  it('does not link a deactivated user', async () => {
    const parent = await seed.user(['parent']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    await app.db.sql`update users set active = false where id = ${parent.id}`;
    const id = ++chat;
    await expect(app.services.access.redeem({ code, telegramUserId: id, chatId: id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('does not count text that cannot be a code, and locks out a Telegram account guessing from many chats', async () => {
    const parent = await seed.user(['parent']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    const user = ++chat + 500_000;
    for (const text of ['привет', 'Hello there', 'WRONGCODE1', 'ACDEFGHJKMN', '/menu', '']) {
      for (let i = 0; i < 6; i++)
        await expect(app.services.access.redeem({ code: text, telegramUserId: user, chatId: user })).rejects.toBeInstanceOf(NotFoundError);
    }
    // Ten wrong codes, two from each of five chats (groups the account writes in): under each chat's limit.
    for (let i = 0; i < 10; i++) {
      await expect(
        app.services.access.redeem({ code: wrong(i), telegramUserId: user, chatId: -(user * 10 + Math.floor(i / 2)) }),
      ).rejects.toBeInstanceOf(NotFoundError);
      clock.advance(60_000);
    }
    const locked = await app.services.access.redeem({ code, telegramUserId: user, chatId: -(user * 10 + 9) }).catch((e) => e);
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect(locked.retryAfterSeconds).toBe(50 * 60);
    clock.advance(50 * 60_000);
    expect((await app.services.access.redeem({ code, telegramUserId: user, chatId: user })).userId).toBe(parent.id);
  });
});

describe('the global lock-out of access codes', () => {
  const clock = manualClock('2026-10-01T09:00:00Z');
  let app: App;

  beforeAll(async () => {
    // Its own database: a thousand wrong codes would lock every other test out.
    app = await createTestApp({ clock, isolatedDatabase: true });
  });
  afterAll(() => app.stop());

  it('stops every chat once a thousand wrong codes arrived within an hour', async () => {
    const { school } = await createSchool(app);
    const parent = await seeder(app, school.id).user(['parent']);
    const { code } = await app.services.access.issueForUser({ kind: 'api', schoolId: school.id }, school.id, parent.id);
    const at = new Date(clock.now().getTime() - 30 * 60_000);
    await app.db
      .sql`insert into code_attempts (chat_id, telegram_user_id, at) select n, n, ${at.toISOString()}::timestamptz from generate_series(1, 1000) n`;
    const locked = await app.services.access.redeem({ code, telegramUserId: 5_000_001, chatId: 5_000_001 }).catch((e) => e);
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect(locked.retryAfterSeconds).toBe(30 * 60);
    clock.advance(30 * 60_000);
    expect((await app.services.access.redeem({ code, telegramUserId: 5_000_001, chatId: 5_000_001 })).userId).toBe(parent.id);
  });
});
