import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { groups, guardianships, students, users } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { countRows } from './helpers.js';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url));

const RU_HEADER = 'Класс;ID ученика;Фамилия;Имя;Отчество;Дата рождения;Родитель 1 ID;Родитель 1 ФИО;Родитель 1 телефон;Родитель 1 e-mail';

describe('roster import (CSV)', () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.stop());

  const upload = (auth: Record<string, string>, kind: 'students' | 'staff', body: Buffer | string, query = '', contentType = 'text/csv') =>
    app.http!.inject({
      method: 'POST',
      url: `/v1/roster/${kind}${query}`,
      headers: { ...auth, 'content-type': contentType },
      payload: body,
    });

  async function userOf(schoolId: number, externalId: string) {
    return (
      await app.db.db
        .select()
        .from(users)
        .where(and(eq(users.schoolId, schoolId), eq(users.externalId, externalId)))
    )[0];
  }

  it('loads examples/students.csv (Windows-1251, ";", Russian headers) and merges siblings\' parents', async () => {
    const { auth, school } = await createSchool(app);
    const res = await upload(auth, 'students', example('students.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      groups: { created: 4 },
      students: { created: 6 },
      parents: { created: 7 },
      guardianships: { created: 9 },
      enrollments: { opened: 6 },
    });
    expect(Object.keys(res.json().groupIds).sort()).toEqual(['5А', '5Б', '6В', '7А']);
    const mother = await userOf(school.id, 'P-2001');
    expect(mother).toMatchObject({
      lastName: 'Иванова',
      firstName: 'Мария',
      middleName: 'Петровна',
      phone: '+79131234567',
      roles: ['parent'],
    });
    expect(await countRows(app, guardianships, eq(guardianships.parentId, mother!.id))).toBe(2);
    const [petr] = await app.db.db
      .select()
      .from(students)
      .where(and(eq(students.schoolId, school.id), eq(students.externalId, 'S-1001')));
    expect(petr).toMatchObject({ firstName: 'Пётр', birthDate: '2015-03-14' });
    expect((await userOf(school.id, 'P-2005'))!.lastName).toBe('Попова');

    const again = await upload(auth, 'students', example('students.csv'));
    expect(again.json()).toMatchObject({
      groups: { unchanged: 4 },
      students: { unchanged: 6 },
      parents: { unchanged: 7 },
      enrollments: { opened: 0, closed: 0 },
    });
  });

  it('decodes Windows-1251 made here, with and without charset in the Content-Type', async () => {
    const { auth, school } = await createSchool(app);
    const text = `${RU_HEADER}\r\n10Б;A1;Ёлкина;Алёна;;01.02.2010;PA;Ёлкин Семён Петрович;;\r\n`;
    const bytes = iconv.encode(text, 'win1251');
    expect(bytes.includes(Buffer.from('Ёлкина', 'utf8'))).toBe(false);
    const detected = await upload(auth, 'students', bytes);
    expect(detected.statusCode, detected.body).toBe(200);
    const [row] = await app.db.db
      .select()
      .from(students)
      .where(and(eq(students.schoolId, school.id), eq(students.externalId, 'A1')));
    expect(row).toMatchObject({ lastName: 'Ёлкина', firstName: 'Алёна' });
    const [group] = await app.db.db
      .select()
      .from(groups)
      .where(and(eq(groups.schoolId, school.id), eq(groups.externalId, '10Б')));
    expect(group).toMatchObject({ name: '10Б', gradeLevel: 10, kind: 'class' });

    const declared = await upload(auth, 'students', bytes, '', 'text/csv; charset=windows-1251');
    expect(declared.json().students.unchanged).toBe(1);
  });

  it('reads UTF-8 with BOM and "," (examples/students-utf8.csv), and UTF-8 without BOM with ";"', async () => {
    const { auth, school } = await createSchool(app);
    const bom = await upload(auth, 'students', example('students-utf8.csv'));
    expect(bom.statusCode, bom.body).toBe(200);
    expect(bom.json()).toMatchObject({
      students: { created: 4 },
      parents: { created: 4 },
      guardianships: { created: 6 },
      groups: { created: 3 },
    });
    const plain = Buffer.from(`${RU_HEADER}\n5А;S-1001;Иванов;Пётр;Сергеевич;2015-03-14;P-2001;Иванова Мария Петровна;;\n`, 'utf8');
    const res = await upload(auth, 'students', plain);
    expect(res.json()).toMatchObject({ students: { unchanged: 1 }, parents: { unchanged: 1 } });
    expect((await userOf(school.id, 'P-2002'))!.firstName).toBe('Сергей');
  });

  it('names the CSV line and column of every broken row and writes nothing', async () => {
    const { auth, school } = await createSchool(app);
    const csv = [
      RU_HEADER,
      '5А;S1;;Без;Фамилии;01.09.2015;;;;',
      '',
      '5А;S2;Плохая;Дата;;31.02.2015;;;;',
      '5А;S1;Дубль;Ученик;;;;;;',
      '5А;S3;Нет;Родителя;;;;Родитель Без Айди;;',
      '5А;S4;Плохой;Телефон;;;P1;Иванова Мария;12-34;не почта',
    ].join('\n');
    const res = await upload(auth, 'students', Buffer.from(csv));
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as { row: number; field: string; message: string }[];
    expect(details.map((d) => `${d.row}:${d.field}`).sort()).toEqual([
      '2:Фамилия',
      '4:Дата рождения',
      '5:ID ученика',
      '6:Родитель 1 ID',
      '7:Родитель 1 e-mail',
      '7:Родитель 1 телефон',
    ]);
    expect(details.find((d) => d.row === 2)!.message).toBe('line 2, «Фамилия»: is required');
    expect(details.find((d) => d.row === 5)!.message).toContain('first at line 2');
    expect(await countRows(app, students, eq(students.schoolId, school.id))).toBe(0);
    expect(await countRows(app, groups, eq(groups.schoolId, school.id))).toBe(0);
  });

  it('imports staff with Russian roles and class leadership, and rejects an unknown class teacher', async () => {
    const { auth, school } = await createSchool(app);
    const res = await upload(auth, 'staff', example('staff.csv'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ staff: { created: 6 }, groups: { created: 2 } });
    expect((await userOf(school.id, 'T-03'))!.roles).toEqual(['deputy_director', 'teacher']);
    expect((await userOf(school.id, 'T-04'))!.roles).toEqual(['teacher', 'class_teacher']);
    expect((await userOf(school.id, 'T-01'))!.phone).toBe('+79131000001');

    // The students file then fills the classes the staff file created.
    const students = await upload(auth, 'students', example('students.csv'));
    expect(students.json().groups).toMatchObject({ created: 2, unchanged: 2 });
    const list = (await app.http!.inject({ method: 'GET', url: '/v1/groups', headers: auth })).json();
    expect(list.find((g: { name: string }) => g.name === '5А')).toMatchObject({ studentCount: 2, classTeacher: { externalId: 'T-01' } });

    const english =
      'id,last_name,first_name,roles,class_teacher_of\nT-09,Новый,Учитель,"teacher,class_teacher",9А\nT-10,Странный,Сотрудник,завхоз,\n';
    const bad = await upload(auth, 'staff', Buffer.from(english));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ row: 3, field: 'roles', message: expect.stringContaining('«завхоз»') }),
    ]);

    const json = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster',
      headers: auth,
      payload: { groups: [{ externalId: '5А', name: '5А', classTeacherExternalId: 'T-404' }] },
    });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details[0]).toMatchObject({ path: 'groups[0].classTeacherExternalId', row: 1 });
  });

  it('rejects unknown headers listing the known ones, and non-CSV content types', async () => {
    const { auth } = await createSchool(app);
    const res = await upload(auth, 'students', Buffer.from('Класс;ID ученика;Фамилия;Имя;Любимый цвет\n5А;1;А;Б;синий\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].message).toMatch(/unknown column «Любимый цвет».*Known columns: Класс \/ class/);
    const json = await upload(auth, 'students', JSON.stringify({ a: 1 }), '', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('text/csv') });
    const multipart = await upload(auth, 'staff', 'x', '', 'multipart/form-data; boundary=x');
    expect(multipart.statusCode).toBe(415);
    const empty = await upload(auth, 'staff', '');
    expect(empty.statusCode).toBe(422);
  });

  it('a class named in the CSV keeps the name and kind the JSON import gave it', async () => {
    const { auth } = await createSchool(app);
    await app.http!.inject({
      method: 'POST',
      url: '/v1/roster',
      headers: auth,
      payload: { groups: [{ externalId: '5А', name: '5 «А» класс', gradeLevel: 5 }] },
    });
    const res = await upload(auth, 'students', example('students.csv'));
    expect(res.json().groups).toEqual({ created: 3, updated: 0, unchanged: 1 });
    const list = (await app.http!.inject({ method: 'GET', url: '/v1/groups', headers: auth })).json();
    expect(list.find((g: { externalId: string }) => g.externalId === '5А')).toMatchObject({ name: '5 «А» класс', studentCount: 2 });
  });

  it('dry run of a CSV writes nothing', async () => {
    const { auth, school } = await createSchool(app);
    const res = await upload(auth, 'students', example('students.csv'), '?dryRun=true&effectiveDate=2026-09-01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, effectiveDate: '2026-09-01', students: { created: 6 } });
    expect(await countRows(app, students, eq(students.schoolId, school.id))).toBe(0);
    expect(await countRows(app, groups, eq(groups.schoolId, school.id))).toBe(0);
  });
});

describe('roster import: body limit', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => app.stop());

  it('answers an oversized file with 413', async () => {
    const { auth, school } = await createSchool(app);
    const rows = Array.from({ length: 100 }, (_, i) => `5А;S${i};Фамилия${i};Имя;;;;;;`);
    const res = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster/students',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: [RU_HEADER, ...rows].join('\n'),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await countRows(app, students, eq(students.schoolId, school.id))).toBe(0);
  });
});
