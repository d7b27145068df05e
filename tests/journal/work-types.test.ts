import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { grades, planItems } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { auditCount, journalSchool, testClock, TODAY } from './fixture.js';

describe('work types of lessons', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  const storedGrades = async (lessonId: number) =>
    (await app.db.db.select().from(grades).where(eq(grades.lessonId, lessonId))).map((g) => [g.kind, g.workType]);

  it('sets and clears a lesson’s work type, audited, and its current grades follow in the same change', async () => {
    const s = await journalSchool(app, { finalGradeMonths: [10] });
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const { ivanov, abramova } = s.students;
    await j.addGrades(teacher, lesson.id, [{ studentId: ivanov.id, value: '4' }]);
    expect(await storedGrades(lesson.id)).toEqual([['current', null]]);

    const set = await j.setWorkType(teacher, lesson.id, 'lab');
    expect(set.workType).toBe('lab');
    expect(await storedGrades(lesson.id)).toEqual([['current', 'lab']]);
    // New current grades take the lesson's type at entry; a term grade is for no one piece of work.
    await j.addGrades(teacher, lesson.id, [
      { studentId: abramova.id, value: '5' },
      { studentId: ivanov.id, value: '4', kind: 'term', term: 1 },
    ]);
    expect((await storedGrades(lesson.id)).sort()).toEqual([
      ['current', 'lab'],
      ['current', 'lab'],
      ['term', null],
    ]);
    expect((await j.getLesson(teacher, lesson.id)).grades.filter((g) => g.kind === 'current').map((g) => g.workType)).toEqual([
      'lab',
      'lab',
    ]);

    await j.setWorkType(teacher, lesson.id, 'control');
    expect((await storedGrades(lesson.id)).sort()).toEqual([
      ['current', 'control'],
      ['current', 'control'],
      ['term', null],
    ]);
    const cleared = await j.setWorkType(teacher, lesson.id, null);
    expect(cleared.workType).toBeNull();
    expect((await storedGrades(lesson.id)).filter(([kind]) => kind === 'current')).toEqual([
      ['current', null],
      ['current', null],
    ]);
    // The same value again writes nothing.
    await j.setWorkType(teacher, lesson.id, null);
    const audit = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'lesson_work_type', limit: 10 });
    expect(audit.map((a) => [a.before, a.after]).reverse()).toEqual([
      [{ workType: null }, { workType: 'lab' }],
      [{ workType: 'lab' }, { workType: 'control' }],
      [{ workType: 'control' }, { workType: null }],
    ]);
  });

  it('refuses an unknown code, another teacher and a lesson past its edit window, writing nothing', async () => {
    const s = await journalSchool(app, {
      workTypes: [{ code: 'project', name: 'Защита проекта', weight: 2, report: 'practical' }],
    });
    const lesson = await s.seed.lesson(s.course, TODAY);
    const old = await s.seed.lesson(s.course, '2026-10-01');
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    // 'lab' is a default type, but this school replaced the list.
    await expect(j.setWorkType(teacher, lesson.id, 'lab')).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'workType', message: 'must be one of project, or null for an ordinary lesson' }],
    });
    await expect(j.setWorkType(s.as(s.colleague), lesson.id, 'project')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(j.setWorkType(teacher, old.id, 'project')).rejects.toMatchObject({ reason: 'edit_window' });
    expect(await auditCount(app, s.school.id, 'lesson_work_type')).toBe(0);
    expect((await j.getLesson(teacher, lesson.id)).lesson.workType).toBeNull();
    // The substitute and the main journal (API key, no edit window) may set it.
    expect((await j.setWorkType(s.api, old.id, 'project')).workType).toBe('project');
  });

  it('takes the КТП item’s work type with its topic when the lesson has none, and suggests it otherwise', async () => {
    const s = await journalSchool(app);
    const [p1, p2] = await s.seed.plan(s.course.id, ['Контрольная работа № 1', 'Анализ ошибок']);
    await app.db.db.update(planItems).set({ workType: 'control' }).where(eq(planItems.id, p1!.id));
    const lesson = await s.seed.lesson(s.course, TODAY);
    const other = await s.seed.lesson(s.course, TODAY, '11:00');
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    expect((await j.getLesson(teacher, lesson.id)).suggestedTopic).toMatchObject({ id: p1!.id, workType: 'control' });

    const set = await j.setTopic(teacher, lesson.id, { planItemId: p1!.id });
    expect(set).toMatchObject({ topic: 'Контрольная работа № 1', workType: 'control' });
    // A type the teacher chose is kept.
    await j.setWorkType(teacher, other.id, 'test');
    await app.db.db.update(planItems).set({ workType: 'lab' }).where(eq(planItems.id, p2!.id));
    expect((await j.setTopic(teacher, other.id, { planItemId: p2!.id })).workType).toBe('test');

    // Cleared by the teacher: the card suggests the plan's type again, one tap away.
    await j.setWorkType(teacher, lesson.id, null);
    const view = await j.getLesson(teacher, lesson.id);
    expect(view.suggestedWorkType).toBe('control');
    expect(view.workTypes.map((w) => w.code)).toContain('control');
    await j.setWorkType(teacher, lesson.id, 'control');
    expect((await j.getLesson(teacher, lesson.id)).suggestedWorkType).toBeNull();
  });

  it('imports grades with a work type by code or Russian name, and names every bad one at once', async () => {
    const s = await journalSchool(app);
    const j = app.services.journal;
    const item = (n: number, workType?: unknown) => ({
      externalId: `wt-${n}`,
      studentExternalId: s.students.ivanov.externalId!,
      courseExternalId: s.course.externalId!,
      date: '2026-10-05',
      kind: 'current',
      value: '5',
      ...(workType === undefined ? {} : { workType: workType as string }),
    });
    await expect(
      j.importGrades(s.api, [item(1, 'контрольная работа'), item(2, 'зачет'), item(3, 'nosuch'), item(4, 7)]),
    ).rejects.toMatchObject({
      details: [
        { path: 'items[2].workType', message: expect.stringContaining('"nosuch" is not one of the school\'s work types') },
        { path: 'items[3].workType', message: 'must be the code or the name of a work type' },
      ],
    });
    expect(await auditCount(app, s.school.id, 'grade')).toBe(0);

    expect(await j.importGrades(s.api, [item(1, 'Контрольная работа'), item(2, 'ЗАЧЁТ'), item(3, 'lab'), item(4), item(5, null)])).toEqual({
      created: 5,
      updated: 0,
      unchanged: 0,
    });
    const stored = async () =>
      (await app.services.uow.repos.journal.gradesByExternalIds(s.school.id, ['wt-1', 'wt-2', 'wt-3', 'wt-4', 'wt-5']))
        .sort((a, b) => a.externalId!.localeCompare(b.externalId!))
        .map((g) => g.workType);
    expect(await stored()).toEqual(['control', 'credit', 'lab', null, null]);
    // A changed work type is a changed grade.
    expect(await j.importGrades(s.api, [item(1, 'control'), item(4, 'practical')])).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(await stored()).toEqual(['control', 'credit', 'lab', 'practical', null]);
  });

  it('PUT /v1/lessons/:id/work-type sets it and names a bad code', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const put = (payload: object) =>
      app.http!.inject({ method: 'PUT', url: `/v1/lessons/${lesson.id}/work-type`, headers: s.auth, payload });
    const ok = await put({ workType: 'essay' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id: lesson.id, workType: 'essay' });
    const bad = await put({ workType: 'Сочинение' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'workType' })]);
    expect((await put({})).statusCode).toBe(400);
    const view = await app.http!.inject({ method: 'GET', url: `/v1/lessons/${lesson.id}`, headers: s.auth });
    expect(view.json().lesson.workType).toBe('essay');
  });
});
