import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { courses, students } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/shared/principal.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { splitSchool } from './fixture.js';

const PERIOD = { from: '2026-09-01', to: '2026-10-31' };

describe('reports: subgroup lessons and marks count under the class', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof splitSchool>>;
  let api: Principal;
  let ids: Record<string, number>;
  const report = <K extends Parameters<App['services']['reports']['report']>[2]>(kind: K, groupId: number | null = null) =>
    app.services.reports.report(api, s.school.id, kind, { ...PERIOD, groupId });

  beforeAll(async () => {
    app = await createTestApp({ clock: manualClock('2026-11-20T09:00:00Z') });
    s = await splitSchool(app);
    api = { kind: 'api', schoolId: s.school.id };
    const seed = seeder(app, s.school.id, 'Europe/Moscow');
    const rows = await app.db.db.select().from(students).where(eq(students.schoolId, s.school.id));
    ids = Object.fromEntries(rows.map((r) => [r.externalId!, r.id]));
    const course = async (ext: string) => (await app.db.db.select().from(courses).where(eq(courses.id, s.courseIds[ext]!)))[0]!;
    const en1 = await seed.lesson(await course('en1'), '2026-09-07', '08:30');
    const en2 = await seed.lesson(await course('en2'), '2026-09-07', '08:30');
    const math = await seed.lesson(await course('math'), '2026-09-08', '09:20');
    const j = app.services.journal;
    await j.saveAttendance(api, en1.id, { marks: [{ studentId: ids.S1!, status: 'absent' }] });
    await j.saveAttendance(api, en2.id, { marks: [{ studentId: ids.S3!, status: 'sick' }] });
    await j.saveAttendance(api, math.id, { marks: [{ studentId: ids.S1!, status: 'late' }] });
    await j.addGrades(api, en1.id, [{ studentId: ids.S2!, value: '5' }]);
    await j.addGrades(api, math.id, [{ studentId: ids.S2!, value: '4' }]);
    // Иванов changes subgroup in October: not a movement of students.
    await s.post('/v1/roster?effectiveDate=2026-10-01', {
      students: [{ externalId: 'S1', lastName: 'Иванов', firstName: 'Иван', groupExternalId: '7А', subgroupExternalIds: ['7А-en-2'] }],
    });
  });
  afterAll(() => app.stop());

  it('attendance per student: English of each half and mathematics of the whole class, all under 7А', async () => {
    const { rows } = await report('attendance-summary', s.groupIds['7А']!);
    expect(
      rows.filter((r) => r.month === null).map((r) => [r.groupName, r.studentName, r.lessons, r.absent, r.sick, r.late, r.missedPercent]),
    ).toEqual([
      ['7А', 'Иванов Иван', 2, 1, 0, 1, 50],
      ['7А', 'Петров Пётр', 2, 0, 0, 0, 0],
      ['7А', 'Сидоров Сидор', 2, 0, 1, 0, 50],
    ]);
    expect(rows.every((r) => r.groupId === s.groupIds['7А'])).toBe(true);
  });

  it('class attendance: three lessons held in 7А, six student-lessons', async () => {
    const { rows } = await report('class-attendance');
    const total = rows.find((r) => r.groupName === '7А' && r.month === null)!;
    expect(total).toMatchObject({ students: 3, lessonsHeld: 3, lessons: 6, absent: 1, sick: 1, late: 1, missed: 2, missedPercent: 33.3 });
    expect(rows.map((r) => r.groupName).filter((n) => n !== '7А')).toEqual([]);
  });

  it('grades: each student has the English of their subgroup and the mathematics of the class, under 7А', async () => {
    const { rows } = await report('grades-summary', s.groupIds['7А']!);
    expect(rows.map((r) => [r.groupName, r.studentName, r.courseId, r.current])).toEqual(
      [
        ['7А', 'Иванов Иван', s.courseIds.en1, []],
        // In гр. 2 from October: its course too.
        ['7А', 'Иванов Иван', s.courseIds.en2, []],
        ['7А', 'Иванов Иван', s.courseIds.math, []],
        ['7А', 'Петров Пётр', s.courseIds.en1, ['5']],
        ['7А', 'Петров Пётр', s.courseIds.math, ['4']],
        ['7А', 'Сидоров Сидор', s.courseIds.en2, []],
        ['7А', 'Сидоров Сидор', s.courseIds.math, []],
      ].map(([g, n, c, cur]) => [g, n, c, cur]),
    );
    const results = await report('class-results');
    expect(results.rows.map((r) => [r.groupName, r.students])).toEqual([
      ['7А', 3],
      ['7Б', 1],
    ]);
  });

  it('class sizes, movement and parent linking list classes only: a change of subgroup is no movement', async () => {
    expect((await report('class-sizes')).rows.map((r) => [r.groupName, r.atStart, r.atEnd])).toEqual([
      ['7А', 3, 3],
      ['7Б', 1, 1],
    ]);
    expect((await report('movement')).rows).toEqual([]);
    expect((await report('parent-linking')).rows.map((r) => r.groupName)).toEqual(['7А', '7Б']);
  });

  it("the class journal holds the lessons of both halves beside the whole class's", async () => {
    const journal = await app.services.journal.groupJournal(api, s.groupIds['7А']!, '2026-09-07', '2026-09-08');
    expect(journal.lessons.map((l) => [l.lesson.groupId, l.subjectName])).toEqual([
      [s.groupIds['7А-en-1'], 'Английский язык'],
      [s.groupIds['7А-en-2'], 'Английский язык'],
      [s.groupIds['7А'], 'Математика'],
    ]);
  });

  it('plan fulfilment names each subgroup with its class and counts it under the class', async () => {
    const { rows } = await report('plan-fulfilment', s.groupIds['7А']!);
    expect(rows.map((r) => [r.groupName, r.subjectName, r.lessonsHeld, r.groupId])).toEqual([
      ['7А', 'Математика', 1, s.groupIds['7А']],
      ['7А (гр. 1)', 'Английский язык', 1, s.groupIds['7А']],
      ['7А (гр. 2)', 'Английский язык', 1, s.groupIds['7А']],
    ]);
  });
});
