import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { NOW, reportSchool } from './fixture.js';

// Hand-computed from the fixture: 5А is Абрамова, Иванов and Ёлкин (until 10-15); 5Б is Борисов
// and Ёлкин (from 10-16). The database is shared with other tests: only this school's row is read.
describe('region-wide daily summary', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof reportSchool>>;
  const day = async (date: string) =>
    (await app.services.reports.regionDaily({ kind: 'system' }, date)).filter((r) => r.schoolId === s.school.id);

  beforeAll(async () => {
    app = await createTestApp({ clock: manualClock(NOW) });
    s = await reportSchool(app);
  });
  afterAll(() => app.stop());

  it('counts lessons held, student-lessons of the students enrolled that day, and marks', async () => {
    expect(await day('2026-10-05')).toEqual([
      { schoolId: s.school.id, schoolName: 'МБОУ «Школа № 7»', lessonsHeld: 2, studentLessons: 4, absent: 1, sick: 1, excused: 0, late: 1 },
    ]);
    // Held by a substitute; Ёлкин has left 5А.
    expect(await day('2026-10-21')).toEqual([expect.objectContaining({ lessonsHeld: 1, studentLessons: 2, absent: 0, excused: 1 })]);
    expect(await day('2026-10-22')).toEqual([expect.objectContaining({ lessonsHeld: 1, studentLessons: 2, absent: 1, sick: 0 })]);
  });

  it('leaves out a school whose only lesson that day was cancelled, and a day without lessons', async () => {
    expect(await day('2026-10-20')).toEqual([]);
    expect(await day('2026-10-19')).toEqual([]);
  });

  it('is for the system only and checks the date', async () => {
    await expect(app.services.reports.regionDaily(s.api, '2026-10-05')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(app.services.reports.regionDaily({ kind: 'system' }, '2026-13-05')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
