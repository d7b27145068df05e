import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createJournalService, type GradeChange, type ImportGradeItem } from '../../src/domain/journal/index.js';
import { addLocalDays } from '../../src/domain/shared/dates.js';
import { createTestApp } from '../helpers/app.js';
import { auditCount, journalSchool, testClock } from './fixture.js';

describe('grades from the main journal', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  async function school() {
    const s = await journalSchool(app, { finalGradeMonths: [12] });
    const item = (n: number, over: Partial<ImportGradeItem> = {}): ImportGradeItem => ({
      externalId: `g-${n}`,
      studentExternalId: s.students.ivanov.externalId!,
      courseExternalId: s.course.externalId!,
      date: '2026-10-05',
      kind: 'current',
      value: '5',
      ...over,
    });
    return { s, item };
  }

  it('is idempotent by externalId and audits an update with before and after', async () => {
    const { s, item } = await school();
    const changes: GradeChange[][] = [];
    const j = createJournalService({
      uow: app.services.uow,
      clock,
      events: {
        async attendanceChanged() {},
        async gradesChanged(_r, e) {
          changes.push(e.changes);
        },
      },
    });
    const lesson = await s.seed.lesson(s.course, '2026-10-05');
    const batch = [
      item(1),
      item(2, { studentExternalId: s.students.yolkin.externalId!, value: '3', comment: 'диктант' }),
      // The main journal is the source of final grades: no month window for it.
      item(3, { kind: 'term', term: 1, date: '2026-10-09', value: '4' }),
    ];
    expect(await j.importGrades(s.api, batch)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await j.importGrades(s.api, batch)).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await auditCount(app, s.school.id, 'grade')).toBe(3);

    const changed = [batch[0]!, { ...batch[1]!, value: '4' }, batch[2]!];
    expect(await j.importGrades(s.api, changed)).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(await auditCount(app, s.school.id, 'grade')).toBe(4);
    const [last] = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'grade', limit: 1 });
    expect(last).toMatchObject({ action: 'update', via: 'api', before: { value: '3' }, after: { value: '4' } });
    expect(changes.map((c) => c.length)).toEqual([3, 1]);

    // Grades of a day with one lesson of the course show up in that lesson.
    const view = await j.getLesson(s.api, lesson.id);
    expect(view.grades.map((g) => [g.externalId, g.value]).sort()).toEqual([
      ['g-1', '5'],
      ['g-2', '4'],
    ]);
    await expect(j.removeGrade(s.as(s.teacher), view.grades[0]!.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reports every bad item by index and saves nothing', async () => {
    const { s, item } = await school();
    const stranger = await s.seed.student(null, { lastName: 'Чужой' });
    const batch = [
      item(1),
      item(2, { studentExternalId: 'nobody' }),
      item(1, { value: '4' }),
      item(4, { value: 'н/а' }),
      item(5, { date: '2026-02-30' }),
      item(6, { kind: 'term' }),
      item(7, { studentExternalId: stranger.externalId! }),
      item(8, { courseExternalId: 'no-course' }),
      item(9, { kind: 'quarter' as never }),
    ];
    const err = await app.services.journal.importGrades(s.api, batch).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'validation_failed' });
    const paths = (err as { details: { path: string }[] }).details.map((d) => d.path).sort();
    expect(paths).toEqual([
      'items[1].studentExternalId',
      'items[2].externalId',
      'items[3].value',
      'items[4].date',
      'items[5].term',
      'items[6].studentExternalId',
      'items[7].courseExternalId',
      'items[8].kind',
    ]);
    expect(await app.services.uow.repos.journal.gradesByExternalIds(s.school.id, ['g-1'])).toEqual([]);
    await expect(app.services.journal.importGrades(s.as(s.deputy), [item(1)])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(app.services.journal.importGrades(s.api, [])).rejects.toMatchObject({ details: [{ path: 'items' }] });
  });

  it('takes a batch of 5,000 grades and recognises it again as unchanged', async () => {
    const { s, item } = await school();
    const ids = [s.students.ivanov, s.students.yolkin, s.students.abramova].map((x) => x.externalId!);
    const batch = Array.from({ length: 5000 }, (_, n) =>
      item(n, { studentExternalId: ids[n % 3]!, date: addLocalDays('2026-09-01', n % 40), value: String(2 + (n % 4)) }),
    );
    expect(await app.services.journal.importGrades(s.api, batch)).toEqual({ created: 5000, updated: 0, unchanged: 0 });
    batch[4999] = { ...batch[4999]!, value: batch[4999]!.value === '5' ? '4' : '5' };
    expect(await app.services.journal.importGrades(s.api, batch)).toEqual({ created: 0, updated: 1, unchanged: 4999 });
    expect(await auditCount(app, s.school.id, 'grade')).toBe(5001);
  });
});
