import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { guardianships } from '../../src/db/schema/index.js';
import { ConsentRequiredError } from '../../src/domain/family/index.js';
import { NotFoundError } from '../../src/domain/shared/errors.js';
import { createTestApp } from '../helpers/app.js';
import { testClock } from '../journal/fixture.js';
import { familySchool } from './fixture.js';
import { periodMarks } from './period-fixture.js';

describe("a child's study period for the parent", () => {
  const clock = testClock(); // Wednesday 2026-10-14, in the first quarter (01.09–24.10)
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());
  const family = () => app.services.family;

  async function consenting() {
    const f = await familySchool(app);
    await family().grantConsent(f.parentP);
    return f;
  }

  it('lists every subject with the weighted average, the forecast and the term grade', async () => {
    const f = await consenting();
    await periodMarks(app, f);
    const view = await family().childPeriod(f.parentP, f.child.id);
    expect(view.period).toEqual({ kind: 'quarters', number: 1, from: '2026-09-01', to: '2026-10-24', fallback: false });
    expect(view.minGrades).toBe(3);
    // (5·2 + 4 + 4) / 4: the контрольная of the lesson weighs 2; August, the deleted mark and the other child's do not count.
    expect(view.subjects.map((s) => [s.subject, s.count, s.average, s.forecast, s.enough, s.termGrade])).toEqual([
      ['История <Древний мир>', 1, 3, null, false, null],
      ['Математика', 3, 4.5, '5', true, '5'],
    ]);
  });

  it("shows one subject's marks with dates and work types", async () => {
    const f = await consenting();
    await periodMarks(app, f);
    const math = (await family().childPeriod(f.parentP, f.child.id)).subjects.find((s) => s.subject === 'Математика')!;
    const view = await family().childPeriodSubject(f.parentP, f.child.id, math.subjectId);
    expect(view.marks).toEqual([
      { date: '2026-09-10', value: '5', workType: { code: 'control', name: 'Контрольная работа' }, comment: null },
      { date: '2026-09-15', value: '4', workType: null, comment: null },
      { date: '2026-10-12', value: '4', workType: null, comment: 'устно' },
    ]);
    expect(view.subject).toMatchObject({ average: 4.5, forecast: '5', termGrade: '5' });
  });

  it('falls back to the last two months when no periods are loaded', async () => {
    const f = await consenting();
    await periodMarks(app, f, { periods: false });
    const view = await family().childPeriod(f.parentP, f.child.id);
    expect(view.period).toEqual({ kind: null, number: null, from: '2026-08-14', to: '2026-10-14', fallback: true });
    // August's 2 is inside the window now: (5·2 + 4 + 4 + 2) / 5.
    expect(view.subjects[1]).toMatchObject({ subject: 'Математика', count: 4, average: 4, forecast: '4', termGrade: '5' });
  });

  it("refuses another family's child, a subject the child does not take, a former guardian and a withdrawn consent", async () => {
    const f = await consenting();
    const { chemistry } = await periodMarks(app, f);
    await expect(family().childPeriod(f.parentP, f.other.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().childPeriod(f.otherParentP, f.child.id)).rejects.toBeInstanceOf(ConsentRequiredError);
    await expect(family().childPeriodSubject(f.parentP, f.child.id, chemistry.subjectId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().childPeriodSubject(f.parentP, f.child.id, 2 ** 31 - 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().childPeriod(f.teacherP, f.child.id)).rejects.toThrow('Only a parent');

    await app.db.db.delete(guardianships).where(eq(guardianships.parentId, f.parent.id));
    await expect(family().childPeriod(f.parentP, f.child.id)).rejects.toBeInstanceOf(NotFoundError);
    const g = await consenting();
    await family().withdrawConsent(g.parentP);
    await expect(family().childPeriod(g.parentP, g.child.id)).rejects.toBeInstanceOf(ConsentRequiredError);
  });
});
