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
    expect(res.users).toMatchObject([{ userId: teacher.id, schoolId, timezone: 'Asia/Novokuznetsk', roles: ['teacher', 'parent'], locale: 'ru', firstName: 'Олег' }]);
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
    await app.services.access.redeem({ code: (await app.services.access.issueForUser(api(), schoolId, a.id)).code, telegramUserId: id, chatId: id });
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
    await expect(app.services.access.redeem({ code: 'AAAA-AAAA-AA', telegramUserId: id, chatId: id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('locks a chat out after five wrong codes within an hour, then lets it in again', async () => {
    const parent = await seed.user(['parent']);
    const { code } = await app.services.access.issueForUser(api(), schoolId, parent.id);
    const id = ++chat;
    for (let i = 0; i < 5; i++) {
      await expect(app.services.access.redeem({ code: `WRONGCODE${i}`, telegramUserId: id, chatId: id })).rejects.toBeInstanceOf(NotFoundError);
      clock.advance(60_000);
    }
    const locked = await app.services.access.redeem({ code, telegramUserId: id, chatId: id }).catch((e) => e);
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect(locked.retryAfterSeconds).toBe(55 * 60);
    // Another chat is not affected.
    await expect(app.services.access.redeem({ code: 'WRONGCODE9', telegramUserId: id + 50, chatId: id + 50 })).rejects.toBeInstanceOf(NotFoundError);
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
});
