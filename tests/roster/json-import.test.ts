import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { auditLog, guardianships, students, users } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { countRows } from './helpers.js';

const example = JSON.parse(readFileSync(new URL('../../examples/roster.json', import.meta.url), 'utf8'));

describe('roster import (JSON)', () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.stop());

  const post = (auth: Record<string, string>, payload: unknown, query = '') =>
    app.http!.inject({ method: 'POST', url: `/v1/roster${query}`, headers: auth, payload: payload as object });

  it('imports the example, and a second run changes nothing', async () => {
    const { auth, school } = await createSchool(app);
    const first = await post(auth, example, '?effectiveDate=2026-09-01');
    expect(first.statusCode).toBe(200);
    const report = first.json();
    expect(report).toMatchObject({
      dryRun: false,
      effectiveDate: '2026-09-01',
      groups: { created: 3, updated: 0, unchanged: 0 },
      staff: { created: 3, updated: 0, unchanged: 0 },
      students: { created: 3, updated: 0, unchanged: 0 },
      parents: { created: 3, updated: 0, unchanged: 0 },
      guardianships: { created: 5, updated: 0, unchanged: 0 },
      enrollments: { opened: 3, closed: 0, corrected: 0 },
    });
    expect(Object.keys(report.groupIds).sort()).toEqual(['5А', '7А', 'robotics']);
    expect(Object.values(report.groupIds).every((id) => typeof id === 'number')).toBe(true);

    const second = await post(auth, example, '?effectiveDate=2026-09-02');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      groups: { created: 0, updated: 0, unchanged: 3 },
      staff: { created: 0, updated: 0, unchanged: 3 },
      students: { created: 0, updated: 0, unchanged: 3 },
      parents: { created: 0, updated: 0, unchanged: 3 },
      guardianships: { created: 0, updated: 0, unchanged: 5 },
      enrollments: { opened: 0, closed: 0, corrected: 0 },
      groupIds: report.groupIds,
    });

    const parent = (
      await app.db.db
        .select()
        .from(users)
        .where(and(eq(users.schoolId, school.id), eq(users.externalId, 'P-2001')))
    )[0]!;
    expect(parent).toMatchObject({ roles: ['parent'], phone: '+79131234567', email: 'ivanova@example.ru' });
    expect(await app.db.db.select().from(guardianships).where(eq(guardianships.parentId, parent.id))).toHaveLength(2);
    const teacher = (
      await app.db.db
        .select()
        .from(users)
        .where(and(eq(users.schoolId, school.id), eq(users.externalId, 'T-04')))
    )[0]!;
    expect(teacher.roles).toEqual(['teacher', 'class_teacher']);
    // One audit row per created entity, none for the unchanged second run.
    expect(await countRows(app, auditLog, eq(auditLog.schoolId, school.id))).toBe(1 + 3 + 3 + 3 + 3 + 5);

    const groups = await app.http!.inject({ method: 'GET', url: '/v1/groups', headers: auth });
    expect(groups.statusCode).toBe(200);
    const fiveA = groups.json().find((g: { externalId: string }) => g.externalId === '5А');
    expect(fiveA).toMatchObject({
      id: report.groupIds['5А'],
      name: '5А',
      kind: 'class',
      gradeLevel: 5,
      classTeacher: { lastName: 'Орлова' },
    });
    expect(fiveA.studentCount).toBe(2);
    expect(groups.json().find((g: { externalId: string }) => g.externalId === 'robotics')).toMatchObject({
      kind: 'club',
      gradeLevel: null,
      classTeacher: null,
    });
  });

  it('updates what changed and keeps what the import leaves out', async () => {
    const { auth, school } = await createSchool(app);
    await post(auth, example);
    const res = await post(auth, {
      students: [{ externalId: 'S-1002', lastName: 'Смирнова-Петрова', firstName: 'Анна', groupExternalId: '5А' }],
      parents: [
        {
          externalId: 'P-2003',
          lastName: 'Смирнова',
          firstName: 'Елена',
          email: 'ELENA@Example.ru',
          childrenExternalIds: ['S-1002'],
          relation: 'мать',
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      students: { updated: 1 },
      parents: { updated: 1 },
      guardianships: { updated: 1 },
      enrollments: { opened: 0 },
    });
    const [student] = await app.db.db
      .select()
      .from(students)
      .where(and(eq(students.schoolId, school.id), eq(students.externalId, 'S-1002')));
    expect(student).toMatchObject({ lastName: 'Смирнова-Петрова', middleName: 'Игоревна', birthDate: '2014-11-02' });
    const [parent] = await app.db.db
      .select()
      .from(users)
      .where(and(eq(users.schoolId, school.id), eq(users.externalId, 'P-2003')));
    expect(parent).toMatchObject({ email: 'elena@example.ru', phone: '+79131112233', middleName: 'Викторовна' });
  });

  it('reports every problem with list, row and field, and writes nothing', async () => {
    const { auth, school } = await createSchool(app);
    const res = await post(auth, {
      groups: [{ externalId: 'g1', name: '1А', classTeacherExternalId: 'nobody' }],
      staff: [{ externalId: 't1', lastName: 'Учитель', firstName: 'Один', roles: ['teacher', 'janitor'] }],
      students: [
        { externalId: 's1', lastName: '', firstName: 'Без фамилии', groupExternalId: 'g1' },
        { externalId: 's2', lastName: 'Плохая', firstName: 'Дата', birthDate: '31.02.2015', groupExternalId: 'g1' },
        { externalId: 's1', lastName: 'Дубль', firstName: 'Дубль', groupExternalId: 'g1' },
        { externalId: 's3', lastName: 'Без', firstName: 'Класса', groupExternalId: 'nowhere' },
      ],
      parents: [{ externalId: 'p1', lastName: 'Родитель', firstName: 'Один', phone: '12', childrenExternalIds: ['s404'] }],
    });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { path: string; row: number; field: string; message: string }[];
    const at = details.map((d) => `${d.path}@${d.row}`).sort();
    expect(at).toEqual([
      'groups[0].classTeacherExternalId@1',
      'parents[0].childrenExternalIds@1',
      'parents[0].phone@1',
      'staff[0].roles@1',
      'students[0].lastName@1',
      'students[1].birthDate@2',
      'students[2].externalId@3',
      'students[3].groupExternalId@4',
    ]);
    expect(details.find((d) => d.field === 'roles')!.message).toContain('"janitor"');
    expect(details.find((d) => d.path === 'students[2].externalId')!.message).toContain('duplicate');
    expect(await countRows(app, users, eq(users.schoolId, school.id))).toBe(0);
    expect(await countRows(app, students, eq(students.schoolId, school.id))).toBe(0);
  });

  it('dry run reports the same figures and writes nothing', async () => {
    const { auth, school } = await createSchool(app);
    const res = await post(auth, example, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, students: { created: 3 }, groupIds: { '5А': null, '7А': null, robotics: null } });
    expect(await countRows(app, students, eq(students.schoolId, school.id))).toBe(0);
    expect(await countRows(app, users, eq(users.schoolId, school.id))).toBe(0);
    expect(await countRows(app, auditLog, and(eq(auditLog.schoolId, school.id), eq(auditLog.entity, 'student')))).toBe(0);
  });

  it('answers malformed JSON with 400 and a CSV body with 415', async () => {
    const { auth } = await createSchool(app);
    const bad = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"students": [',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    const csv = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'a;b\n1;2',
    });
    expect(csv.statusCode).toBe(415);
    expect(csv.json().error.message).toContain('/v1/roster/students');
    const unknownField = await post(auth, { students: [{ externalId: 's', lastName: 'a', firstName: 'b', group: '5А' }] });
    expect(unknownField.statusCode).toBe(400);
  });

  it('keeps schools apart: another key neither sees nor changes these groups', async () => {
    const a = await createSchool(app);
    const b = await createSchool(app);
    const imported = (await post(a.auth, example)).json();
    const listB = await app.http!.inject({ method: 'GET', url: '/v1/groups', headers: b.auth });
    expect(listB.json()).toEqual([]);
    // The same external ids in school B create B's own rows and leave A's untouched.
    const renamed = { ...example, groups: example.groups.map((g: object) => ({ ...g, name: 'Чужой' })) };
    const resB = await post(b.auth, renamed);
    expect(resB.json().groups.created).toBe(3);
    expect(Object.values(resB.json().groupIds)).not.toContain(imported.groupIds['5А']);
    const listA = (await app.http!.inject({ method: 'GET', url: '/v1/groups', headers: a.auth })).json();
    expect(listA.map((g: { name: string }) => g.name).sort()).toEqual(['5А', '7А', 'Робототехника']);
    expect(await countRows(app, students, eq(students.schoolId, a.school.id))).toBe(3);
  });
});
