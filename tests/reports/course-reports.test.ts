import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { withLag } from '../../src/domain/reports/course/scope.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { asUser, journalSuite, testClock } from '../journal/fixture.js';
import { courseSchool, pdfText } from './course-fixture.js';

describe("the subject teacher's reports (domain, real PostgreSQL)", () => {
  const clock = testClock();
  let app: App;
  journalSuite(clock, (a) => {
    app = a;
  });
  const service = () => app.services.courseReports;

  it("lists the teacher's own courses, class then subject; none for a teacher who teaches nothing", async () => {
    const s = await courseSchool(app);
    const mine = await service().myCourses(asUser(s.teacher));
    expect(mine.map((c) => `${c.groupName} ${c.subjectName}`)).toEqual(['5А Математика', '5Б Физика']);
    expect(await service().myCourses(asUser(s.substitute))).toEqual([]);
  });

  it('computes the period ведомость with weighted averages and the period grade; another period of the year', async () => {
    const s = await courseSchool(app);
    const r = await service().report(asUser(s.teacher), { kind: 'course-sheet', courseId: s.course.id });
    expect([r.from, r.to, r.periodName]).toEqual(['2026-09-01', '2026-10-24', '1 четверть']);
    expect(
      r.rows.map(
        (x) =>
          'average' in x && [x.studentName.split(' ')[0], x.average, x.periodGrade, x.marks.map((m) => `${m.value}×${m.weight}`).join(' ')],
      ),
    ).toEqual([
      ['Абрамова', 3.86, null, '3×2 5×1.5'],
      ['Ёлкин', null, null, ''],
      ['Иванов', 4.5, '5', '5×2 4×1 4×1'],
    ]);
    const second = await service().report(asUser(s.teacher), { kind: 'course-sheet', courseId: s.course.id, term: 2 });
    expect([second.from, second.periodName, second.rows.length]).toEqual(['2026-11-05', '2 четверть', 3]);
    const periods = await service().sheetPeriods(asUser(s.teacher), s.course.id);
    expect(periods.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(periods.current.term).toBe(1);
    await expect(service().report(asUser(s.teacher), { kind: 'course-sheet', courseId: s.course.id, term: 5 })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('prints the ведомость: each student with the weighted average and the period grade', async () => {
    const s = await courseSchool(app);
    const file = await service().document(asUser(s.teacher), { kind: 'course-sheet', courseId: s.course.id }, 'pdf');
    expect(file.fileName).toBe('course-sheet_5А_Математика_2026-09-01_2026-10-24.pdf');
    const text = pdfText(file.content);
    expect(text).toContain('ВЕДОМОСТЬ УСПЕВАЕМОСТИ ЗА ПЕРИОД: 1 ЧЕТВЕРТЬ');
    expect(text).toContain('Учитель: Смирнова');
    expect(text).toMatch(/1\s+Абрамова Анна\s+3×2 5×1,5\s+2\s+3,86/);
    expect(text).toMatch(/2\s+Ёлкин Егор\s+0/);
    expect(text).toMatch(/3\s+Иванов Иван\s+5×2 4 4\s+3\s+4,50\s+5/);

    const csv = await service().document(asUser(s.teacher), { kind: 'course-sheet', courseId: s.course.id }, 'csv');
    expect(csv.fileName).toBe('course-sheet_5А_Математика_2026-09-01_2026-10-24.csv');
    const lines = csv.content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('№;Обучающийся;Текущие отметки (×вес вида работы);Отметок;Средний взвешенный;Отметка за 1 четверть');
    expect(lines.slice(1)).toEqual(['1;Абрамова Анна;3×2 5×1,5;2;3,86;', '2;Ёлкин Егор;;0;;', '3;Иванов Иван;5×2 4 4;3;4,50;5']);
  });

  it('counts the attendance of a month in this subject, up to today', async () => {
    const s = await courseSchool(app);
    const counts = async (month?: string) => {
      const r = await service().report(asUser(s.teacher), { kind: 'course-attendance', courseId: s.course.id, month });
      return {
        to: r.to,
        name: r.periodName,
        rows: r.rows.map((x) => 'absent' in x && [x.studentName.split(' ')[0], x.lessons, x.absent, x.sick, x.excused, x.late, x.missed]),
      };
    };
    expect(await counts()).toEqual({
      to: '2026-10-14',
      name: 'октябрь 2026',
      rows: [
        ['Абрамова', 2, 0, 0, 0, 1, 0],
        ['Ёлкин', 2, 0, 0, 1, 0, 1],
        ['Иванов', 2, 1, 1, 0, 0, 2],
      ],
    });
    const september = await counts('2026-09');
    expect(september.to).toBe('2026-09-30');
    expect(september.rows).toContainEqual(['Иванов', 2, 1, 0, 0, 0, 1]);
    for (const month of ['2026-11', '2026-13', 'october']) await expect(counts(month)).rejects.toMatchObject({ code: 'validation_failed' });
    const csv = await service().document(asUser(s.teacher), { kind: 'course-attendance', courseId: s.course.id }, 'csv');
    expect(csv.content.toString('utf8')).toContain('3;Иванов Иван;2;1;1;0;0;2');
  });

  it('counts the КТП fulfilment of every course of the teacher: hours, lessons held, topics, lag', async () => {
    const s = await courseSchool(app);
    const r = await service().report(asUser(s.teacher), { kind: 'teacher-plan' });
    expect([r.from, r.to, r.teacher.name]).toEqual(['2026-09-01', '2026-10-14', 'Смирнова Мария']);
    expect(r.rows).toEqual([
      expect.objectContaining({
        groupName: '5А',
        subjectName: 'Математика',
        plannedHours: 34,
        ktpTopics: 4,
        ktpHours: 4,
        scheduled: 5,
        held: 4,
        topicsEntered: 3,
        lag: 1,
      }),
      expect.objectContaining({
        groupName: '5Б',
        subjectName: 'Физика',
        plannedHours: 68,
        ktpTopics: 0,
        scheduled: 0,
        held: 0,
        topicsEntered: 0,
        lag: 0,
      }),
    ]);
    const text = pdfText((await service().document(asUser(s.teacher), { kind: 'teacher-plan' }, 'pdf')).content);
    expect(text).toContain('ВЫПОЛНЕНИЕ КАЛЕНДАРНО-ТЕМАТИЧЕСКОГО ПЛАНИРОВАНИЯ');
    expect(text).toMatch(/5А\s+Математика\s+34\s+4\s+4\s+5\s+4\s+3\s+1/);
    expect(withLag({ ...r.rows[0]!, ktpHours: 0, scheduled: 6, topicsEntered: 2 } as never).lag).toBe(4);
    expect(withLag({ ...r.rows[0]!, scheduled: 2, topicsEntered: 3 } as never).lag).toBe(0);
  });

  it("refuses another teacher's course, another school's course and another teacher's КТП; the deputy reads them", async () => {
    const s = await courseSchool(app);
    const me = asUser(s.teacher);
    for (const request of [
      { kind: 'course-sheet', courseId: s.colleagueCourse.id },
      { kind: 'course-attendance', courseId: s.colleagueCourse.id },
      { kind: 'teacher-plan', teacherId: s.colleague.id },
    ] as const)
      await expect(service().document(me, request, 'pdf')).rejects.toMatchObject({ code: 'forbidden' });
    // A substitute of a lesson is not the course's teacher.
    await expect(service().sheetPeriods(asUser(s.substitute), s.course.id)).rejects.toMatchObject({ code: 'forbidden' });
    const other = await createSchool(app);
    const stranger = await seeder(app, other.school.id).user(['teacher']);
    const foreign = await seeder(app, other.school.id).course((await seeder(app, other.school.id).group('9В')).id, stranger.id);
    await expect(service().report(me, { kind: 'course-sheet', courseId: foreign.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(service().report(me, { kind: 'teacher-plan', teacherId: stranger.id })).rejects.toMatchObject({ code: 'forbidden' });
    const deputy = await service().report(asUser(s.deputy), { kind: 'course-sheet', courseId: s.colleagueCourse.id });
    expect(deputy.course?.subjectName).toBe('Русский язык');
    expect((await service().report(asUser(s.deputy), { kind: 'teacher-plan', teacherId: s.teacher.id })).rows).toHaveLength(2);
  });
  it('serves the same reports over HTTP to the school key: JSON, CSV, 404 for a course of another school, 400 for a bad month', async () => {
    const s = await courseSchool(app);
    const get = (url: string, headers = s.auth) => app.http!.inject({ method: 'GET', url, headers });
    const json = await get(`/v1/reports/course-sheet?courseId=${s.course.id}`);
    expect(json.statusCode).toBe(200);
    const body = json.json();
    expect([body.periodName, body.course.subjectName, body.teacher.name]).toEqual(['1 четверть', 'Математика', 'Смирнова Мария']);
    expect(body.rows.map((r: { average: number | null }) => r.average)).toEqual([3.86, null, 4.5]);
    const csv = await get(`/v1/reports/course-attendance?courseId=${s.course.id}&month=2026-10&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('3;Иванов Иван;2;1;1;0;0;2');
    const plan = await get(`/v1/reports/teacher-plan?teacherId=${s.teacher.id}`);
    expect(plan.json().rows[0]).toMatchObject({ subjectName: 'Математика', held: 4, topicsEntered: 3, lag: 1 });
    const other = await createSchool(app);
    expect((await get(`/v1/reports/course-sheet?courseId=${s.course.id}`, other.auth)).statusCode).toBe(404);
    expect((await get(`/v1/reports/course-attendance?courseId=${s.course.id}&month=2026-13`)).statusCode).toBe(400);
    expect((await get(`/v1/reports/course-attendance?courseId=${s.course.id}&month=2027-01`)).statusCode).toBe(422);
  });
});
