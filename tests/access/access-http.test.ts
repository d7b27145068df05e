import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('access codes over HTTP', () => {
  let app: App;
  let auth: Record<string, string>;
  let seed: ReturnType<typeof seeder>;
  let other: Awaited<ReturnType<typeof createSchool>>;

  beforeAll(async () => {
    app = await createTestApp({ env: { TELEGRAM_BOT_USERNAME: 'school_journal_bot' } });
    const created = await createSchool(app);
    auth = created.auth;
    seed = seeder(app, created.school.id);
    other = await createSchool(app);
  });
  afterAll(() => app.stop());

  it('issues a code for a user with a deep link and revokes the older one', async () => {
    const teacher = await seed.user(['teacher'], { lastName: 'Смирнова', firstName: 'Анна', middleName: 'Петровна' });
    const first = await app.http!.inject({ method: 'POST', url: `/v1/users/${teacher.id}/access-code`, headers: auth });
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body).toMatchObject({ userId: teacher.id, name: 'Смирнова Анна Петровна', roles: ['teacher'] });
    expect(body.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{8,}$/);
    expect(body.link).toBe(`https://t.me/school_journal_bot?start=${body.code}`);
    expect(new Date(body.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const second = await app.http!.inject({ method: 'POST', url: `/v1/users/${teacher.id}/access-code`, headers: auth });
    await expect(app.services.access.redeem({ code: body.code, telegramUserId: 7001, chatId: 7001 })).rejects.toMatchObject({
      reason: 'revoked',
    });
    const linked = await app.services.access.redeem({ code: second.json().code, telegramUserId: 7001, chatId: 7001 });
    expect(linked.userId).toBe(teacher.id);
  });

  it('hides users of another school behind 404', async () => {
    const stranger = await seeder(app, other.school.id).user(['teacher']);
    const res = await app.http!.inject({ method: 'POST', url: `/v1/users/${stranger.id}/access-code`, headers: auth });
    expect(res.statusCode).toBe(404);
    const del = await app.http!.inject({ method: 'DELETE', url: `/v1/users/${stranger.id}/access-code`, headers: auth });
    expect(del.statusCode).toBe(404);
    const group = await seeder(app, other.school.id).group('9Б');
    const g = await app.http!.inject({ method: 'POST', url: `/v1/groups/${group.id}/access-codes`, headers: auth });
    expect(g.statusCode).toBe(404);
  });

  it('prints the parents of a class as CSV with a BOM, and skips linked parents on request', async () => {
    const group = await seed.group('5А');
    const left = await seed.student(null, { lastName: 'Ушедший', firstName: 'Ученик' });
    const kid1 = await seed.student(group.id, { lastName: 'Кузнецов', firstName: 'Иван' });
    const kid2 = await seed.student(group.id, { lastName: 'Кузнецова', firstName: 'Ольга' });
    const mum = await seed.user(['parent'], { lastName: 'Кузнецова', firstName: 'Елена', middleName: 'Игоревна' });
    const dad = await seed.user(['parent'], { lastName: 'Орлов', firstName: 'Павел' });
    const outsider = await seed.user(['parent'], { lastName: 'Чужой', firstName: 'Родитель' });
    await seed.guardian(mum.id, kid1.id);
    await seed.guardian(mum.id, kid2.id);
    await seed.guardian(dad.id, kid1.id);
    await seed.guardian(outsider.id, left.id);

    const res = await app.http!.inject({ method: 'POST', url: `/v1/groups/${group.id}/access-codes?format=csv`, headers: auth });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Фамилия Имя Отчество;Роль;Ученик(и);Код;Ссылка;Ссылка MAX;Действует до');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^Кузнецова Елена Игоревна;Родитель;Кузнецов Иван, Кузнецова Ольга;[A-Z0-9]{10};https:\/\/t\.me\/school_journal_bot\?start=[A-Z0-9]{10};;\d{2}\.\d{2}\.\d{4}$/,
    );
    expect(res.body).not.toContain('Чужой');

    const viaAccept = await app.http!.inject({
      method: 'POST',
      url: `/v1/groups/${group.id}/access-codes`,
      headers: { ...auth, accept: 'text/csv' },
    });
    expect(viaAccept.body.startsWith('\uFEFF')).toBe(true);

    const code = (await app.http!.inject({ method: 'POST', url: `/v1/users/${dad.id}/access-code`, headers: auth })).json().code;
    await app.services.access.redeem({ code, telegramUserId: 7002, chatId: 7002 });
    const json = await app.http!.inject({ method: 'POST', url: `/v1/groups/${group.id}/access-codes?onlyUnlinked=true`, headers: auth });
    expect(json.json().codes.map((c: { userId: number }) => c.userId)).toEqual([mum.id]);

    const users = await app.http!.inject({ method: 'GET', url: `/v1/users?groupId=${group.id}&role=parent`, headers: auth });
    expect(users.statusCode).toBe(200);
    const byId = new Map(users.json().map((u: { id: number }) => [u.id, u]));
    expect(byId.get(dad.id)).toMatchObject({ telegramLinked: true, pendingCode: false });
    expect(byId.get(mum.id)).toMatchObject({ telegramLinked: false, pendingCode: true });
    expect(byId.has(outsider.id)).toBe(false);
  });

  it('revokes unused codes', async () => {
    const parent = await seed.user(['parent']);
    const code = (await app.http!.inject({ method: 'POST', url: `/v1/users/${parent.id}/access-code`, headers: auth })).json().code;
    const res = await app.http!.inject({ method: 'DELETE', url: `/v1/users/${parent.id}/access-code`, headers: auth });
    expect(res.json()).toEqual({ revoked: 1 });
    await expect(app.services.access.redeem({ code, telegramUserId: 7003, chatId: 7003 })).rejects.toMatchObject({ reason: 'revoked' });
  });

  it('unlinks a linked account, says so when there was none, and hides other schools behind 404', async () => {
    const parent = await seed.user(['parent']);
    const code = (await app.http!.inject({ method: 'POST', url: `/v1/users/${parent.id}/access-code`, headers: auth })).json().code;
    await app.services.access.redeem({ code, telegramUserId: 7004, chatId: 7004 });
    const unlink = () => app.http!.inject({ method: 'POST', url: `/v1/users/${parent.id}/unlink`, headers: auth });
    expect((await unlink()).json()).toEqual({ unlinked: true });
    expect(await app.services.access.identify(7004)).toEqual([]);
    expect((await unlink()).json()).toEqual({ unlinked: false });
    expect((await app.http!.inject({ method: 'POST', url: '/v1/users/2147483000/unlink', headers: auth })).statusCode).toBe(404);
  });

  it('rejects a bad role filter', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/v1/users?role=king', headers: auth });
    expect(res.statusCode).toBe(400);
  });
});
