import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { enrollments, groups, students } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';

describe('roster import (CSV): clubs and subgroups columns', () => {
  let app: App;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.stop());

  const upload = (auth: Record<string, string>, body: string) =>
    app.http!.inject({
      method: 'POST',
      url: '/v1/roster/students',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: Buffer.from(body),
    });
  const loadGroups = (auth: Record<string, string>) =>
    app.http!.inject({
      method: 'POST',
      url: '/v1/roster',
      headers: auth,
      payload: {
        groups: [
          { externalId: '7А' },
          { externalId: '7Б' },
          { externalId: 'Шахматы', kind: 'club' },
          { externalId: 'Робототехника', kind: 'club' },
          { externalId: '7А англ 1', name: 'англ. 1', kind: 'subgroup', parentExternalId: '7А' },
        ],
      },
    });

  async function openOf(schoolId: number, studentExternalId: string) {
    const rows = await app.db.db
      .select({ ext: groups.externalId })
      .from(enrollments)
      .innerJoin(students, eq(students.id, enrollments.studentId))
      .innerJoin(groups, eq(groups.id, enrollments.groupId))
      .where(and(eq(students.schoolId, schoolId), eq(students.externalId, studentExternalId), isNull(enrollments.toDate)));
    return rows.map((r) => r.ext).sort();
  }

  it('reads «Кружки» and «Подгруппы» separated by ";"; the same file again changes nothing; an empty cell leaves them', async () => {
    const { auth, school } = await createSchool(app);
    expect((await loadGroups(auth)).statusCode).toBe(200);
    const file = [
      'Класс;ID ученика;Фамилия;Имя;Кружки;Подгруппы',
      '7А;S-1;Иванов;Пётр;"Шахматы; Робототехника";7А англ 1',
      '7А;S-2;Петрова;Анна;;',
    ].join('\n');
    const first = await upload(auth, file);
    expect(first.statusCode).toBe(200);
    expect(first.json().enrollments).toEqual({ opened: 5, closed: 0, corrected: 0 });
    expect(await openOf(school.id, 'S-1')).toEqual(['7А', '7А англ 1', 'Робототехника', 'Шахматы']);
    expect(await openOf(school.id, 'S-2')).toEqual(['7А']);

    const again = await upload(auth, file);
    expect(again.json()).toMatchObject({ students: { unchanged: 2 }, enrollments: { opened: 0, closed: 0, corrected: 0 } });

    // English headers, "," as the separator: the lists stay ";"-separated inside a cell.
    const english = ['class,student_id,last_name,first_name,clubs,subgroups', '7А,S-1,Иванов,Пётр,Шахматы,'].join('\n');
    const changed = await upload(auth, english);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().enrollments).toEqual({ opened: 0, closed: 0, corrected: 2 });
    expect(await openOf(school.id, 'S-1')).toEqual(['7А', 'Шахматы']);
  });

  it('names every bad cell by line and column and writes nothing', async () => {
    const { auth, school } = await createSchool(app);
    await loadGroups(auth);
    const file = [
      'Класс;ID ученика;Фамилия;Имя;Кружки;Подгруппы',
      '7Б;S-1;Иванов;Пётр;Шахматы;7А англ 1',
      '7А;S-2;Петрова;Анна;"Шахматы;Шахматы";',
      '7А;S-3;Сидоров;Иван;Вышивание;',
      '7А;S-4;Орлова;Ольга;7Б;',
    ].join('\n');
    const res = await upload(auth, file);
    expect(res.statusCode).toBe(422);
    const details = (res.json().error.details as { path: string; message: string }[]).sort((a, b) => a.path.localeCompare(b.path));
    expect(details.map((d) => d.path)).toEqual(['line 2, «Подгруппы»', 'line 3, «Кружки»', 'line 4, «Кружки»', 'line 5, «Кружки»']);
    expect(details[0]!.message).toMatch(/subgroup of class "7А", not of the student's class "7Б"/);
    expect(details[1]!.message).toMatch(/listed twice/);
    expect(details[2]!.message).toMatch(/unknown club "Вышивание"/);
    expect(details[3]!.message).toMatch(/is a class/);
    const [row] = await app.db.db.select({ id: students.id }).from(students).where(eq(students.schoolId, school.id));
    expect(row).toBeUndefined();
  });
});
