import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { groups, lessons } from '../../src/db/schema/index.js';
import { DEFAULT_WORK_TYPES } from '../../src/domain/year/work-types.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { YEAR_2026 } from '../year/fixtures.js';
import { asUser, NOW, reportSchool } from './fixture.js';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sj-pdf-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
}

describe('report: control, laboratory and practical works', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof reportSchool>>;
  const RANGE = { from: '2026-09-01', to: '2026-11-30' };

  beforeAll(async () => {
    app = await createTestApp({ clock: manualClock(NOW) });
    s = await reportSchool(app);
    const j = app.services.journal;
    const { l1, l2, l3, l4, m2 } = s.lessons;
    await j.setTopic(s.api, l1.id, { topic: 'Контрольная работа № 1 «Натуральные числа»' });
    await j.setWorkType(s.api, l1.id, 'control');
    await j.setWorkType(s.api, l2.id, 'test'); // not a reported type
    await j.setWorkType(s.api, l4.id, 'lab');
    await j.setWorkType(s.api, m2.id, 'practical');
    await app.db.db.update(lessons).set({ workType: 'control' }).where(eq(lessons.id, l3.id)); // cancelled: not held
    const late = await s.seed.lesson(s.courses.mathA, '2026-11-06');
    await j.setWorkType(s.api, late.id, 'dictation');
  });
  afterAll(() => app.stop());

  const report = (groupId: number | null = null) =>
    app.services.reports.report(asUser(s.deputy), s.school.id, 'control-works', { ...RANGE, groupId });

  it('lists the held works of each class and subject with date, teacher, topic and type; periods once they are loaded', async () => {
    const before = await report();
    expect(before.title).toBe('Контрольные, лабораторные и практические работы');
    expect(before.rows.map((r) => [r.groupName, r.subjectName, r.date, r.workType, r.workTypeName, r.report, r.period])).toEqual([
      ['5А', 'Математика', '2026-09-10', 'control', 'Контрольная работа', 'control', null],
      ['5А', 'Математика', '2026-10-21', 'lab', 'Лабораторная работа', 'laboratory', null],
      ['5А', 'Математика', '2026-11-06', 'dictation', 'Диктант', 'control', null],
      ['5Б', 'Математика', '2026-10-22', 'practical', 'Практическая работа', 'practical', null],
    ]);
    expect(before.rows[0]).toMatchObject({ topic: 'Контрольная работа № 1 «Натуральные числа»', lessonId: s.lessons.l1.id });
    expect(before.rows[0]!.teacherName).toContain('Смирнова Ольга');
    // A substituted lesson names the one who held it.
    expect(before.rows[1]!.teacherName).toContain('Попова');

    await app.db.db
      .update(groups)
      .set({ gradeLevel: 5 })
      .where(inArray(groups.id, [s.groups.a.id, s.groups.b.id]));
    await app.services.year.loadPeriods(s.api, s.school.id, YEAR_2026);
    const after = await report(s.groups.a.id);
    expect(after.group).toEqual({ id: s.groups.a.id, name: '5А' });
    expect(after.rows.map((r) => [r.date, r.period])).toEqual([
      ['2026-09-10', '1 четверть'],
      ['2026-10-21', '1 четверть'],
      ['2026-11-06', '2 четверть'],
    ]);
  });

  it('follows the school’s list: a type taken out of the report groups drops out', async () => {
    await app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, {
      workTypes: [
        { code: 'control', name: 'Контрольная работа', weight: 2, report: 'control' },
        { code: 'lab', name: 'Лабораторная работа', weight: 1.5, report: null },
      ],
    });
    try {
      expect((await report()).rows.map((r) => r.workType)).toEqual(['control']);
    } finally {
      await app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, { workTypes: [...DEFAULT_WORK_TYPES] });
    }
  });

  it('serves JSON, CSV and PDF over HTTP', async () => {
    const base = `/v1/reports/control-works?from=${RANGE.from}&to=${RANGE.to}&groupId=${s.groups.a.id}`;
    const json = await app.http!.inject({ method: 'GET', url: base, headers: s.auth });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().rows[0]).toMatchObject({ date: '2026-09-10', workType: 'control', workTypeName: 'Контрольная работа' });

    const csv = await app.http!.inject({ method: 'GET', url: `${base}&format=csv`, headers: s.auth });
    expect(csv.statusCode).toBe(200);
    const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Класс;Предмет;Период;Дата;Вид работы;Тема;Учитель');
    expect(lines[1]).toMatch(
      /^5А;Математика;1 четверть;10\.09\.2026;Контрольная работа;Контрольная работа № 1 «Натуральные числа»;Смирнова Ольга/,
    );
    expect(csv.headers['content-disposition']).toContain('control-works_5');

    const pdf = await app.http!.inject({ method: 'GET', url: `${base}&format=pdf`, headers: s.auth });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('КОНТРОЛЬНЫЕ, ЛАБОРАТОРНЫЕ И ПРАКТИЧЕСКИЕ РАБОТЫ');
    expect(text).toContain('Лабораторная работа');
    expect(text).toContain('Диктант');
    expect(text).toContain('Классный руководитель');

    const bad = await app.http!.inject({ method: 'GET', url: `/v1/reports/control-works?from=2026-09-01&to=nope`, headers: s.auth });
    expect(bad.statusCode).toBe(400);
    const teacher = await app.services.reports
      .report(asUser(s.teacher), s.school.id, 'control-works', RANGE)
      .catch((e: { code: string }) => e.code);
    expect(teacher).toBe('forbidden');
  });
});
