import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { lessons } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { BELLS, splitSchool } from './fixture.js';

describe('schedule template: subgroups of one class side by side', () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.stop());

  // One week: Monday 2026-09-07 to Saturday 2026-09-12.
  const week = { from: '2026-09-07', to: '2026-09-12', bells: BELLS };

  async function lessonsPerGroup(schoolId: number) {
    const rows = await app.db.db
      .select({ groupId: lessons.groupId, n: sql<number>`count(*)::int` })
      .from(lessons)
      .where(eq(lessons.schoolId, schoolId))
      .groupBy(lessons.groupId);
    return new Map(rows.map((r) => [r.groupId, r.n]));
  }

  it('makes the lessons of two subgroups in the same slot, each with its teacher; a second run makes none', async () => {
    const s = await splitSchool(app);
    const input = {
      ...week,
      template: [
        { weekday: 1, period: 1, courseExternalId: 'en1' },
        { weekday: 1, period: 1, courseExternalId: 'en2' },
        { weekday: 1, period: 2, courseExternalId: 'math' },
        { weekday: 1, period: 2, courseExternalId: 'en7b' },
      ],
    };
    const report = await s.post('/v1/schedule/generate', input);
    expect(report.lessons).toEqual({ total: 4, created: 4, existing: 0 });
    const per = await lessonsPerGroup(s.school.id);
    expect(per.get(s.groupIds['7А-en-1']!)).toBe(1);
    expect(per.get(s.groupIds['7А-en-2']!)).toBe(1);
    expect(per.get(s.groupIds['7А']!)).toBe(1);
    expect((await s.post('/v1/schedule/generate', input)).lessons).toEqual({ total: 4, created: 0, existing: 4 });
  });

  it('refuses a subgroup beside a whole-class lesson and a teacher in two places, naming each, and writes nothing', async () => {
    const s = await splitSchool(app);
    const res = await app.http!.inject({
      method: 'POST',
      url: '/v1/schedule/generate',
      headers: s.auth,
      payload: {
        ...week,
        template: [
          { weekday: 2, period: 1, courseExternalId: 'math' },
          { weekday: 2, period: 1, courseExternalId: 'en1' },
          { weekday: 3, period: 1, courseExternalId: 'en2' },
          { weekday: 3, period: 1, courseExternalId: 'math' },
          { weekday: 4, period: 1, courseExternalId: 'en1' },
          { weekday: 4, period: 1, courseExternalId: 'en7b' },
        ],
      },
    });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(['template[1]', 'template[3]', 'template[5]']);
    expect(details[0]!.message).toMatch(/template\[0\] teaches the whole class on weekday 2, period 1/);
    expect(details[1]!.message).toMatch(/template\[2\] teaches a subgroup of this class on weekday 3, period 1/);
    expect(details[2]!.message).toMatch(/the teacher already teaches template\[4\] on weekday 4, period 1/);
    expect((await lessonsPerGroup(s.school.id)).size).toBe(0);
  });
});
