import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { enrollments, students } from '../../src/db/schema/index.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';

describe('roster import: movement of students', () => {
  let app: App;
  const clock = manualClock('2026-09-01T05:00:00Z');

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const student = (groupExternalId: string) => ({ externalId: 'S1', lastName: 'Петров', firstName: 'Пётр', groupExternalId });
  const groups = [
    { externalId: '5А', name: '5А' },
    { externalId: '5Б', name: '5Б' },
  ];

  async function historyOf(schoolId: number) {
    const [s] = await app.db.db.select().from(students).where(eq(students.schoolId, schoolId));
    return app.db.db
      .select({ groupId: enrollments.groupId, fromDate: enrollments.fromDate, toDate: enrollments.toDate, reason: enrollments.reason })
      .from(enrollments)
      .where(eq(enrollments.studentId, s!.id))
      .orderBy(asc(enrollments.fromDate), asc(enrollments.id));
  }

  it('closes the old enrollment the day before and opens a new one; history stays', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    const first = await app.services.roster.importRoster(principal, { groups, students: [student('5А')] });
    expect(first.effectiveDate).toBe('2026-09-01');
    const ids = first.groupIds as Record<string, number>;

    const moved = await app.services.roster.importRoster(principal, { students: [student('5Б')] }, { effectiveDate: '2026-10-15' });
    expect(moved).toMatchObject({
      students: { updated: 1 },
      enrollments: { opened: 1, closed: 1, corrected: 0 },
      groupIds: { '5Б': ids['5Б'] },
    });
    expect(await historyOf(school.id)).toEqual([
      { groupId: ids['5А'], fromDate: '2026-09-01', toDate: '2026-10-14', reason: 'enrolled' },
      { groupId: ids['5Б'], fromDate: '2026-10-15', toDate: null, reason: 'transfer' },
    ]);

    // Back again later: a third dated row, the earlier two untouched.
    clock.set('2026-12-01T08:00:00Z');
    await app.services.roster.importRoster(principal, { students: [student('5А')] });
    const history = await historyOf(school.id);
    expect(history).toHaveLength(3);
    expect(history[1]).toMatchObject({ toDate: '2026-11-30' });
    expect(history[2]).toMatchObject({ groupId: ids['5А'], fromDate: '2026-12-01', toDate: null });

    const list = await app.services.roster.listGroups(principal);
    expect(list.find((g) => g.externalId === '5А')!.studentCount).toBe(1);
    expect(list.find((g) => g.externalId === '5Б')!.studentCount).toBe(0);
  });

  it('a move on the day the enrollment started corrects it in place; an earlier date is refused', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups, students: [student('5А')] }, { effectiveDate: '2026-09-05' });
    const same = await app.services.roster.importRoster(principal, { students: [student('5Б')] }, { effectiveDate: '2026-09-05' });
    expect(same.enrollments).toEqual({ opened: 0, closed: 0, corrected: 1 });
    expect(await historyOf(school.id)).toHaveLength(1);

    await expect(
      app.services.roster.importRoster(principal, { students: [student('5А')] }, { effectiveDate: '2026-09-01' }),
    ).rejects.toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'students[0].groupExternalId' })] });
  });

  it('a class change leaves the club enrollment open', async () => {
    clock.set('2026-09-01T05:00:00Z');
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, {
      groups: [...groups, { externalId: 'chess', name: 'Шахматы', kind: 'club' }],
      students: [student('5А')],
    });
    const [s] = await app.db.db.select().from(students).where(eq(students.schoolId, school.id));
    const club = (await app.services.roster.listGroups(principal)).find((g) => g.externalId === 'chess')!;
    await app.db.db.insert(enrollments).values({ studentId: s!.id, groupId: club.id, fromDate: '2026-09-01' });

    const moved = await app.services.roster.importRoster(principal, { students: [student('5Б')] }, { effectiveDate: '2026-10-01' });
    expect(moved.enrollments).toMatchObject({ opened: 1, closed: 1 });
    const open = (await historyOf(school.id))
      .filter((e) => e.toDate === null)
      .map((e) => e.groupId)
      .sort();
    expect(open).toEqual([club.id, moved.groupIds['5Б']].sort());
  });

  it('only an administrator of the same school may import', async () => {
    const { school } = await createSchool(app);
    const other = await createSchool(app);
    const teacher = { kind: 'user' as const, userId: 1, schoolId: school.id, roles: ['teacher' as const] };
    await expect(app.services.roster.importRoster(teacher, { groups })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      app.services.roster.importRoster({ kind: 'api', schoolId: other.school.id }, { groups }, { schoolId: school.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(app.services.roster.listGroups({ kind: 'api', schoolId: other.school.id }, { schoolId: school.id })).rejects.toMatchObject(
      { code: 'not_found' },
    );
  });
});
