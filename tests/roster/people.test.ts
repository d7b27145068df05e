import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { users } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';

describe('roster import: people in two roles', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.stop());

  const groups = [{ externalId: '5А', name: '5А' }];
  const students = [{ externalId: 'S1', lastName: 'Орлов', firstName: 'Иван', groupExternalId: '5А' }];

  it('a teacher who is also a parent is one user with both kinds of roles, and keeps them on later imports', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    const teacher = { externalId: 'X1', lastName: 'Орлова', firstName: 'Наталья', roles: ['teacher'] };
    const report = await app.services.roster.importRoster(principal, {
      groups,
      students,
      staff: [teacher],
      parents: [{ externalId: 'X1', lastName: 'Орлова', firstName: 'Наталья', phone: '+7 913 000-00-01', childrenExternalIds: ['S1'] }],
    });
    expect(report).toMatchObject({ staff: { created: 1 }, parents: { created: 1 }, guardianships: { created: 1 } });
    const [row] = await app.db.db
      .select()
      .from(users)
      .where(and(eq(users.schoolId, school.id), eq(users.externalId, 'X1')));
    expect(row).toMatchObject({ roles: ['teacher', 'parent'], phone: '+79130000001' });

    // A staff-only import later must not drop the parent role.
    const again = await app.services.roster.importRoster(principal, { staff: [teacher] });
    expect(again.staff).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('refuses one id for two different people, in the same import and against the school', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    const same = app.services.roster.importRoster(principal, {
      groups,
      students,
      staff: [{ externalId: 'X1', lastName: 'Орлова', firstName: 'Наталья', roles: ['teacher'] }],
      parents: [{ externalId: 'X1', lastName: 'Петров', firstName: 'Пётр', childrenExternalIds: ['S1'] }],
    });
    await expect(same).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'parents[0].externalId', message: expect.stringContaining('staff[0].externalId') })],
    });

    await app.services.roster.importRoster(principal, {
      staff: [{ externalId: 'X1', lastName: 'Орлова', firstName: 'Наталья', roles: ['teacher'] }],
    });
    const later = app.services.roster.importRoster(principal, {
      groups,
      students,
      parents: [{ externalId: 'X1', lastName: 'Петров', firstName: 'Пётр', childrenExternalIds: ['S1'] }],
    });
    await expect(later).rejects.toMatchObject({
      details: [expect.objectContaining({ message: expect.stringContaining('staff member Орлова Наталья') })],
    });
  });

  it('a class teacher must be staff, not a parent', async () => {
    const { school } = await createSchool(app);
    const principal = { kind: 'api' as const, schoolId: school.id };
    await app.services.roster.importRoster(principal, {
      groups,
      students,
      parents: [{ externalId: 'P1', lastName: 'А', firstName: 'Б', childrenExternalIds: ['S1'] }],
    });
    await expect(
      app.services.roster.importRoster(principal, { groups: [{ ...groups[0]!, classTeacherExternalId: 'P1' }] }),
    ).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'groups[0].classTeacherExternalId', message: expect.stringContaining('is a parent') })],
    });
  });

  it('lists every roster route in the OpenAPI document', async () => {
    const res = await app.http!.inject({ method: 'GET', url: '/docs/json' });
    const paths = res.json().paths;
    for (const p of ['/v1/roster', '/v1/roster/students', '/v1/roster/staff', '/v1/groups']) expect(Object.keys(paths)).toContain(p);
    expect(paths['/v1/roster/students'].post.tags).toEqual(['roster']);
  });
});
