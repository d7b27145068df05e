import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { auditCount, journalSchool, journalSuite, NOW, testClock, TODAY } from './fixture.js';

describe('grades on a lesson', () => {
  let app: App;
  const clock = testClock();

  journalSuite(clock, (started) => {
    app = started;
  });

  async function lessonIn(scale: string, extra: Record<string, unknown> = {}) {
    const s = await journalSchool(app, { gradeScale: scale, ...extra });
    const lesson = await s.seed.lesson(s.course, TODAY);
    return { s, lesson, j: app.services.journal, teacher: s.as(s.teacher) };
  }

  it('accepts the 2-5 scale only, dates grades with the lesson and audits them', async () => {
    const { s, lesson, j, teacher } = await lessonIn('2-5');
    const created = await j.addGrades(teacher, lesson.id, [
      { studentId: s.students.ivanov.id, value: '5' },
      { studentId: s.students.yolkin.id, value: ' 2 ', comment: ' у доски ' },
    ]);
    expect(created.map((g) => [g.value, g.kind, g.date, g.comment])).toEqual([
      ['5', 'current', TODAY, null],
      ['2', 'current', TODAY, 'у доски'],
    ]);
    await expect(j.addGrades(teacher, lesson.id, [{ studentId: s.students.ivanov.id, value: '1' }])).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'grades[0].value', message: expect.stringContaining('5, 4, 3, 2') }],
    });
    expect((await j.getLesson(teacher, lesson.id)).grades).toHaveLength(2);
    expect(await auditCount(app, s.school.id, 'grade')).toBe(2);
  });

  it('accepts 1 on a 1-5 scale and only pass/fail on a pass-fail scale', async () => {
    const five = await lessonIn('1-5');
    await expect(
      five.j.addGrades(five.teacher, five.lesson.id, [{ studentId: five.s.students.ivanov.id, value: '1' }]),
    ).resolves.toHaveLength(1);
    await expect(
      five.j.addGrades(five.teacher, five.lesson.id, [{ studentId: five.s.students.ivanov.id, value: 'pass' }]),
    ).rejects.toMatchObject({ code: 'validation_failed' });

    const pf = await lessonIn('pass-fail');
    const created = await pf.j.addGrades(pf.teacher, pf.lesson.id, [
      { studentId: pf.s.students.ivanov.id, value: 'pass' },
      { studentId: pf.s.students.yolkin.id, value: 'Незачёт' },
    ]);
    expect(created.map((g) => g.value)).toEqual(['pass', 'fail']);
    await expect(pf.j.addGrades(pf.teacher, pf.lesson.id, [{ studentId: pf.s.students.ivanov.id, value: '5' }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].value', message: expect.stringContaining('pass, fail') }],
    });
  });

  it('rejects "н/а" and "осв." with the reason, and saves nothing of a batch with one bad grade', async () => {
    const { s, lesson, j, teacher } = await lessonIn('2-5');
    for (const value of ['н/а', 'Н/А', 'осв.', 'осв', 'н.а.']) {
      await expect(j.addGrades(teacher, lesson.id, [{ studentId: s.students.ivanov.id, value }])).rejects.toMatchObject({
        details: [{ path: 'grades[0].value', message: expect.stringContaining('regulations forbid') }],
      });
    }
    await expect(
      j.addGrades(teacher, lesson.id, [
        { studentId: s.students.ivanov.id, value: '4' },
        { studentId: s.students.yolkin.id, value: 'н/а' },
      ]),
    ).rejects.toMatchObject({ details: [{ path: 'grades[1].value' }] });
    const stranger = await s.seed.student(null);
    await expect(j.addGrades(teacher, lesson.id, [{ studentId: stranger.id, value: '4' }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].studentId' }],
    });
    await expect(
      j.addGrades(teacher, lesson.id, [{ studentId: s.students.ivanov.id, value: '4', comment: 'x'.repeat(301) }]),
    ).rejects.toMatchObject({ details: [{ path: 'grades[0].comment' }] });
    expect((await j.getLesson(teacher, lesson.id)).grades).toEqual([]);
  });

  it('takes term and year grades only in the final-grade months', async () => {
    const { s, lesson, j, teacher } = await lessonIn('2-5', { finalGradeMonths: [12, 5] });
    const term = { studentId: s.students.ivanov.id, value: '4', kind: 'term' as const, term: 1 };
    await expect(j.addGrades(teacher, lesson.id, [term])).rejects.toMatchObject({ details: [{ path: 'grades[0].kind' }] });
    await expect(j.addGrades(teacher, lesson.id, [{ ...term, kind: 'year', term: null }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].kind' }],
    });
    await expect(j.addGrades(teacher, lesson.id, [{ ...term, kind: 'exam', term: null }])).resolves.toHaveLength(1);
    // The main journal is the source of final grades and is not held to the months.
    await expect(j.addGrades(s.api, lesson.id, [term])).resolves.toHaveLength(1);
    await app.services.schools.updatePolicy(s.api, s.school.id, { finalGradeMonths: [10] });
    await expect(j.addGrades(teacher, lesson.id, [{ ...term, term: undefined }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].term' }],
    });
    await expect(j.addGrades(teacher, lesson.id, [{ studentId: s.students.ivanov.id, value: '4', term: 2 }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].term' }],
    });
    await expect(j.addGrades(teacher, lesson.id, [term])).resolves.toMatchObject([{ kind: 'term', term: 1 }]);
    await app.services.schools.updatePolicy(s.api, s.school.id, { finalGradeMonths: [] });
    await expect(j.addGrades(teacher, lesson.id, [{ ...term, kind: 'year', term: null }])).resolves.toHaveLength(1);
  });

  it('removes a grade softly, audited, and only within the edit window', async () => {
    const { s, lesson, j, teacher } = await lessonIn('2-5');
    const [grade] = await j.addGrades(teacher, lesson.id, [{ studentId: s.students.ivanov.id, value: '3' }]);
    await expect(j.removeGrade(s.as(s.colleague), grade!.id)).rejects.toMatchObject({ code: 'forbidden' });
    const other = await journalSchool(app);
    await expect(j.removeGrade(other.api, grade!.id)).rejects.toMatchObject({ code: 'not_found' });
    clock.set('2026-10-17T09:00:00Z');
    await expect(j.removeGrade(teacher, grade!.id)).rejects.toMatchObject({ reason: 'edit_window' });
    clock.set(NOW);
    const removed = await j.removeGrade(teacher, grade!.id);
    expect(removed.deletedAt).toBeInstanceOf(Date);
    expect((await j.getLesson(teacher, lesson.id)).grades).toEqual([]);
    await expect(j.removeGrade(teacher, grade!.id)).rejects.toMatchObject({ code: 'not_found' });
    const trail = await app.services.uow.repos.audit.list({
      schoolId: s.school.id,
      entity: 'grade',
      entityId: String(grade!.id),
      limit: 5,
    });
    expect(trail.map((a) => a.action)).toEqual(['delete', 'create']);
    expect(trail[0]!.before).toMatchObject({ value: '3' });
  });
});
