import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { enrollments, groups, students } from '../../src/db/schema/index.js';
import type { RosterInput } from '../../src/domain/roster/types.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';

describe('roster import: several clubs and subgroups of a class', () => {
  let app: App;
  const clock = manualClock('2026-09-01T05:00:00Z');

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const structure: RosterInput['groups'] = [
    { externalId: '7А', name: '7А' },
    { externalId: '7Б', name: '7Б' },
    { externalId: 'chess', name: 'Шахматы', kind: 'club' },
    { externalId: 'robots', name: 'Робототехника', kind: 'club' },
    { externalId: '7А-en-1', name: 'гр. 1', kind: 'subgroup', parentExternalId: '7А' },
    { externalId: '7А-en-2', name: 'гр. 2', kind: 'subgroup', parentExternalId: '7А' },
    { externalId: '7Б-en-1', name: 'гр. 1', kind: 'subgroup', parentExternalId: '7Б' },
  ];
  const pupil = (extra: Record<string, unknown> = {}) => ({
    externalId: 'S1',
    lastName: 'Петров',
    firstName: 'Пётр',
    groupExternalId: '7А',
    ...extra,
  });

  async function openGroups(schoolId: number, studentExternalId = 'S1') {
    const rows = await app.db.db
      .select({ ext: groups.externalId })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .innerJoin(groups, eq(groups.id, enrollments.groupId))
      .where(and(eq(students.schoolId, schoolId), eq(students.externalId, studentExternalId), isNull(enrollments.toDate)));
    return rows.map((r) => r.ext).sort();
  }
  async function history(schoolId: number) {
    return app.db.db
      .select({ ext: groups.externalId, fromDate: enrollments.fromDate, toDate: enrollments.toDate })
      .from(enrollments)
      .innerJoin(groups, eq(groups.id, enrollments.groupId))
      .where(eq(groups.schoolId, schoolId))
      .orderBy(asc(enrollments.id));
  }

  it('loads subgroups under their class and a student in one class, two clubs and a subgroup; a re-import changes nothing', async () => {
    clock.set('2026-09-01T05:00:00Z');
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    const input: RosterInput = {
      groups: structure,
      students: [pupil({ clubExternalIds: ['chess', 'robots'], subgroupExternalIds: ['7А-en-1'] })],
    };
    const first = await app.services.roster.importRoster(principal, input);
    expect(first.enrollments).toEqual({ opened: 4, closed: 0, corrected: 0 });
    expect(await openGroups(school.id)).toEqual(['7А', '7А-en-1', 'chess', 'robots']);
    const list = await app.services.roster.listGroups(principal);
    const byExt = new Map(list.map((g) => [g.externalId, g]));
    expect(byExt.get('7А-en-1')).toMatchObject({ kind: 'subgroup', parentGroupId: byExt.get('7А')!.id, studentCount: 1 });
    expect(byExt.get('7А')!.parentGroupId).toBeNull();

    const again = await app.services.roster.importRoster(principal, input);
    expect(again).toMatchObject({
      groups: { created: 0, updated: 0, unchanged: 7 },
      students: { created: 0, updated: 0, unchanged: 1 },
      enrollments: { opened: 0, closed: 0, corrected: 0 },
    });
    expect(await history(school.id)).toHaveLength(4);
  });

  it('a club list is the whole set: a club not listed closes on the day before, a new one opens; absent keeps them', async () => {
    clock.set('2026-09-01T05:00:00Z');
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups: structure, students: [pupil({ clubExternalIds: ['chess'] })] });

    const changed = await app.services.roster.importRoster(
      principal,
      { students: [pupil({ clubExternalIds: ['robots'] })] },
      { effectiveDate: '2026-10-01' },
    );
    expect(changed).toMatchObject({ students: { updated: 1 }, enrollments: { opened: 1, closed: 1, corrected: 0 } });
    expect(await history(school.id)).toEqual([
      { ext: '7А', fromDate: '2026-09-01', toDate: null },
      { ext: 'chess', fromDate: '2026-09-01', toDate: '2026-09-30' },
      { ext: 'robots', fromDate: '2026-10-01', toDate: null },
    ]);

    // No list: the clubs stay. An empty list: the student leaves every club.
    const kept = await app.services.roster.importRoster(principal, { students: [pupil()] }, { effectiveDate: '2026-11-01' });
    expect(kept.enrollments).toEqual({ opened: 0, closed: 0, corrected: 0 });
    await app.services.roster.importRoster(principal, { students: [pupil({ clubExternalIds: [] })] }, { effectiveDate: '2026-11-02' });
    expect(await openGroups(school.id)).toEqual(['7А']);
  });

  it('an old file naming one club in groupExternalId still works, beside the class', async () => {
    clock.set('2026-09-01T05:00:00Z');
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups: structure, students: [pupil()] });
    await app.services.roster.importRoster(principal, { students: [pupil({ groupExternalId: 'chess' })] });
    expect(await openGroups(school.id)).toEqual(['7А', 'chess']);
  });

  it('a student leaving the class leaves its subgroups too; without a list the subgroups of the class stay', async () => {
    clock.set('2026-09-01T05:00:00Z');
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups: structure, students: [pupil({ subgroupExternalIds: ['7А-en-2'] })] });
    await app.services.roster.importRoster(principal, { students: [pupil()] }, { effectiveDate: '2026-09-10' });
    expect(await openGroups(school.id)).toEqual(['7А', '7А-en-2']);

    const moved = await app.services.roster.importRoster(
      principal,
      { students: [pupil({ groupExternalId: '7Б' })] },
      { effectiveDate: '2026-10-01' },
    );
    expect(moved.enrollments).toEqual({ opened: 1, closed: 2, corrected: 0 });
    expect(await openGroups(school.id)).toEqual(['7Б']);
    expect((await history(school.id)).find((e) => e.ext === '7А-en-2')).toMatchObject({ toDate: '2026-09-30' });
  });

  it('a subgroup left on the day it was joined is removed, not closed before it began', async () => {
    clock.set('2026-09-01T05:00:00Z');
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups: structure, students: [pupil({ subgroupExternalIds: ['7А-en-1'] })] });
    const fixed = await app.services.roster.importRoster(principal, { students: [pupil({ subgroupExternalIds: ['7А-en-2'] })] });
    expect(fixed.enrollments).toEqual({ opened: 1, closed: 0, corrected: 1 });
    expect((await history(school.id)).map((e) => e.ext)).toEqual(['7А', '7А-en-2']);
  });

  it('reports every problem at once and writes nothing', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups: structure });
    const bad: RosterInput = {
      groups: [
        { externalId: 'g-unknown', kind: 'subgroup', parentExternalId: 'nowhere' },
        { externalId: 'g-of-club', kind: 'subgroup', parentExternalId: 'chess' },
        { externalId: 'g-of-sub', kind: 'subgroup', parentExternalId: '7А-en-1' },
        { externalId: 'g-orphan', kind: 'subgroup' },
        { externalId: 'club-with-class', kind: 'club', parentExternalId: '7А' },
      ],
      students: [
        pupil({ subgroupExternalIds: ['7Б-en-1'] }),
        pupil({ externalId: 'S2', clubExternalIds: ['chess', 'chess'] }),
        pupil({ externalId: 'S3', clubExternalIds: ['ghost'] }),
        pupil({ externalId: 'S4', clubExternalIds: ['7Б'] }),
        pupil({ externalId: 'S5', groupExternalId: '7А-en-1' }),
      ],
    };
    const err = await app.services.roster.importRoster(principal, bad).catch((e: unknown) => e);
    const details = (err as { details: { path: string; message: string }[] }).details;
    const at = (path: string) => details.find((d) => d.path === path)?.message;
    expect(at('groups[0].parentExternalId')).toMatch(/unknown class "nowhere"/);
    expect(at('groups[1].parentExternalId')).toMatch(/"chess" is a club, not a class/);
    expect(at('groups[2].parentExternalId')).toMatch(/"7А-en-1" is a subgroup, not a class/);
    expect(at('groups[3].parentExternalId')).toMatch(/needs its class/);
    expect(at('groups[4].parentExternalId')).toMatch(/only a subgroup/);
    expect(at('students[0].subgroupExternalIds')).toMatch(/subgroup of class "7Б", not of the student's class "7А"/);
    expect(at('students[1].clubExternalIds')).toMatch(/"chess" is listed twice/);
    expect(at('students[2].clubExternalIds')).toMatch(/unknown club "ghost"/);
    expect(at('students[3].clubExternalIds')).toMatch(/"7Б" is a class: a student has one class/);
    expect(at('students[4].groupExternalId')).toMatch(/is a subgroup/);
    expect(details).toHaveLength(10);
    expect(await history(school.id)).toEqual([]);
    expect((await app.services.roster.listGroups(principal)).map((g) => g.externalId).sort()).toEqual(
      structure!.map((g) => g.externalId).sort(),
    );
  });

  it('a subgroup keeps its class: another class or becoming a class is refused', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, { groups: structure });
    const err = await app.services.roster
      .importRoster(principal, {
        groups: [
          { externalId: '7А-en-1', kind: 'subgroup', parentExternalId: '7Б' },
          { externalId: '7А-en-2', kind: 'class' },
        ],
      })
      .catch((e: unknown) => e);
    expect((err as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['groups[0].parentExternalId', 'groups[1].kind']);
  });
});
