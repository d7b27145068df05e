import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createSchool, createTestApp, manualClock } from '../helpers/app.js';
import { asUser, NOW, PERIOD, reportSchool } from './fixture.js';

const zero = { absent: 0, sick: 0, excused: 0, late: 0, missed: 0 };

describe('reports against hand-computed figures', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof reportSchool>>;
  const report = <K extends Parameters<App['services']['reports']['report']>[2]>(kind: K, groupId: number | null = null) =>
    app.services.reports.report(s.api, s.school.id, kind, { ...PERIOD, groupId });

  beforeAll(async () => {
    app = await createTestApp({ clock: manualClock(NOW) });
    s = await reportSchool(app);
  });
  afterAll(() => app.stop());

  it('attendance summary: per student and month, the mover in each group for his days only, the cancelled lesson left out', async () => {
    const { rows } = await report('attendance-summary');
    const pick = (r: (typeof rows)[number]) => ({
      g: r.groupName,
      s: r.studentName,
      m: r.month,
      l: r.lessons,
      n: r.absent,
      b: r.sick,
      u: r.excused,
      op: r.late,
      miss: r.missed,
      pct: r.missedPercent,
    });
    expect(rows.map(pick)).toEqual([
      { g: '5А', s: 'Абрамова Анна', m: '2026-09', l: 1, n: 0, b: 0, u: 0, op: 0, miss: 0, pct: 0 },
      { g: '5А', s: 'Абрамова Анна', m: '2026-10', l: 2, n: 0, b: 0, u: 0, op: 1, miss: 0, pct: 0 },
      { g: '5А', s: 'Абрамова Анна', m: null, l: 3, n: 0, b: 0, u: 0, op: 1, miss: 0, pct: 0 },
      { g: '5А', s: 'Ёлкин Егор', m: '2026-09', l: 1, n: 0, b: 0, u: 0, op: 0, miss: 0, pct: 0 },
      { g: '5А', s: 'Ёлкин Егор', m: '2026-10', l: 1, n: 0, b: 1, u: 0, op: 0, miss: 1, pct: 100 },
      { g: '5А', s: 'Ёлкин Егор', m: null, l: 2, n: 0, b: 1, u: 0, op: 0, miss: 1, pct: 50 },
      { g: '5А', s: 'Иванов Иван', m: '2026-09', l: 1, n: 1, b: 0, u: 0, op: 0, miss: 1, pct: 100 },
      { g: '5А', s: 'Иванов Иван', m: '2026-10', l: 2, n: 0, b: 0, u: 1, op: 0, miss: 1, pct: 50 },
      { g: '5А', s: 'Иванов Иван', m: null, l: 3, n: 1, b: 0, u: 1, op: 0, miss: 2, pct: 66.7 },
      { g: '5Б', s: 'Борисов Борис', m: '2026-10', l: 2, n: 1, b: 0, u: 0, op: 0, miss: 1, pct: 50 },
      { g: '5Б', s: 'Борисов Борис', m: null, l: 2, n: 1, b: 0, u: 0, op: 0, miss: 1, pct: 50 },
      { g: '5Б', s: 'Ёлкин Егор', m: '2026-10', l: 1, n: 1, b: 0, u: 0, op: 0, miss: 1, pct: 100 },
      { g: '5Б', s: 'Ёлкин Егор', m: null, l: 1, n: 1, b: 0, u: 0, op: 0, miss: 1, pct: 100 },
    ]);
    const one = await report('attendance-summary', s.groups.b.id);
    expect(one.group).toEqual({ id: s.groups.b.id, name: '5Б' });
    expect(one.rows.every((r) => r.groupName === '5Б')).toBe(true);
  });

  it('class attendance by month', async () => {
    const { rows } = await report('class-attendance');
    expect(rows.map(({ groupId: _g, ...r }) => r)).toEqual([
      { groupName: '5А', month: '2026-09', students: 3, lessonsHeld: 1, lessons: 3, ...zero, absent: 1, missed: 1, missedPercent: 33.3 },
      {
        groupName: '5А',
        month: '2026-10',
        students: 3,
        lessonsHeld: 2,
        lessons: 5,
        ...zero,
        sick: 1,
        excused: 1,
        late: 1,
        missed: 2,
        missedPercent: 40,
      },
      {
        groupName: '5А',
        month: null,
        students: 3,
        lessonsHeld: 3,
        lessons: 8,
        absent: 1,
        sick: 1,
        excused: 1,
        late: 1,
        missed: 3,
        missedPercent: 37.5,
      },
      { groupName: '5Б', month: '2026-10', students: 2, lessonsHeld: 2, lessons: 3, ...zero, absent: 2, missed: 2, missedPercent: 66.7 },
      { groupName: '5Б', month: null, students: 2, lessonsHeld: 2, lessons: 3, ...zero, absent: 2, missed: 2, missedPercent: 66.7 },
    ]);
  });

  it('grades summary: current grades, average, term grade, per group of the stay', async () => {
    const { rows } = await report('grades-summary');
    expect(rows.map((r) => [r.groupName, r.studentName, r.subjectName, r.current.join(' '), r.average, r.terms, r.year])).toEqual([
      ['5А', 'Абрамова Анна', 'Математика', '4', 4, [{ term: 1, value: '4' }], null],
      ['5А', 'Ёлкин Егор', 'Математика', '3', 3, [], null],
      ['5А', 'Иванов Иван', 'Математика', '5 4 5', 4.67, [{ term: 1, value: '5' }], null],
      ['5Б', 'Борисов Борис', 'Математика', '', null, [], null],
      ['5Б', 'Ёлкин Егор', 'Математика', '2', 2, [{ term: 1, value: '3' }], null],
    ]);
  });

  it('class results: counts by result, quality and success', async () => {
    const { rows } = await report('class-results');
    expect(rows.map(({ groupId: _g, ...r }) => r)).toEqual([
      {
        groupName: '5А',
        students: 3,
        assessed: 3,
        excellent: 1,
        good: 1,
        oneThree: 1,
        withThrees: 0,
        failing: 0,
        notAssessed: 0,
        qualityPercent: 66.7,
        successPercent: 100,
      },
      {
        groupName: '5Б',
        students: 2,
        assessed: 1,
        excellent: 0,
        good: 0,
        oneThree: 1,
        withThrees: 0,
        failing: 0,
        notAssessed: 1,
        qualityPercent: 0,
        successPercent: 100,
      },
    ]);
  });

  it('class sizes and movement', async () => {
    const sizes = await report('class-sizes');
    expect(sizes.rows.map(({ groupId: _g, ...r }) => r)).toEqual([
      { groupName: '5А', atStart: 3, arrived: 0, departed: 1, atEnd: 2 },
      { groupName: '5Б', atStart: 1, arrived: 1, departed: 0, atEnd: 2 },
    ]);
    const movement = await report('movement');
    expect(movement.rows.map((r) => [r.date, r.kind, r.studentName, r.groupName, r.otherGroupName, r.reason])).toEqual([
      ['2026-10-15', 'departure', 'Ёлкин Егор', '5А', '5Б', 'перевод в 5Б'],
      ['2026-10-16', 'arrival', 'Ёлкин Егор', '5Б', '5А', 'перевод из 5А'],
    ]);
  });

  it('plan fulfilment: the cancelled lesson is not held, the substitution is', async () => {
    const { rows } = await report('plan-fulfilment');
    expect(
      rows.map((r) => [
        r.groupName,
        r.subjectName,
        r.teacherName,
        r.curriculumHours,
        r.ktpHours,
        r.lessonsPlanned,
        r.lessonsCancelled,
        r.lessonsHeld,
        r.substituted,
        r.heldPercent,
        r.ktpPercent,
      ]),
    ).toEqual([
      ['5А', 'Математика', 'Смирнова Ольга', 34, 3, 4, 1, 3, 1, 75, 8.8],
      ['5Б', 'Математика', 'Кузнецов Павел', 34, 0, 2, 0, 2, 0, 100, 0],
    ]);
  });

  it('parent linking on the last day of the period', async () => {
    const { rows } = await report('parent-linking');
    expect(rows.map(({ groupId: _g, ...r }) => r)).toEqual([
      { groupName: '5А', students: 2, withLinkedParent: 1, linkedPercent: 50 },
      { groupName: '5Б', students: 2, withLinkedParent: 1, linkedPercent: 50 },
    ]);
  });

  it('authorizes: the deputy and the class teacher of the group yes, a teacher no, another school 404, bad periods 422', async () => {
    const r = app.services.reports;
    await expect(r.report(asUser(s.deputy), s.school.id, 'class-sizes', PERIOD)).resolves.toBeTruthy();
    await expect(r.report(asUser(s.classTeacher), s.school.id, 'class-sizes', { ...PERIOD, groupId: s.groups.a.id })).resolves.toBeTruthy();
    await expect(r.report(asUser(s.classTeacher), s.school.id, 'class-sizes', { ...PERIOD, groupId: s.groups.b.id })).rejects.toMatchObject(
      { code: 'forbidden' },
    );
    await expect(r.report(asUser(s.teacher), s.school.id, 'class-sizes', PERIOD)).rejects.toMatchObject({ code: 'forbidden' });
    const other = await createSchool(app);
    await expect(
      r.report({ kind: 'api', schoolId: other.school.id }, other.school.id, 'class-sizes', { ...PERIOD, groupId: s.groups.a.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(r.report(s.api, other.school.id, 'class-sizes', PERIOD)).rejects.toMatchObject({ code: 'not_found' });
    await expect(r.report(s.api, s.school.id, 'class-sizes', { from: '2026-10-31', to: '2026-09-01' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(r.report(s.api, s.school.id, 'class-sizes', { from: '2025-01-01', to: '2026-09-01' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('serves JSON, CSV (BOM, ";", decimal comma) and PDF over HTTP, and the audit log', async () => {
    const base = `/v1/reports/attendance-summary?from=${PERIOD.from}&to=${PERIOD.to}&groupId=${s.groups.a.id}`;
    const json = await app.http!.inject({ method: 'GET', url: base, headers: s.auth });
    expect(json.statusCode).toBe(200);
    expect(json.json().rows[0]).toMatchObject({ studentName: 'Абрамова Анна', month: '2026-09', lessons: 1 });

    const csv = await app.http!.inject({ method: 'GET', url: `${base}&format=csv`, headers: s.auth });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Класс;Обучающийся;Месяц;Уроков;н;б;у;оп;Пропущено;% пропусков');
    expect(lines).toContain('5А;Иванов Иван;за период;3;1;0;1;0;2;66,7');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''attendance-summary_5%D0%90_2026-09-01_2026-10-31.csv");

    const pdf = await app.http!.inject({ method: 'GET', url: `${base}&format=pdf`, headers: s.auth });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const bad = await app.http!.inject({ method: 'GET', url: `/v1/reports/movement?from=2026-09-01&to=nope`, headers: s.auth });
    expect(bad.statusCode).toBe(400);
    const other = await createSchool(app);
    const foreign = await app.http!.inject({ method: 'GET', url: `${base}&format=pdf`, headers: other.auth });
    expect(foreign.statusCode).toBe(404);

    const audit = await app.http!.inject({ method: 'GET', url: `/v1/audit?entity=grade&limit=50`, headers: s.auth });
    expect(audit.statusCode).toBe(200);
    const items = audit.json().items as { via: string; action: string; before: unknown; after: { value: string } | null }[];
    expect(items).toHaveLength(9);
    expect(items.every((i) => i.via === 'api' && i.before === null && i.after !== null)).toBe(true);
    const badAudit = await app.http!.inject({ method: 'GET', url: `/v1/audit?from=yesterday`, headers: s.auth });
    expect(badAudit.statusCode).toBe(422);
    expect((await app.http!.inject({ method: 'GET', url: `/v1/audit` })).statusCode).toBe(401);
  });
});
