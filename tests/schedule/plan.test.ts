import iconv from 'iconv-lite';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { lessons } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { scheduleSchool } from './fixtures.js';

describe('КТП (calendar-thematic plan) import', () => {
  let app: App;
  let school: Awaited<ReturnType<typeof scheduleSchool>>;

  beforeAll(async () => {
    app = await createTestApp();
    school = await scheduleSchool(app);
  });
  afterAll(() => app.stop());

  const put = (courseId: number, payload: unknown, extra: { query?: string; headers?: Record<string, string> } = {}) =>
    app.http!.inject({
      method: 'PUT',
      url: `/v1/courses/${courseId}/plan${extra.query ?? ''}`,
      headers: { ...school.auth, ...extra.headers },
      payload: payload as string,
    });

  it('loads a plan from JSON with positions 1..n in the given order', async () => {
    const res = await put(school.courseIds.c1!, {
      items: [{ topic: 'Натуральные числа', hours: 2 }, { topic: 'Сложение' }, { position: 3, topic: 'Вычитание' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 3, deleted: 0, kept: [] });
    expect(res.json().items.map((i: { position: number; topic: string; hours: number }) => [i.position, i.topic, i.hours])).toEqual([
      [1, 'Натуральные числа', 2],
      [2, 'Сложение', 1],
      [3, 'Вычитание', 1],
    ]);
  });

  it('rejects bad items with details and refuses to overwrite without replace', async () => {
    const bad = await put(school.courseIds.c1!, {
      items: [
        { position: 2, topic: 'x' },
        { topic: '  ', hours: 0 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'items[0].position',
      'items[1].topic',
      'items[1].hours',
    ]);
    const conflict = await put(school.courseIds.c1!, { items: [{ topic: 'Другое' }] });
    expect(conflict.statusCode).toBe(409);
    const same = await put(school.courseIds.c1!, {
      items: [{ topic: 'Натуральные числа', hours: 2 }, { topic: 'Сложение' }, { topic: 'Вычитание' }],
    });
    expect(same.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, deleted: 0 });
  });

  it('reads a Windows-1251 CSV export with «№;Тема;Часы»', async () => {
    const csv = iconv.encode('№;Тема;Часы\r\n1;Введение. Повторение;1\r\n2;"Имя существительное; род";2\r\n3;Глагол;\r\n', 'win1251');
    const res = await put(school.courseIds.c2!, csv, { headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { topic: string; hours: number }) => [i.topic, i.hours])).toEqual([
      ['Введение. Повторение', 1],
      ['Имя существительное; род', 2],
      ['Глагол', 1],
    ]);
  });

  it('reads a UTF-8 CSV with a BOM and English headers, and reports bad numbers by line', async () => {
    const ok = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('position,topic,hours\n1,Дроби,3\n', 'utf8')]);
    const res = await put(school.courseIds.c3!, ok, { headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ position: 1, topic: 'Дроби', hours: 3 })]);
    const bad = await put(school.courseIds.c3!, Buffer.from('№;Тема;Часы\n1;Дроби;три\n', 'utf8'), {
      headers: { 'content-type': 'text/csv' },
      query: '?replace=true',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ row: 2, field: 'hours' });
  });

  it('keeps topics used by lessons on re-import and explains why', async () => {
    const courseId = school.courseIds.c1!;
    const plan = (await app.http!.inject({ method: 'GET', url: `/v1/courses/${courseId}/plan`, headers: school.auth })).json().items;
    const course = { id: courseId, groupId: school.groupA.id, teacherId: school.teacher1.id };
    const lesson = await school.seed.lesson(course, '2026-09-07', '08:30', { planItemId: plan[1].id, topic: 'Сложение' });
    const used = await school.seed.lesson(course, '2026-09-08', '08:30', { planItemId: plan[0].id, topic: 'Натуральные числа' });

    const res = await put(
      courseId,
      { items: [{ topic: 'Натуральные числа', hours: 2 }, { topic: 'Умножение' }, { topic: 'Деление' }] },
      { query: '?replace=true' },
    );
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 1, deleted: 0 });
    expect(report.kept).toEqual([
      expect.objectContaining({
        id: plan[1].id,
        topic: 'Сложение',
        lessons: 1,
        position: 4,
        reason: expect.stringContaining('used by 1 lesson'),
      }),
    ]);
    expect(report.items.map((i: { position: number; topic: string }) => [i.position, i.topic])).toEqual([
      [1, 'Натуральные числа'],
      [2, 'Умножение'],
      [3, 'Деление'],
      [4, 'Сложение'],
    ]);
    // The unused item at position 3 took the new topic in place; the used ones keep their ids.
    expect(report.items[0].id).toBe(plan[0].id);
    expect(report.items[2].id).toBe(plan[2].id);
    const [row] = await app.db.db.select().from(lessons).where(eq(lessons.id, lesson.id));
    expect(row!.planItemId).toBe(plan[1].id);
    const [row2] = await app.db.db.select().from(lessons).where(eq(lessons.id, used.id));
    expect(row2!.planItemId).toBe(plan[0].id);
  });

  it('addresses a course of another school as missing', async () => {
    const other = await scheduleSchool(app);
    const res = await app.http!.inject({
      method: 'PUT',
      url: `/v1/courses/${school.courseIds.c1}/plan`,
      headers: other.auth,
      payload: { items: [{ topic: 'x' }] },
    });
    expect(res.statusCode).toBe(404);
    const byExternal = await app.http!.inject({
      method: 'PUT',
      url: '/v1/courses/external/c1/plan',
      headers: other.auth,
      payload: { items: [{ topic: 'Чужая тема' }] },
    });
    expect(byExternal.statusCode).toBe(200);
    expect(byExternal.json().courseId).toBe(other.courseIds.c1);
  });

  type Detail = { path?: string; row?: number; message: string };
  const putCsv = (courseId: number, body: string, query = '') =>
    put(courseId, Buffer.from(body), { headers: { 'content-type': 'text/csv' }, query });

  it('refuses a file of 900,000 rows under the body limit with 413 and one detail', async () => {
    const body = `№;Тема;Часы\n${'1;a;x\n'.repeat(900_000)}`;
    const res = await putCsv(school.courseIds.c1!, body);
    expect(res.statusCode).toBe(413);
    const { error } = res.json() as { error: { code: string; message: string; details: Detail[] } };
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('The plan file has more than 1000 rows');
    expect(error.details).toHaveLength(1);
    expect(res.body.length).toBeLessThan(1000);
  });

  it('lists the first hundred bad rows of an allowed file and counts the rest', async () => {
    const body = `№;Тема;Часы\n${Array.from({ length: 1000 }, (_, i) => `${i + 1};Тема ${i + 1};много`).join('\n')}`;
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
      method: 'PUT',
      url: `/v1/courses/${school.courseIds.c3!}/plan`,
      headers: school.auth,
      payload: { items: [{ topic: 'Дро\u2066би\u2069' }, { topic: '\u200D\u2060' }] },
    });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details.map((d: Detail) => d.path)).toEqual(['items[1].topic']);
  });
});
