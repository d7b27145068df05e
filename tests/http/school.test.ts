import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool, createTestApp } from '../helpers/app.js';

describe('school API', () => {
  let app: App;
  let auth: Record<string, string>;
  let schoolId: number;

  beforeAll(async () => {
    app = await createTestApp();
    const created = await createSchool(app, { name: 'Гимназия №5', timezone: 'Asia/Novokuznetsk' });
    auth = created.auth;
    schoolId = created.school.id;
  });
  afterAll(() => app.stop());

  it('rejects requests without a key or with a wrong one', async () => {
    const none = await app.http!.inject({ method: 'GET', url: '/v1/school' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await app.http!.inject({ method: 'GET', url: '/v1/school', headers: { authorization: 'Bearer sjk_nope' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('takes the key in an X-Api-Key header too, as the OpenAPI document says', async () => {
    const key = auth.authorization!.replace(/^Bearer /, '');
    const res = await app.http!.inject({ method: 'GET', url: '/v1/school', headers: { 'x-api-key': key } });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(schoolId);
  });

  it('returns the school with the default policy', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/v1/school', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: schoolId,
      name: 'Гимназия №5',
      timezone: 'Asia/Novokuznetsk',
      policy: { fillDeadline: '17:00', gradeScale: '2-5' },
    });
  });

  it('updates some policy settings and keeps the others', async () => {
    const res = await app.http!.inject({
      method: 'PATCH',
      url: '/v1/school/policy',
      headers: auth,
      payload: { fillDeadline: '23:59', editWindowDays: 3 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fillDeadline: '23:59', editWindowDays: 3, reminderAfterLessonMinutes: 15 });
    const again = await app.http!.inject({ method: 'GET', url: '/v1/school/policy', headers: auth });
    expect(again.json().fillDeadline).toBe('23:59');
  });

  it('names every bad setting and changes nothing', async () => {
    const res = await app.http!.inject({
      method: 'PATCH',
      url: '/v1/school/policy',
      headers: auth,
      payload: { fillDeadline: '25:00', gradeScale: '10', colour: 'red' },
    });
    expect(res.statusCode).toBe(422);
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['colour', 'fillDeadline', 'gradeScale']);
    const after = await app.http!.inject({ method: 'GET', url: '/v1/school/policy', headers: auth });
    expect(after.json().gradeScale).toBe('2-5');
  });

  it("takes the class teacher's daily message settings, naming a streak outside 2..30 and a bad time", async () => {
    const patch = (payload: Record<string, unknown>) =>
      app.http!.inject({ method: 'PATCH', url: '/v1/school/policy', headers: auth, payload });
    for (const bad of [{ absentDaysInARow: 1 }, { absentDaysInARow: 31 }, { classTeacherDigestTime: '25:00' }]) {
      const res = await patch(bad);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.map((d: { path: string }) => d.path.replace(/^\//, ''))).toEqual(Object.keys(bad));
    }
    expect((await patch({ absentDaysInARow: 5, classTeacherDigestTime: '16:10' })).statusCode).toBe(200);
    const after = await app.http!.inject({ method: 'GET', url: '/v1/school/policy', headers: auth });
    expect(after.json()).toMatchObject({ absentDaysInARow: 5, classTeacherDigestTime: '16:10' });
  });

  it('takes the term-grade rules and a school list of work types, naming each bad one', async () => {
    const bad = await app.http!.inject({
      method: 'PATCH',
      url: '/v1/school/policy',
      headers: auth,
      payload: {
        termGradeDueDays: 31,
        minCurrentGradesRule: 'ignore',
        workTypes: [
          { code: 'control', name: 'Контрольная', weight: 2, report: 'control' },
          { code: 'control', name: 'Ещё одна', weight: 0, report: 'exam' },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    const details = bad.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(['minCurrentGradesRule', 'termGradeDueDays', 'workTypes']);
    expect(details.find((d) => d.path === 'workTypes')!.message).toMatch(/listed twice.*weight.*report/);
    const before = await app.http!.inject({ method: 'GET', url: '/v1/school/policy', headers: auth });
    expect(before.json()).toMatchObject({ termGradeOpenDays: 14, termGradeDueDays: 2, minCurrentGrades: 3, minCurrentGradesRule: 'warn' });
    expect(before.json().workTypes.map((w: { code: string }) => w.code)).toContain('lab');

    const own = [{ code: 'kr', name: 'Контрольная работа', weight: 3, report: 'control' }];
    const ok = await app.http!.inject({
      method: 'PATCH',
      url: '/v1/school/policy',
      headers: auth,
      payload: { minCurrentGrades: 5, minCurrentGradesRule: 'refuse', workTypes: own },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ minCurrentGrades: 5, minCurrentGradesRule: 'refuse', workTypes: own, termGradeOpenDays: 14 });
  });

  it('answers malformed JSON with a 400 in the error format', async () => {
    const res = await app.http!.inject({
      method: 'PATCH',
      url: '/v1/school/policy',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"fillDeadline": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('serves the OpenAPI document', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/v1/school/policy');
  });

  it('reports readiness of PostgreSQL and Redis', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/readyz' });
    expect(res.json().checks.postgres).toBe('ok');
    expect(['ok', 'down']).toContain(res.json().checks.redis);
  });
});
