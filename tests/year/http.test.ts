import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { YEAR_2026 } from './fixtures.js';

describe('PUT and GET /v1/study-periods', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
    await app.http!.ready();
  });
  afterAll(() => app?.stop());

  const put = (headers: Record<string, string>, payload: unknown) =>
    app.http!.inject({ method: 'PUT', url: '/v1/study-periods', headers, payload: payload as object });

  it('checks in a dry run, loads, and lists the year around a date', async () => {
    const { auth } = await createSchool(app);
    const dry = await put(auth, { ...YEAR_2026, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, replaced: 0, uncoveredClasses: [] });
    expect(dry.json().periods).toHaveLength(6);
    expect((await app.http!.inject({ method: 'GET', url: '/v1/study-periods?date=2026-10-01', headers: auth })).json()).toEqual({
      periods: [],
    });

    expect((await put(auth, YEAR_2026)).json()).toMatchObject({ dryRun: false, replaced: 0 });
    const listed = (await app.http!.inject({ method: 'GET', url: '/v1/study-periods?date=2026-10-01', headers: auth })).json();
    expect(listed.periods).toHaveLength(6);
    expect(listed.periods[2]).toMatchObject({ kind: 'quarters', number: 1, from: '2026-09-01', to: '2026-10-24', yearFrom: '2026-09-01' });
  });

  it('answers every problem at once, refuses wrong types and kinds, and another school sees nothing', async () => {
    const { auth } = await createSchool(app);
    const bad = await put(auth, {
      ...YEAR_2026,
      divisions: [
        {
          kind: 'halves',
          gradeLevels: [10, 11],
          periods: [
            { from: '2026-09-01', to: '2026-12-28' },
            { from: '2026-12-20', to: '2027-06-30' },
          ],
        },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['divisions[0].periods[1]', 'divisions[0].periods[1]']);

    const wrongKind = await put(auth, { ...YEAR_2026, divisions: [{ ...YEAR_2026.divisions[0]!, kind: 'semesters' }] });
    expect(wrongKind.statusCode).toBe(400);
    expect(JSON.stringify(wrongKind.json().error.details)).toContain('kind');
    expect((await put(auth, { ...YEAR_2026, dryRun: 'yes' })).statusCode).toBe(400);
    expect((await app.http!.inject({ method: 'GET', url: '/v1/study-periods?date=0000-01-01', headers: auth })).statusCode).toBe(400);

    await put(auth, YEAR_2026);
    const other = await createSchool(app);
    expect((await app.http!.inject({ method: 'GET', url: '/v1/study-periods?date=2026-10-01', headers: other.auth })).json()).toEqual({
      periods: [],
    });
  });
});
