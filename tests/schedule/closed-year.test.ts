import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { auditRows, countLessons, scheduleSchool } from './fixtures.js';

// The school year 2025/26 is archived; 2026/27 is open.
describe('the schedule inside a closed school year', () => {
  let app: App;
  let school: Awaited<ReturnType<typeof scheduleSchool>>;
  let archived: { id: number; status: string; substituteId: number | null };
  let open: { id: number };

  beforeAll(async () => {
    app = await createTestApp();
    school = await scheduleSchool(app);
    const res = await post('/v1/schedule/lessons', {
      items: [
        { externalId: 'old', courseExternalId: 'c1', date: '2026-05-20', start: '08:30', end: '09:10', period: 1 },
        { externalId: 'new', courseExternalId: 'c1', date: '2026-09-07', start: '08:30', end: '09:10', period: 1 },
      ],
    });
    expect(res.statusCode).toBe(200);
    await app.db.db.insert(closedYears).values({ schoolId: school.school.id, fromDate: '2025-09-01', toDate: '2026-08-31' });
    archived = (await lessonsOf('2026-05-20'))[0]!;
    open = (await lessonsOf('2026-09-07'))[0]!;
  });
  afterAll(() => app.stop());

  const post = (url: string, payload: unknown) =>
    app.http!.inject({ method: 'POST', url, headers: school.auth, payload: payload as object });
  const lessonsOf = async (date: string) =>
    (await app.http!.inject({ method: 'GET', url: `/v1/lessons?date=${date}`, headers: school.auth })).json().items as {
      id: number;
      status: string;
      substituteId: number | null;
    }[];

  it('refuses to cancel, restore or substitute a lesson of the closed year, and changes nothing', async () => {
    const cancel = await post(`/v1/lessons/${archived.id}/cancel`, { reason: 'Карантин' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error.code).toBe('read_only');
    expect((await post(`/v1/lessons/${archived.id}/restore`, {})).statusCode).toBe(409);
    const sub = await app.http!.inject({
      method: 'PUT',
      url: `/v1/lessons/${archived.id}/substitute`,
      headers: school.auth,
      payload: { teacherId: school.teacher2.id },
    });
    expect(sub.statusCode).toBe(409);
    expect(await lessonsOf('2026-05-20')).toEqual([expect.objectContaining({ id: archived.id, status: 'scheduled', substituteId: null })]);
    expect((await auditRows(app, school.school.id, 'lesson')).filter((r) => r.entityId === String(archived.id))).toEqual([]);
  });

  it('still changes a lesson of the open year', async () => {
    expect((await post(`/v1/lessons/${open.id}/cancel`, { reason: 'Карантин' })).statusCode).toBe(200);
    expect((await post(`/v1/lessons/${open.id}/restore`, {})).statusCode).toBe(200);
  });

  it('refuses to import lessons dated in the closed year or to move one out of it', async () => {
    const before = await countLessons(app, school.school.id);
    const res = await post('/v1/schedule/lessons', {
      items: [
        { courseExternalId: 'c2', date: '2026-05-21', start: '08:30', end: '09:10' },
        { courseExternalId: 'c2', date: '2026-09-08', start: '08:30', end: '09:10' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'items[0].date', row: 1, message: 'falls in a closed school year' }),
    ]);
    const move = await post('/v1/schedule/lessons', {
      items: [
        { courseExternalId: 'c2', date: '2026-09-08', start: '08:30', end: '09:10' },
        { externalId: 'old', courseExternalId: 'c1', date: '2026-09-09', start: '08:30', end: '09:10', period: 1 },
      ],
    });
    expect(move.statusCode).toBe(422);
    expect(move.json().error.details).toEqual([
      expect.objectContaining({ path: 'items[1].externalId', row: 2, message: 'names a lesson of a closed school year' }),
    ]);
    expect(await countLessons(app, school.school.id)).toBe(before);
    expect((await lessonsOf('2026-05-20')).map((l) => l.id)).toEqual([archived.id]);
  });

  it('refuses to generate a term that overlaps the closed year, even as a dry run', async () => {
    const before = await countLessons(app, school.school.id);
    const term = {
      from: '2026-08-24',
      to: '2026-09-05',
      bells: [{ period: 1, start: '08:30', end: '09:10' }],
      template: [{ weekday: 2, period: 1, courseExternalId: 'c2' }],
    };
    for (const dryRun of [true, false]) {
      const res = await app.http!.inject({
        method: 'POST',
        url: '/v1/schedule/generate',
        headers: school.auth,
        payload: { ...term, dryRun },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ path: 'from', message: 'the period overlaps a closed school year' }),
      ]);
    }
    expect(await countLessons(app, school.school.id)).toBe(before);
    const fine = await app.http!.inject({
      method: 'POST',
      url: '/v1/schedule/generate',
      headers: school.auth,
      payload: { ...term, from: '2026-09-01' },
    });
    expect(fine.statusCode).toBe(200);
    expect(fine.json().lessons.created).toBe(1);
  });
});
