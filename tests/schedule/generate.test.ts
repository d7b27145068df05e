import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { auditRows, countLessons, scheduleSchool } from './fixtures.js';

// September 2026: Mondays 7 14 21 28, Tuesdays 1 8 15 22 29, Wednesdays 2 9 16 23 30,
// Saturdays 5 12 19 26, Sundays 6 13 20 27. Working days are Monday..Saturday (the default).
const term = {
  from: '2026-09-01',
  to: '2026-09-30',
  holidays: [{ from: '2026-09-14', to: '2026-09-16', name: 'Осенние каникулы' }, { date: '2026-09-26' }],
  bells: [
    { period: 1, start: '08:30', end: '09:10' },
    { period: 2, start: '09:20', end: '10:00' },
    { period: 3, start: '10:15', end: '10:55' },
  ],
  template: [
    { weekday: 1, period: 1, courseExternalId: 'c1' },
    { weekday: 3, period: 2, courseExternalId: 'c1' },
    { weekday: 2, period: 1, courseExternalId: 'c2' },
    { weekday: 6, period: 3, courseExternalId: 'c2' },
    { weekday: 1, period: 2, courseExternalId: 'c3' },
    { weekday: 7, period: 2, courseExternalId: 'c3' },
  ],
};

describe('schedule generation from a weekly template', () => {
  let app: App;
  let school: Awaited<ReturnType<typeof scheduleSchool>>;

  beforeAll(async () => {
    app = await createTestApp();
    school = await scheduleSchool(app);
  });
  afterAll(() => app.stop());

  const generate = (payload: unknown, headers = school.auth) =>
    app.http!.inject({ method: 'POST', url: '/v1/schedule/generate', headers, payload: payload as object });

  it('reports a dry run without writing anything', async () => {
    const res = await generate({ ...term, dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().lessons).toEqual({ total: 17, created: 17, existing: 0 });
    expect(await countLessons(app, school.school.id)).toBe(0);
  });

  it('creates every lesson of the term, skipping holidays and Sundays', async () => {
    const res = await generate(term);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    // c1: 3 Mondays + 4 Wednesdays; c2: 4 Tuesdays + 3 Saturdays; c3: 3 Mondays, nothing on Sundays.
    expect(report.lessons).toEqual({ total: 17, created: 17, existing: 0 });
    expect(report.schoolDays).toBe(22);
    expect(report.holidaysSkipped).toBe(4);
    expect(report.holidaysStored).toBe(4);
    expect(report.warnings).toEqual([expect.objectContaining({ path: 'template[5].weekday' })]);
    expect(await countLessons(app, school.school.id)).toBe(17);

    const list = await app.http!.inject({ method: 'GET', url: '/v1/lessons?from=2026-09-01&to=2026-09-30', headers: school.auth });
    const items = list.json().items as {
      courseId: number;
      date: string;
      startsAt: string;
      endsAt: string;
      period: number;
      teacherId: number;
    }[];
    expect(items).toHaveLength(17);
    const perCourse = (ext: string) => items.filter((l) => l.courseId === school.courseIds[ext]).map((l) => l.date);
    expect(perCourse('c1')).toEqual(['2026-09-02', '2026-09-07', '2026-09-09', '2026-09-21', '2026-09-23', '2026-09-28', '2026-09-30']);
    expect(perCourse('c2')).toEqual(['2026-09-01', '2026-09-05', '2026-09-08', '2026-09-12', '2026-09-19', '2026-09-22', '2026-09-29']);
    expect(perCourse('c3')).toEqual(['2026-09-07', '2026-09-21', '2026-09-28']);
    expect(items.some((l) => ['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-26'].includes(l.date))).toBe(false);
    const audit = await auditRows(app, school.school.id, 'schedule');
    expect(audit.map((a) => a.action)).toEqual(['generate']);
  });

  it('stores local times of the school: 08:30 in Asia/Novokuznetsk (UTC+7) is 01:30Z', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/v1/lessons?date=2026-09-07', headers: school.auth });
    const first = res.json().items.find((l: { courseId: number }) => l.courseId === school.courseIds.c1);
    expect(first).toMatchObject({
      date: '2026-09-07',
      period: 1,
      startsAt: '2026-09-07T01:30:00.000Z',
      endsAt: '2026-09-07T02:10:00.000Z',
      teacherId: school.teacher1.id,
    });
  });

  it('creates nothing on a second run and reports the lessons as existing', async () => {
    const res = await generate(term);
    expect(res.statusCode).toBe(200);
    expect(res.json().lessons).toEqual({ total: 17, created: 0, existing: 17 });
    expect(res.json().holidaysStored).toBe(0);
    expect(await countLessons(app, school.school.id)).toBe(17);
  });

  it('skips holidays stored by an earlier run even when a later request omits them', async () => {
    const res = await generate({ ...term, holidays: [], dryRun: true });
    expect(res.json().lessons).toEqual({ total: 17, created: 0, existing: 17 });
  });

  it('reports every problem of a bad template with its path and writes nothing', async () => {
    const other = await scheduleSchool(app);
    const res = await generate(
      {
        from: '2026-09-30',
        to: '2026-09-01',
        holidays: [{ date: '2026-13-01' }],
        bells: [
          { period: 1, start: '25:00', end: '09:10' },
          { period: 2, start: '10:00', end: '09:00' },
        ],
        template: [
          { weekday: 1, period: 1, courseExternalId: 'nope' },
          { weekday: 1, period: 4, courseExternalId: 'c1' },
          { weekday: 2, period: 1, courseExternalId: 'c1' },
          { weekday: 2, period: 1, courseExternalId: 'c2' },
          { weekday: 9, period: 2, courseExternalId: 'c3' },
        ],
      },
      other.auth,
    );
    expect(res.statusCode).toBe(422);
    const paths = res
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(
      [
        'bells[0].start',
        'bells[1].end',
        'holidays[0].date',
        'template[0].courseExternalId',
        'template[1].period',
        'template[3]',
        'template[4].weekday',
        'to',
      ].sort(),
    );
    expect(await countLessons(app, other.school.id)).toBe(0);
  });

  it('refuses a term longer than 400 days', async () => {
    const res = await generate({ ...term, from: '2026-09-01', to: '2027-10-10' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'to', message: expect.stringContaining('400') })]);
  });

  it('answers malformed JSON and wrong types with 400 and details', async () => {
    const malformed = await app.http!.inject({
      method: 'POST',
      url: '/v1/schedule/generate',
      headers: { ...school.auth, 'content-type': 'application/json' },
      payload: '{"from": "2026-09-01",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');
    const wrong = await generate({ ...term, template: [{ weekday: 'Monday', period: 1, courseExternalId: 'c1' }], bells: 'none' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['template.0.weekday']));
    expect(await countLessons(app, school.school.id)).toBe(17);
  });
});
