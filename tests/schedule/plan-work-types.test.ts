import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { scheduleSchool } from './fixtures.js';

describe('КТП with work types', () => {
  let app: App;
  let school: Awaited<ReturnType<typeof scheduleSchool>>;

  beforeAll(async () => {
    app = await createTestApp();
    school = await scheduleSchool(app);
  });
  afterAll(() => app.stop());

  const put = (courseId: number, payload: unknown, csv = false) =>
    app.http!.inject({
      method: 'PUT',
      url: `/v1/courses/${courseId}/plan?replace=true`,
      headers: { ...school.auth, ...(csv ? { 'content-type': 'text/csv' } : {}) },
      payload: payload as string,
    });
  const stored = async (courseId: number) =>
    (await app.http!.inject({ method: 'GET', url: `/v1/courses/${courseId}/plan`, headers: school.auth }))
      .json()
      .items.map((i: { topic: string; workType: string | null }) => [i.topic, i.workType]);

  it('reads a «Вид работы» column by code or Russian name, case-insensitively, blank for an ordinary lesson', async () => {
    const csv =
      '№;Тема;Часы;Вид работы\n1;Дроби;1;\n2;Контрольная работа № 1;1;КОНТРОЛЬНАЯ РАБОТА\n3;Опыт с маятником;1;lab\n4;Измерения;1;практическая работа\n';
    const res = await put(school.courseIds.c1!, Buffer.from(csv, 'utf8'), true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { workType: string | null }) => i.workType)).toEqual([null, 'control', 'lab', 'practical']);
    expect(await stored(school.courseIds.c1!)).toEqual([
      ['Дроби', null],
      ['Контрольная работа № 1', 'control'],
      ['Опыт с маятником', 'lab'],
      ['Измерения', 'practical'],
    ]);
    // The same plan again changes nothing; a changed type is an update.
    expect((await put(school.courseIds.c1!, Buffer.from(csv, 'utf8'), true)).json()).toMatchObject({ unchanged: 4, updated: 0 });
    const json = await put(school.courseIds.c1!, {
      items: [
        { topic: 'Дроби', workType: 'Самостоятельная работа' },
        { topic: 'Контрольная работа № 1', workType: 'control' },
      ],
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(
      json
        .json()
        .items.slice(0, 2)
        .map((i: { workType: string | null }) => i.workType),
    ).toEqual(['independent', 'control']);
  });

  it('names every unknown work type by its line and writes nothing', async () => {
    const before = await stored(school.courseIds.c2!);
    const csv = 'Тема;Вид работы\nДроби;контрольная\nСложение;Диктант\nВычитание;xyz\n';
    const res = await put(school.courseIds.c2!, Buffer.from(csv, 'utf8'), true);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ path: 'items[0].workType', row: 2, message: expect.stringContaining('"контрольная" is not one of') }),
      expect.objectContaining({ path: 'items[2].workType', row: 4, message: expect.stringContaining('"xyz"') }),
    ]);
    const json = await put(school.courseIds.c2!, {
      items: [
        { topic: 'Дроби', workType: 'nope' },
        { topic: '', workType: 'lab' },
      ],
    });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details.map((d: { path: string }) => d.path)).toEqual(['items[0].workType', 'items[1].topic']);
    expect(await stored(school.courseIds.c2!)).toEqual(before);
  });
});
