import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { auditRows, countLessons, scheduleSchool } from './fixtures.js';

describe('explicit lessons, cancellation and substitution', () => {
  let app: App;
  let school: Awaited<ReturnType<typeof scheduleSchool>>;
  let other: Awaited<ReturnType<typeof scheduleSchool>>;

  beforeAll(async () => {
    app = await createTestApp();
    school = await scheduleSchool(app);
    other = await scheduleSchool(app, 'Europe/Moscow');
  });
  afterAll(() => app.stop());

  const post = (url: string, payload: unknown, headers = school.auth) =>
    app.http!.inject({ method: 'POST', url, headers, payload: payload as object });
  const lessonsOf = async (date: string, headers = school.auth) =>
    (await app.http!.inject({ method: 'GET', url: `/v1/lessons?date=${date}`, headers })).json().items as {
      id: number;
      courseId: number;
      startsAt: string;
      status: string;
      substituteId: number | null;
    }[];

  it('keeps the room («Кабинет») of an imported lesson, updates it on a re-import, and refuses a bad one', async () => {
    const item = { externalId: 'R1', courseExternalId: 'c1', date: '2026-10-07', start: '08:30', end: '09:10', period: 1, room: '214' };
    expect((await post('/v1/schedule/lessons', { items: [item] })).json()).toMatchObject({ created: 1 });
    const roomOf = async () => ((await lessonsOf('2026-10-07')) as unknown as { room: string | null }[]).map((l) => l.room);
    expect(await roomOf()).toEqual(['214']);
    expect((await post('/v1/schedule/lessons', { items: [{ ...item, room: '301' }] })).json()).toMatchObject({ moved: 1 });
    expect(await roomOf()).toEqual(['301']);
    const bad = await post('/v1/schedule/lessons', { items: [{ ...item, room: ' ' }] });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('items[0].room');
    expect(await roomOf()).toEqual(['301']);
  });

  it("imports explicit lessons idempotently, in the school's timezone", async () => {
    const items = [
      { externalId: 'L1', courseExternalId: 'c1', date: '2026-10-05', start: '08:30', end: '09:10', period: 1 },
      { courseExternalId: 'c2', date: '2026-10-05', start: '09:20', end: '10:00' },
    ];
    const first = await post('/v1/schedule/lessons', { items });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, existing: 0, moved: 0 });
    expect(first.json().ids.L1).toEqual(expect.any(Number));
    const again = await post('/v1/schedule/lessons', { items });
    expect(again.json()).toMatchObject({ created: 0, existing: 2, moved: 0, ids: first.json().ids });
    const day = await lessonsOf('2026-10-05');
    expect(day.map((l) => l.startsAt)).toEqual(['2026-10-05T01:30:00.000Z', '2026-10-05T02:20:00.000Z']);
  });

  it('moves a lesson known by its external id', async () => {
    const res = await post('/v1/schedule/lessons', {
      items: [{ externalId: 'L1', courseExternalId: 'c1', date: '2026-10-06', start: '08:30', end: '09:10', period: 1 }],
    });
    expect(res.json()).toMatchObject({ created: 0, moved: 1 });
    expect((await lessonsOf('2026-10-06')).map((l) => l.id)).toEqual([res.json().ids.L1]);
  });

  it('rejects bad lessons with every problem and writes nothing', async () => {
    const before = await countLessons(app, school.school.id);
    const res = await post('/v1/schedule/lessons', {
      items: [
        { courseExternalId: 'nope', date: '2026-10-07', start: '08:30', end: '09:10' },
        { courseExternalId: 'c1', date: '2026-10-07', start: '25:00', end: '09:10' },
        { courseExternalId: 'c1', date: '2026-02-30', start: '10:00', end: '09:00' },
        { courseExternalId: 'c2', date: '2026-10-07', start: '11:00', end: '11:40' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['items[1].start', 'items[2].date', 'items[2].end']);
    const refs = await post('/v1/schedule/lessons', {
      items: [
        { courseExternalId: 'nope', date: '2026-10-07', start: '08:30', end: '09:10' },
        { courseExternalId: 'c2', date: '2026-10-07', start: '11:00', end: '11:40' },
      ],
    });
    expect(refs.statusCode).toBe(422);
    expect(refs.json().error.details).toEqual([expect.objectContaining({ path: 'items[0].courseExternalId', row: 1 })]);
    const types = await post('/v1/schedule/lessons', {
      items: [{ courseExternalId: 'c1', date: '2026-10-07', start: '08:30', end: '09:10', period: 'first' }],
    });
    expect(types.statusCode).toBe(400);
    expect(await countLessons(app, school.school.id)).toBe(before);
  });

  it('cancels and restores a lesson, with audit rows', async () => {
    const [lesson] = await lessonsOf('2026-10-05');
    const res = await post(`/v1/lessons/${lesson!.id}/cancel`, { reason: 'Карантин' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: lesson!.id, status: 'cancelled', cancelReason: 'Карантин' });
    const empty = await post(`/v1/lessons/${lesson!.id}/cancel`, { reason: '  ' });
    expect(empty.statusCode).toBe(422);
    const restored = await post(`/v1/lessons/${lesson!.id}/restore`, {});
    expect(restored.json()).toMatchObject({ status: 'scheduled', cancelReason: null });
    const audit = (await auditRows(app, school.school.id, 'lesson')).filter((a) => a.entityId === String(lesson!.id));
    expect(audit.map((a) => a.action)).toEqual(['cancel', 'restore']);
  });

  it('sets and clears a substitute and records it', async () => {
    const [lesson] = await lessonsOf('2026-10-05');
    const put = (payload: unknown) =>
      app.http!.inject({ method: 'PUT', url: `/v1/lessons/${lesson!.id}/substitute`, headers: school.auth, payload: payload as object });
    // The only lesson left on that day is c2's, taught by teacher2.
    expect(lesson!.courseId).toBe(school.courseIds.c2);
    const set = await put({ teacherExternalId: school.teacher1.externalId });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ substituteId: school.teacher1.id, teacherId: school.teacher2.id });
    const mine = await app.http!.inject({
      method: 'GET',
      url: `/v1/lessons?date=2026-10-05&teacherId=${school.teacher1.id}`,
      headers: school.auth,
    });
    expect(mine.json().items.map((l: { id: number }) => l.id)).toContain(lesson!.id);
    const cleared = await put({ teacherId: null });
    expect(cleared.json().substituteId).toBeNull();
    await put({ teacherId: school.teacher1.id });
    const nullBody = await app.http!.inject({
      method: 'PUT',
      url: `/v1/lessons/${lesson!.id}/substitute`,
      headers: { ...school.auth, 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(nullBody.statusCode).toBe(200);
    expect(nullBody.json().substituteId).toBeNull();
    const audit = (await auditRows(app, school.school.id, 'lesson')).filter((a) => a.entityId === String(lesson!.id));
    expect(audit.map((a) => a.action)).toEqual(['cancel', 'restore', 'substitute', 'substitute_clear', 'substitute', 'substitute_clear']);
    expect(audit[2]!.after).toMatchObject({ substituteId: school.teacher1.id });
  });

  it('refuses a substitute who is not a teacher of the school', async () => {
    const [lesson] = await lessonsOf('2026-10-05');
    const put = (payload: unknown) =>
      app.http!.inject({ method: 'PUT', url: `/v1/lessons/${lesson!.id}/substitute`, headers: school.auth, payload: payload as object });
    const parent = await put({ teacherId: school.parent.id });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().error.details[0].path).toBe('teacherId');
    const foreign = await put({ teacherId: other.teacher1.id });
    expect(foreign.statusCode).toBe(422);
    const own = await put({ teacherExternalId: school.teacher2.externalId });
    expect(own.statusCode).toBe(422);
    expect((await lessonsOf('2026-10-05'))[0]!.substituteId).toBeNull();
  });

  it("treats another school's lesson as missing", async () => {
    const [lesson] = await lessonsOf('2026-10-05');
    const cancel = await post(`/v1/lessons/${lesson!.id}/cancel`, { reason: 'x' }, other.auth);
    expect(cancel.statusCode).toBe(404);
    const sub = await app.http!.inject({
      method: 'PUT',
      url: `/v1/lessons/${lesson!.id}/substitute`,
      headers: other.auth,
      payload: { teacherId: other.teacher2.id },
    });
    expect(sub.statusCode).toBe(404);
    expect(await lessonsOf('2026-10-05', other.auth)).toEqual([]);
    expect((await lessonsOf('2026-10-05'))[0]).toMatchObject({ status: 'scheduled', substituteId: null });
  });

  it('bounds the lesson list to 31 days', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/v1/lessons?from=2026-09-01&to=2026-10-15', headers: school.auth });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('to');
  });

  it('keeps course imports idempotent and reports unknown references', async () => {
    const same = await post('/v1/courses', {
      items: [
        {
          externalId: 'c1',
          groupExternalId: school.groupA.externalId,
          subject: 'Математика',
          teacherExternalId: school.teacher1.externalId,
          plannedHours: 170,
        },
      ],
    });
    expect(same.json()).toMatchObject({ created: 0, updated: 0, unchanged: 1, ids: { c1: school.courseIds.c1 } });
    const changed = await post('/v1/courses', {
      items: [
        {
          externalId: 'c1',
          groupExternalId: school.groupA.externalId,
          subject: 'Математика',
          teacherExternalId: school.teacher1.externalId,
          plannedHours: 136,
        },
      ],
    });
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const bad = await post('/v1/courses', {
      items: [
        { externalId: 'c9', groupExternalId: 'no-group', subject: 'Физика', teacherExternalId: school.parent.externalId },
        { externalId: 'c10', groupExternalId: school.groupB.externalId, subject: 'Физика', teacherExternalId: other.teacher1.externalId },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'items[0].groupExternalId',
      'items[0].teacherExternalId',
      'items[1].teacherExternalId',
    ]);
    const list = await app.http!.inject({ method: 'GET', url: '/v1/courses', headers: school.auth });
    expect(
      list
        .json()
        .items.map((c: { externalId: string }) => c.externalId)
        .sort(),
    ).toEqual(['c1', 'c2', 'c3']);
  });

  it('stores subject names without bidirectional overrides or zero-width characters', async () => {
    const res = await post('/v1/courses', {
      items: [
        {
          externalId: 'c-chem',
          groupExternalId: school.groupB.externalId,
          subject: '\u202EХи\u200Bмия\u2060',
          teacherExternalId: school.teacher1.externalId,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await app.http!.inject({ method: 'GET', url: '/v1/courses', headers: school.auth });
    expect(list.json().items.find((c: { externalId: string }) => c.externalId === 'c-chem')).toMatchObject({ subject: 'Химия' });
  });
});
