import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears, enrollments } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/shared/principal.js';
import { createTestApp } from '../helpers/app.js';
import { journalSchool, NOW, testClock, TODAY } from './fixture.js';

/** The lean read of an attendance tap must say exactly what getLesson says about the same fields. */
describe('journal.attendanceContext', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => app.stop());

  const same = async (principal: Principal, lessonId: number) => {
    const full = await app.services.journal.getLesson(principal, lessonId);
    const lean = await app.services.journal.attendanceContext(principal, lessonId);
    expect(lean).toEqual({
      lesson: full.lesson, groupName: full.groupName, subjectName: full.subjectName, students: full.students, attendanceEditable: full.attendanceEditable,
    });
    return lean;
  };

  it('gives the roster in name order with saved marks and the same editability as getLesson', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    await app.services.journal.saveAttendance(s.as(s.teacher), lesson.id, { marks: [{ studentId: s.students.ivanov.id, status: 'sick', reason: 'справка' }] });
    // Left the group before the lesson day: not on the roster.
    await app.db.db.insert(enrollments).values({ studentId: (await s.seed.student(null, { lastName: 'Ушедший' })).id, groupId: s.group.id, fromDate: '2000-01-01', toDate: '2000-01-02' });
    const lean = await same(s.as(s.teacher), lesson.id);
    expect(lean.students.map((x) => x.lastName)).toEqual(['Абрамова', 'Ёлкин', 'Иванов']);
    expect(lean.students.find((x) => x.id === s.students.ivanov.id)?.attendance).toEqual({ status: 'sick', reason: 'справка', parentExplanation: null });
    expect(lean.attendanceEditable).toEqual({ editable: true, reason: null });
    expect((await same(s.as(s.deputy), lesson.id)).attendanceEditable).toEqual({ editable: false, reason: 'not_allowed' });
    await same(s.api, lesson.id);

    const tomorrow = await s.seed.lesson(s.course, '2026-10-15');
    expect((await same(s.as(s.teacher), tomorrow.id)).attendanceEditable).toEqual({ editable: false, reason: 'not_started' });
    const old = await s.seed.lesson(s.course, '2025-10-14');
    await app.db.db.insert(closedYears).values({ schoolId: s.school.id, fromDate: '2025-09-01', toDate: '2026-08-31' });
    expect((await same(s.as(s.teacher), old.id)).attendanceEditable).toEqual({ editable: false, reason: 'closed_year' });
  });

  it('refuses like getLesson: another school looks missing, a colleague is forbidden', async () => {
    const mine = await journalSchool(app);
    const theirs = await journalSchool(app);
    const lesson = await theirs.seed.lesson(theirs.course, TODAY);
    const j = app.services.journal;
    await expect(j.attendanceContext(mine.as(mine.teacher), lesson.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.attendanceContext(mine.api, lesson.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.attendanceContext(mine.api, 2_000_000_000)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.attendanceContext(theirs.as(theirs.colleague), lesson.id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
