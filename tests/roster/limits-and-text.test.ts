import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { students } from '../../src/db/schema/index.js';
import { createSchool, createTestApp } from '../helpers/app.js';

type Detail = { path?: string; row?: number; message: string };
const HEADER = 'Класс;ID ученика;Фамилия;Имя';

describe('roster import: row cap, bounded problems, clean names', () => {
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
  const rows = (n: number, row: (i: number) => string) => `${HEADER}\n${Array.from({ length: n }, (_, i) => row(i + 1)).join('\n')}\n`;

  it('refuses a students file of more than 10,000 rows with 413 before looking at them', async () => {
    const { auth } = await createSchool(app);
    const res = await upload(
      auth,
      rows(10_001, (i) => `5А;S${i};Иванов;`),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: 'The students file has more than 10000 rows' });
    expect(res.json().error.details).toHaveLength(1);
  });

  it('reports the first hundred problems of a long file and how many more there are', async () => {
    const { auth } = await createSchool(app);
    const res = await upload(
      auth,
      rows(150, (i) => `5А;S${i};Иванов;`),
    );
    expect(res.statusCode).toBe(422);
    const { error } = res.json() as { error: { message: string; details: Detail[] } };
    expect(error.message).toBe('The roster has 150 problems; nothing was imported');
    expect(error.details).toHaveLength(101);
    expect(error.details[0]).toMatchObject({ path: 'line 2, «Имя»', row: 2 });
    expect(error.details[100]!.message).toBe('…and 50 more problems; only the first 100 are listed');
  });

  it('stores names without bidirectional overrides or zero-width characters, from CSV and JSON', async () => {
    const { auth, school } = await createSchool(app);
    const csv = await upload(auth, `${HEADER}\n5А;S1;"\u202EИв\u200Bанов";Иван\uFEFF\n`);
    expect(csv.statusCode, csv.body).toBe(200);
    const json = await app.http!.inject({
      method: 'POST',
      url: '/v1/roster',
      headers: auth,
      payload: {
        groups: [{ externalId: '5А' }],
        students: [{ externalId: 'S2', lastName: 'Пе\u2066тров\u2069', firstName: '\u200DПётр\u2060', groupExternalId: '5А' }],
      },
    });
    expect(json.statusCode, json.body).toBe(200);
    const stored = await app.db.db
      .select()
      .from(students)
      .where(and(eq(students.schoolId, school.id)));
    expect(stored.map((s) => [s.externalId, s.lastName, s.firstName]).sort()).toEqual([
      ['S1', 'Иванов', 'Иван'],
      ['S2', 'Петров', 'Пётр'],
    ]);
  });
});
