import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/app.js';
import { pluralRu } from '../../src/i18n/index.js';
import { complianceHarness, complianceSchool, fill, principalOf, type Harness } from './fixture.js';

describe('compliance report API', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('serves the summary as JSON and CSV, worst first, to the school key and control roles only', async () => {
    const clock = manualClock('2026-11-23T06:00:00Z');
    h = await complianceHarness(clock);
    const s = await complianceSchool(h);
    const good = await s.staff(['teacher'], 'Аккуратова', 'Анна', 'Ивановна');
    const bad = await s.staff(['teacher'], '=Небрежный', 'Борис', 'Петрович');
    const g = await s.seed.group('8А');
    const lg = await s.seed.lesson(await s.seed.course(g.id, good.id, 'История'), '2026-11-23', '09:00');
    await s.seed.lesson(await s.seed.course(g.id, bad.id, 'Физика'), '2026-11-23', '10:00');
    clock.set('2026-11-23T07:00:00Z');
    await fill(h.app, good, lg.id);
    clock.set('2026-11-24T07:00:00Z');

    const json = await h.app.http!.inject({ method: 'GET', url: '/v1/compliance?period=week&date=2026-11-25', headers: s.auth });
    expect(json.statusCode).toBe(200);
    const body = json.json();
    expect(body).toMatchObject({
      period: 'week',
      from: '2026-11-23',
      to: '2026-11-29',
      fillDeadline: '17:00',
      totals: { lessons: 2, onTime: 1, missing: 1 },
    });
    expect(body.teachers.map((t: { teacherId: number; onTimeShare: number }) => [t.teacherId, t.onTimeShare])).toEqual([
      [bad.id, 0],
      [good.id, 1],
    ]);

    const csv = await h.app.http!.inject({ method: 'GET', url: '/v1/compliance?period=day&date=2026-11-23&format=csv', headers: s.auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    // The one export writer: UTF-8 with a BOM, `;`, CRLF, the formula in a name defused.
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('teacher_id;teacher;lessons;on_time;late;missing;pending;on_time_share');
    expect(lines[1]).toBe(`${bad.id};'=Небрежный Борис Петрович;1;0;0;1;0;0`);

    const badPeriod = await h.app.http!.inject({ method: 'GET', url: '/v1/compliance?period=year', headers: s.auth });
    expect(badPeriod.statusCode).toBe(400);
    const badDate = await h.app.http!.inject({ method: 'GET', url: '/v1/compliance?period=day&date=2026-02-30', headers: s.auth });
    expect(badDate.statusCode).toBe(422);
    expect((await h.app.http!.inject({ method: 'GET', url: '/v1/compliance?period=day' })).statusCode).toBe(401);

    // A teacher cannot read it; another school's key sees only its own school.
    await expect(h.app.services.compliance.summary(principalOf(good), { period: 'day' })).rejects.toMatchObject({ code: 'not_found' });
    const other = await complianceSchool(h);
    const foreign = await h.app.http!.inject({ method: 'GET', url: '/v1/compliance?period=week&date=2026-11-23', headers: other.auth });
    expect(foreign.json()).toMatchObject({ totals: { lessons: 0 }, teachers: [] });
  });

  it('uses Russian plural forms', () => {
    const forms = [1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`);
    expect(forms).toEqual([
      '1 урок',
      '2 урока',
      '5 уроков',
      '11 уроков',
      '12 уроков',
      '14 уроков',
      '21 урок',
      '22 урока',
      '25 уроков',
      '101 урок',
      '111 уроков',
    ]);
  });
});
