import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { journalSchool, journalSuite, testClock, TODAY } from '../journal/fixture.js';
import { linkTelegram } from '../bot/teacher-fixture.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('POST /v1/users/:id/deactivate and /reactivate', () => {
  const clock = testClock();
  let app: App;
  journalSuite(clock, (a) => {
    app = a;
  });

  const post = (url: string, auth: Record<string, string>, payload?: unknown) =>
    app.http!.inject({ method: 'POST', url, headers: auth, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('ends access at once, revokes codes, lists future lessons by course with the substitute, and audits', async () => {
    const s = await journalSchool(app);
    const other = await s.seed.group('6Б');
    const physics = await s.seed.course(other.id, s.colleague.id, 'Физика');
    const past = await s.seed.lesson(s.course, '2026-10-13', '09:00');
    const today = await s.seed.lesson(s.course, TODAY, '09:00', { period: 1 });
    const covered = await s.seed.lesson(s.course, '2026-10-15', '10:00', { period: 2, substituteId: s.substitute.id });
    const cancelled = await s.seed.lesson(s.course, '2026-10-16', '10:00', { status: 'cancelled', cancelReason: 'карантин' });
    const subbing = await s.seed.lesson(physics, '2026-10-16', '11:00', { period: 4, substituteId: s.teacher.id });
    const chatId = await linkTelegram(app, s.teacher.id);
    const { code } = await app.services.access.issueForUser(s.api, s.school.id, s.teacher.id);

    const dry = await post(`/v1/users/${s.teacher.id}/deactivate`, s.auth, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, telegramUnlinked: true, maxUnlinked: false, codesRevoked: 1, user: { active: true } });
    expect(await app.services.access.identify(chatId)).toHaveLength(1);

    const res = await post(`/v1/users/${s.teacher.id}/deactivate`, s.auth, { reason: 'Уволилась по собственному желанию' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: false,
      date: TODAY,
      reason: 'Уволилась по собственному желанию',
      telegramUnlinked: true,
      codesRevoked: 1,
      user: { id: s.teacher.id, active: false, roles: ['teacher'] },
    });
    expect(body.lessons.total).toBe(3);
    const [own, sub] = body.lessons.courses;
    expect(own).toMatchObject({ courseId: s.course.id, subject: 'Математика', groupName: '5А', as: 'teacher' });
    expect(own.lessons.map((l: { lessonId: number }) => l.lessonId)).toEqual([today.id, covered.id]);
    expect(own.lessons[1].substitute).toEqual({ id: s.substitute.id, name: 'Попова Мария' });
    expect(own.lessons[0].substitute).toBeNull();
    expect(own.hint).toContain(`POST /v1/courses/${s.course.id}/handover`);
    expect(sub).toMatchObject({ courseId: physics.id, as: 'substitute', lessons: [{ lessonId: subbing.id, substitute: null }] });
    expect(sub.hint).toContain('PUT /v1/lessons/<id>/substitute');
    // Yesterday's lesson and the cancelled one need nobody.
    const listedIds = body.lessons.courses.flatMap((c: { lessons: { lessonId: number }[] }) => c.lessons.map((l) => l.lessonId));
    expect(listedIds).not.toContain(past.id);
    expect(listedIds).not.toContain(cancelled.id);

    // The link ended, the code is dead, and a new one is refused.
    expect(await app.services.access.identify(chatId)).toEqual([]);
    expect((await app.services.access.identifyChat(chatId)).closedBy).toBe(s.school.name);
    await expect(app.services.access.redeem({ code, telegramUserId: chatId, chatId })).rejects.toMatchObject({ code: 'not_found' });
    expect((await post(`/v1/users/${s.teacher.id}/access-code`, s.auth)).statusCode).toBe(422);
    const listed = await app.http!.inject({ method: 'GET', url: '/v1/users?role=teacher', headers: s.auth });
    expect(listed.json().find((u: { id: number }) => u.id === s.teacher.id)).toMatchObject({ active: false, telegramLinked: false });

    const audit = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'user', limit: 100 });
    const mine = audit.filter((a) => a.entityId === String(s.teacher.id)).map((a) => a.action);
    expect(mine).toEqual(expect.arrayContaining(['deactivate', 'telegram_unlinked']));
    expect(audit.find((a) => a.action === 'deactivate')).toMatchObject({
      via: 'api',
      after: { date: TODAY, reason: 'Уволилась по собственному желанию', telegramUnlinked: true, codesRevoked: 1 },
    });

    // Deactivating again is a conflict; reactivating brings the person back without a link.
    const again = await post(`/v1/users/${s.teacher.id}/deactivate`, s.auth, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual([{ path: 'id', message: 'is not active' }]);
    // No body at all is the same as {}.
    const back = await post(`/v1/users/${s.teacher.id}/reactivate`, s.auth);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ user: { id: s.teacher.id, active: true } });
    expect(back.json().hint).toContain(`/v1/users/${s.teacher.id}/access-code`);
    expect((await app.services.access.identifyChat(chatId)).closedBy).toBeNull();
    expect((await post(`/v1/users/${s.teacher.id}/reactivate`, s.auth)).statusCode).toBe(409);
    const fresh = (await post(`/v1/users/${s.teacher.id}/access-code`, s.auth)).json().code;
    const linked = await app.services.access.redeem({ code: fresh, telegramUserId: chatId, chatId });
    expect(linked.userId).toBe(s.teacher.id);
    const actions = (await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'user', limit: 100 }))
      .filter((a) => a.entityId === String(s.teacher.id))
      .map((a) => a.action);
    expect(actions).toContain('reactivate');
  });

  it('takes a leaving date in the past and lists lessons from it; a dry run writes nothing', async () => {
    const s = await journalSchool(app);
    const monday = await s.seed.lesson(s.course, '2026-10-12', '09:00');
    const dry = await post(`/v1/users/${s.teacher.id}/deactivate`, s.auth, { date: '2026-10-12', dryRun: true });
    expect(dry.json().lessons.courses[0].lessons.map((l: { lessonId: number }) => l.lessonId)).toEqual([monday.id]);
    expect(dry.json()).toMatchObject({ telegramUnlinked: false, codesRevoked: 0 });
    const listed = await app.http!.inject({ method: 'GET', url: '/v1/users?role=teacher', headers: s.auth });
    expect(listed.json().find((u: { id: number }) => u.id === s.teacher.id).active).toBe(true);
    const audit = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'user', limit: 100 });
    expect(audit.filter((a) => a.action === 'deactivate')).toEqual([]);
    // No body at all means {}: today, for real.
    const bare = await post(`/v1/users/${s.teacher.id}/deactivate`, s.auth);
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ dryRun: false, date: TODAY, reason: null, user: { active: false } });
  });

  it('refuses bad input and writes nothing', async () => {
    const s = await journalSchool(app);
    const elsewhere = await createSchool(app);
    const stranger = await seeder(app, elsewhere.school.id).user(['teacher']);
    const url = `/v1/users/${s.teacher.id}/deactivate`;

    expect((await post('/v1/users/2147483000/deactivate', s.auth, {})).statusCode).toBe(404);
    expect((await post(`/v1/users/${stranger.id}/deactivate`, s.auth, {})).statusCode).toBe(404);
    expect((await post(`/v1/users/${stranger.id}/reactivate`, s.auth)).statusCode).toBe(404);
    expect((await post('/v1/users/abc/deactivate', s.auth, {})).statusCode).toBe(400);

    const badDate = await post(url, s.auth, { date: '2026-02-30' });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().error.details).toEqual([{ path: 'date', message: 'must be a date YYYY-MM-DD' }]);
    expect((await post(url, s.auth, { date: '14.10.2026' })).statusCode).toBe(400);
    const extra = await post(url, s.auth, { date: TODAY, fired: true });
    expect(extra.statusCode).toBe(400);
    const typed = await post(url, s.auth, { dryRun: 'yes', reason: 5 });
    expect(typed.statusCode).toBe(400);
    expect(
      typed
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['dryRun', 'reason']);
    const blank = await post(url, s.auth, { reason: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().error.details).toEqual([{ path: 'reason', message: 'must be 1 to 500 characters' }]);
    const notJson = await app.http!.inject({
      method: 'POST',
      url,
      headers: { ...s.auth, 'content-type': 'application/json' },
      payload: '{"date":',
    });
    expect(notJson.statusCode).toBe(400);
    expect((await post(`/v1/users/${s.teacher.id}/reactivate`, s.auth)).statusCode).toBe(409);
    const noKey = await app.http!.inject({ method: 'POST', url, payload: {} });
    expect(noKey.statusCode).toBe(401);

    const listed = await app.http!.inject({ method: 'GET', url: '/v1/users?role=teacher', headers: s.auth });
    expect(listed.json().find((u: { id: number }) => u.id === s.teacher.id).active).toBe(true);
    expect((await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'user', limit: 100 })).length).toBe(0);
  });
});
