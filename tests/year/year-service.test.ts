import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { eq } from 'drizzle-orm';
import { closedYears, groups } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { YEAR_2026 } from './fixtures.js';

describe('loading a school year', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.stop());

  it('checks in a dry run, loads, loads the same again, and names classes no division covers', async () => {
    const { school } = await createSchool(app);
    const api = { kind: 'api', schoolId: school.id } as const;
    const seed = seeder(app, school.id);
    const fifth = await seed.group('5А');
    const prep = await seed.group('Подготовительный');
    await app.db.db.update(groups).set({ gradeLevel: 5 }).where(eq(groups.id, fifth.id));

    const dry = await app.services.year.loadPeriods(api, school.id, { ...YEAR_2026, dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      replaced: 0,
      uncoveredClasses: [{ id: prep.id, name: 'Подготовительный', gradeLevel: null }],
    });
    expect(dry.periods).toHaveLength(6);
    expect(await app.services.year.periods(api, school.id, '2026-10-01')).toEqual([]);

    const loaded = await app.services.year.loadPeriods(api, school.id, YEAR_2026);
    expect(loaded.replaced).toBe(0);
    const again = await app.services.year.loadPeriods(api, school.id, YEAR_2026);
    expect(again.replaced).toBe(6);
    const stored = await app.services.year.periods(api, school.id, '2027-02-01');
    expect(stored.map((p) => `${p.kind} ${p.number} ${p.gradeLevels.join(',')}`)).toEqual([
      'halves 1 10,11',
      'halves 2 10,11',
      'quarters 1 1,2,3,4,5,6,7,8,9',
      'quarters 2 1,2,3,4,5,6,7,8,9',
      'quarters 3 1,2,3,4,5,6,7,8,9',
      'quarters 4 1,2,3,4,5,6,7,8,9',
    ]);
    expect(await app.services.year.periodOf(school.id, 5, '2027-02-01')).toMatchObject({ kind: 'quarters', number: 3 });
    expect(await app.services.year.periodOf(school.id, 5, '2027-01-05')).toBeNull();
  });

  it('refuses a year overlapping another loaded year, a closed year, and another school', async () => {
    const { school } = await createSchool(app);
    const other = await createSchool(app);
    const api = { kind: 'api', schoolId: school.id } as const;
    await app.services.year.loadPeriods(api, school.id, YEAR_2026);
    await expect(app.services.year.loadPeriods(api, school.id, { ...YEAR_2026, from: '2026-08-31' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(app.services.year.loadPeriods({ kind: 'api', schoolId: other.school.id }, school.id, YEAR_2026)).rejects.toMatchObject({
      code: 'forbidden',
    });

    await app.db.db.insert(closedYears).values({ schoolId: school.id, fromDate: '2026-09-01', toDate: '2027-08-31' });
    await expect(app.services.year.loadPeriods(api, school.id, YEAR_2026)).rejects.toMatchObject({ code: 'read_only' });
    // Nothing was written by the refused loads.
    expect(await app.services.year.periods(api, school.id, '2026-10-01')).toHaveLength(6);
  });
});
