import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { journalSchool, testClock, TODAY } from './fixture.js';

describe('journal HTTP API', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, auth: Record<string, string>, payload?: object) =>
    app.http!.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

  it('serves a lesson with students, attendance, topic, homework and grades, and writes its parts', async () => {
    const s = await journalSchool(app);
    const [p1] = await s.seed.plan(s.course.id, ['Дроби', 'Проценты']);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00', { period: 1 });

    const put = await call('PUT', `/v1/lessons/${lesson.id}/attendance`, s.auth, {
      marks: [{ studentId: s.students.ivanov.id, status: 'sick', reason: 'справка' }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().changes).toHaveLength(3);
    expect((await call('PUT', `/v1/lessons/${lesson.id}/topic`, s.auth, { planItemId: p1!.id })).json()).toMatchObject({
      topic: 'Дроби',
      planItemId: p1!.id,
    });
    expect((await call('PUT', `/v1/lessons/${lesson.id}/homework`, s.auth, { homework: '№ 1' })).statusCode).toBe(200);
    const graded = await call('POST', `/v1/lessons/${lesson.id}/grades`, s.auth, {
      grades: [{ studentId: s.students.yolkin.id, value: '5' }],
    });
    expect(graded.statusCode).toBe(201);

    const res = await call('GET', `/v1/lessons/${lesson.id}`, s.auth);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      groupName: '5А',
      subjectName: 'Математика',
      lesson: { id: lesson.id, date: TODAY, period: 1, topic: 'Дроби', homework: '№ 1', status: 'scheduled' },
      suggestedTopic: { topic: 'Проценты' },
      grades: [{ studentId: s.students.yolkin.id, value: '5', kind: 'current', date: TODAY }],
      editable: { editable: true, reason: null },
      missing: [],
    });
    expect(body.lesson.startsAt).toBe('2026-10-14T06:00:00.000Z');
    expect(body.students.map((x: { lastName: string }) => x.lastName)).toEqual(['Абрамова', 'Ёлкин', 'Иванов']);
    expect(body.students[2].attendance).toEqual({ status: 'sick', reason: 'справка', parentExplanation: null });

    const removed = await call('DELETE', `/v1/grades/${body.grades[0].id}`, s.auth);
    expect(removed.statusCode).toBe(200);
    expect((await call('GET', `/v1/lessons/${lesson.id}`, s.auth)).json().grades).toEqual([]);
  });

  it('answers 404 for another school, 409 for a read-only lesson, 422 and 400 for bad input', async () => {
    const s = await journalSchool(app);
    const other = await journalSchool(app);
    const theirs = await other.seed.lesson(other.course, TODAY);
    const cancelled = await s.seed.lesson(s.course, TODAY, '11:00', { status: 'cancelled' });
    const mine = await s.seed.lesson(s.course, TODAY);

    expect((await call('GET', `/v1/lessons/${theirs.id}`, s.auth)).statusCode).toBe(404);
    expect((await call('PUT', `/v1/lessons/${theirs.id}/attendance`, s.auth, { allPresent: true })).statusCode).toBe(404);
    expect((await call('GET', `/v1/groups/${other.group.id}/journal?from=${TODAY}&to=${TODAY}`, s.auth)).statusCode).toBe(404);
    const ro = await call('PUT', `/v1/lessons/${cancelled.id}/topic`, s.auth, { topic: 'x' });
    expect(ro.statusCode).toBe(409);
    expect(ro.json().error.code).toBe('read_only');
    const bad = await call('POST', `/v1/lessons/${mine.id}/grades`, s.auth, {
      grades: [{ studentId: s.students.ivanov.id, value: 'н/а' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'grades[0].value' });
    expect((await call('PUT', `/v1/lessons/${mine.id}/attendance`, s.auth, { allPresent: true, marks: [] })).statusCode).toBe(400);
    expect((await call('PUT', `/v1/lessons/${mine.id}/attendance`, s.auth, { marks: [{ studentId: 1, status: 'н' }] })).statusCode).toBe(
      400,
    );
    expect((await call('GET', `/v1/lessons/${mine.id}`, {})).statusCode).toBe(401);
  });

  it('imports grades in a batch, idempotently, with per-item errors', async () => {
    const s = await journalSchool(app);
    const items = [0, 1, 2].map((n) => ({
      externalId: `ej-${n}`,
      studentExternalId: s.students.ivanov.externalId,
      courseExternalId: s.course.externalId,
      date: '2026-10-06',
      kind: 'current',
      value: 5 - n,
    }));
    const first = await call('POST', '/v1/grades/batch', s.auth, { items });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect((await call('POST', '/v1/grades/batch', s.auth, { items })).json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const broken = await call('POST', '/v1/grades/batch', s.auth, {
      items: [...items, { ...items[0], externalId: 'ej-3', value: 'осв.' }],
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.details).toEqual([expect.objectContaining({ path: 'items[3].value' })]);

    const journal = await call('GET', `/v1/groups/${s.group.id}/journal?from=2026-10-01&to=2026-10-31`, s.auth);
    expect(journal.statusCode).toBe(200);
    expect(journal.json()).toMatchObject({ group: { name: '5А' }, lessons: [] });
    expect(journal.json().students).toHaveLength(3);
    expect((await call('GET', `/v1/groups/${s.group.id}/journal?from=2026-01-01&to=2026-10-31`, s.auth)).statusCode).toBe(422);
    expect((await call('GET', `/v1/groups/${s.group.id}/journal?from=2026-10-01`, s.auth)).statusCode).toBe(400);
  });

  it('lists the journal routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.http!.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/lessons/{id}', '/v1/groups/{id}/journal', '/v1/grades/batch', '/v1/lessons/{id}/attendance']),
    );
  });
});
