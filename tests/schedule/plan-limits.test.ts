import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { scheduleSchool } from './fixtures.js';

type Detail = { path?: string; row?: number; message: string };

describe('КТП CSV: row cap, bounded problems, clean topics', () => {
  let app: App;
  let school: Awaited<ReturnType<typeof scheduleSchool>>;

  beforeAll(async () => {
    app = await createTestApp();
    school = await scheduleSchool(app);
  });
  afterAll(() => app.stop());

  const putCsv = (courseId: number, body: string, query = '') =>
    app.http!.inject({ method: 'PUT', url: `/v1/courses/${courseId}/plan${query}`, headers: { ...school.auth, 'content-type': 'text/csv' }, payload: Buffer.from(body) });

  it('refuses a file of 900,000 rows under the body limit with 413 and one detail', async () => {
    const body = '№;Тема;Часы\n' + '1;a;x\n'.repeat(900_000);
    const res = await putCsv(school.courseIds.c1!, body);
    expect(res.statusCode).toBe(413);
    const { error } = res.json() as { error: { code: string; message: string; details: Detail[] } };
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('The plan file has more than 1000 rows');
    expect(error.details).toHaveLength(1);
    expect(res.body.length).toBeLessThan(1000);
  });

  it('lists the first hundred bad rows of an allowed file and counts the rest', async () => {
    const body = '№;Тема;Часы\n' + Array.from({ length: 1000 }, (_, i) => `${i + 1};Тема ${i + 1};много`).join('\n');
    const res = await putCsv(school.courseIds.c1!, body);
    expect(res.statusCode).toBe(422);
    const details = (res.json() as { error: { details: Detail[] } }).error.details;
    expect(details).toHaveLength(101);
    expect(details[0]).toMatchObject({ path: 'line 2: hours', row: 2 });
    expect(details[99]).toMatchObject({ path: 'line 101: hours', row: 101 });
    expect(details[100]!.message).toBe('…and 900 more problems; only the first 100 are listed');
  });

  it('names the real line of a row after a quoted cell with a line break', async () => {
    const res = await putCsv(school.courseIds.c2!, '№;Тема;Часы\n1;"Повторение:\nдроби";1\n2;Проценты;два\n');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ path: 'line 4: hours', row: 4, field: 'hours', message: '"два" is not a whole number' }]);
  });

  it('strips bidirectional overrides and zero-width characters from topics, CSV and JSON alike', async () => {
    const csv = await putCsv(school.courseIds.c2!, '№;Тема;Часы\n1;"\u202EПовторение:\nдроби\u200B";1\n', '?replace=true');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.json().items.map((i: { topic: string }) => i.topic)).toEqual(['Повторение: дроби']);
    const json = await app.http!.inject({
      method: 'PUT', url: `/v1/courses/${school.courseIds.c3!}/plan`, headers: school.auth,
      payload: { items: [{ topic: 'Дро\u2066би\u2069' }, { topic: '\u200D\u2060' }] },
    });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details.map((d: Detail) => d.path)).toEqual(['items[1].topic']);
  });
});
