import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { journalSchool, testClock, TODAY } from '../journal/fixture.js';

describe('HTTP input: JSON types and dates are taken as sent', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock: testClock() });
  });
  afterAll(() => app.stop());

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, auth: Record<string, string>, payload?: object) =>
    app.http!.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

  it('refuses a body value of the wrong JSON type with a 400 naming the field, and saves nothing', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);

    const present = await call('PUT', `/v1/lessons/${lesson.id}/attendance`, s.auth, { allPresent: 1 });
    expect(present.statusCode).toBe(400);
    expect(present.json().error.code).toBe('bad_request');
    expect(present.json().error.details).toContainEqual({ path: 'allPresent', message: 'must be boolean' });

    const topic = await call('PUT', `/v1/lessons/${lesson.id}/topic`, s.auth, { topic: 123 });
    expect(topic.statusCode).toBe(400);
    expect(topic.json().error.details).toEqual([expect.objectContaining({ path: 'topic', message: 'must be string' })]);

    const after = (await call('GET', `/v1/lessons/${lesson.id}`, s.auth)).json();
    expect(after.lesson).toMatchObject({ topic: null, attendanceFilledAt: null });
  });

  it('still reads numbers and booleans from the query string and the path', async () => {
    const s = await journalSchool(app);
    const res = await call('GET', `/v1/lessons?date=${TODAY}&groupId=${s.group.id}`, s.auth);
    expect(res.statusCode).toBe(200);
    expect((await call('GET', `/v1/lessons/${'0'.repeat(3)}1x`, s.auth)).statusCode).toBe(400);
  });

  it.each([
    ['a report', (s: School) => `/v1/reports/attendance-summary?from=0000-01-01&to=0000-01-31&groupId=${s.group.id}`],
    ['the group journal', (s: School) => `/v1/groups/${s.group.id}/journal?from=0000-01-01&to=0000-01-02`],
    ['lessons of a day', () => '/v1/lessons?date=0000-01-01'],
    ['lessons of a range', () => '/v1/lessons?from=2100-12-30&to=2101-01-02'],
    ['compliance', () => '/v1/compliance?period=week&date=0000-01-01'],
  ])('answers 400 for a date outside 2000..2100 on %s', async (_name, url) => {
    const s = await journalSchool(app);
    const res = await call('GET', url(s), s.auth);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toBe('must be a date YYYY-MM-DD from 2000-01-01 to 2100-12-31');
  });

  it('answers 400 for a roster effective date outside 2000..2100, before reading the file', async () => {
    const s = await journalSchool(app);
    const headers = { ...s.auth, 'content-type': 'text/csv' };
    const res = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster/students?dryRun=true&effectiveDate=1999-12-31',
      headers,
      payload: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'effectiveDate', message: 'must be a date YYYY-MM-DD from 2000-01-01 to 2100-12-31' },
    ]);
  });

  it('answers 422, not 500, for a body date outside 2000..2100', async () => {
    const s = await journalSchool(app);
    const item = {
      externalId: 'ej-0',
      studentExternalId: s.students.ivanov.externalId,
      courseExternalId: s.course.externalId,
      date: '0000-01-01',
      kind: 'current',
      value: '5',
    };
    const res = await call('POST', '/v1/grades/batch', s.auth, { items: [item] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'items[0].date' })]);
  });
});

type School = Awaited<ReturnType<typeof journalSchool>>;
