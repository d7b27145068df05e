import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears, enrollments } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/domain/shared/principal.js';
import { journalSchool, journalSuite, testClock, TODAY } from './fixture.js';

/**
 * getLesson reads the lesson, its school, roster, marks, grades and next КТП item in one
 * statement of JSON sub-selects: it must say exactly what the separate repository reads say.
 */
describe('journal.getLesson from one statement', () => {
  let app: App;
  const clock = testClock();

  journalSuite(clock, (started) => {
    app = started;
  });

  const matchesSeparateReads = async (principal: Principal, lessonId: number) => {
    const view = await app.services.journal.getLesson(principal, lessonId);
    const repos = app.services.uow.repos.journal;
    const { lesson } = view;
    const [roster, marks, grades, next, record] = await Promise.all([
      repos.enrolledOn(lesson.groupId, lesson.date),
      repos.attendanceOf([lesson.id]),
      repos.gradesOfLessons([lesson.id]),
      repos.nextPlanItem(lesson.courseId),
      repos.findLesson(lesson.id),
    ]);
    expect(view.lesson).toEqual(record!.lesson);
    expect([view.groupName, view.subjectName]).toEqual([record!.groupName, record!.subjectName]);
    expect(view.students.map(({ attendance: _a, ...s }) => s)).toEqual(roster);
    expect(view.students.flatMap((s) => (s.attendance ? [{ studentId: s.id, ...s.attendance }] : []))).toEqual(
      marks
        .map((m) => ({ studentId: m.studentId, status: m.status, reason: m.reason, parentExplanation: m.parentExplanation }))
        .sort((a, b) => roster.findIndex((r) => r.id === a.studentId) - roster.findIndex((r) => r.id === b.studentId)),
    );
    expect(view.grades).toEqual(grades);
    expect(view.suggestedTopic).toEqual(next);
    return view;
  };

  it('gives the roster in name order, marks, grades with their dates, the next КТП topic and the editability', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    await j.saveAttendance(s.as(s.teacher), lesson.id, { marks: [{ studentId: s.students.ivanov.id, status: 'sick', reason: 'справка' }] });
    // Left the group before the lesson day: not on the roster.
    await app.db.db.insert(enrollments).values({
      studentId: (await s.seed.student(null, { lastName: 'Ушедший' })).id,
      groupId: s.group.id,
      fromDate: '2000-01-01',
      toDate: '2000-01-02',
    });
    const [first, second] = await s.seed.plan(s.course.id, ['Натуральные числа', 'Дроби']);
    const [kept, removed] = await j.addGrades(s.as(s.teacher), lesson.id, [
      { studentId: s.students.abramova.id, value: '5', comment: 'у доски <b>' },
      { studentId: s.students.yolkin.id, value: '3' },
    ]);
    await j.removeGrade(s.as(s.teacher), removed!.id);

    let view = await matchesSeparateReads(s.as(s.teacher), lesson.id);
    expect(view.students.map((x) => x.lastName)).toEqual(['Абрамова', 'Ёлкин', 'Иванов']);
    expect(view.students.find((x) => x.id === s.students.ivanov.id)?.attendance).toEqual({
      status: 'sick',
      reason: 'справка',
      parentExplanation: null,
    });
    expect(view.grades).toEqual([kept]);
    expect(view.grades[0]!.createdAt).toBeInstanceOf(Date);
    expect(view.suggestedTopic?.id).toBe(first!.id);
    expect(view.attendanceEditable).toEqual({ editable: true, reason: null });

    await j.setTopic(s.as(s.teacher), lesson.id, { planItemId: first!.id });
    view = await matchesSeparateReads(s.as(s.teacher), lesson.id);
    expect(view.suggestedTopic?.id).toBe(second!.id);
    expect((await matchesSeparateReads(s.as(s.deputy), lesson.id)).attendanceEditable).toEqual({ editable: false, reason: 'not_allowed' });
    await matchesSeparateReads(s.api, lesson.id);

    const tomorrow = await s.seed.lesson(s.course, '2026-10-15');
    expect((await matchesSeparateReads(s.as(s.teacher), tomorrow.id)).attendanceEditable).toEqual({
      editable: false,
      reason: 'not_started',
    });
    const old = await s.seed.lesson(s.course, '2025-10-14');
    await app.db.db.insert(closedYears).values({ schoolId: s.school.id, fromDate: '2025-09-01', toDate: '2026-08-31' });
    expect((await matchesSeparateReads(s.as(s.teacher), old.id)).attendanceEditable).toEqual({ editable: false, reason: 'closed_year' });
  });

  it('refuses: another school looks missing, a colleague is forbidden', async () => {
    const mine = await journalSchool(app);
    const theirs = await journalSchool(app);
    const lesson = await theirs.seed.lesson(theirs.course, TODAY);
    const j = app.services.journal;
    await expect(j.getLesson(mine.as(mine.teacher), lesson.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.getLesson(mine.api, lesson.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.getLesson(mine.api, 2_000_000_000)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.getLesson(theirs.as(theirs.colleague), lesson.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('locks and reads a lesson inside a transaction exactly as findLesson reads it', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00', { substituteId: s.substitute.id });
    const j = app.services.journal;
    await j.saveAttendance(s.as(s.teacher), lesson.id, { allPresent: true });
    await j.setTopic(s.as(s.teacher), lesson.id, { topic: 'Дроби' });
    await j.setHomework(s.as(s.teacher), lesson.id, null);
    const { lesson: expected } = (await app.services.uow.repos.journal.findLesson(lesson.id))!;
    expect(expected.topicFilledAt).toBeInstanceOf(Date);
    const locked = await app.services.uow.transaction((repos) => repos.journal.lockLesson(lesson.id));
    expect(locked).toEqual(expected);
    expect(await app.services.uow.transaction((repos) => repos.journal.lockLesson(2_000_000_000))).toBeNull();
  });

  it('reads the locked snapshot only once the lock is held, so it sees what the holder committed', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const waitingForLock = async () => {
      for (let i = 0; i < 200; i++) {
        const rows = await app.db
          .sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%for update%'`;
        if (rows.length) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the second save never waited for the lock');
    };
    let second: Promise<Awaited<ReturnType<typeof app.services.uow.repos.journal.lockedSnapshot>>> | undefined;
    await app.services.uow.transaction(async (repos) => {
      await repos.journal.lockLesson(lesson.id);
      await repos.journal.saveAttendance([
        {
          lessonId: lesson.id,
          studentId: s.students.ivanov.id,
          status: 'absent',
          reason: null,
          markedBy: s.teacher.id,
          markedAt: new Date(),
        },
      ]);
      // Another save starts while this one holds the lock, and must wait for it.
      second = app.services.uow.transaction((other) => other.journal.lockedSnapshot(lesson.id));
      await waitingForLock();
    });
    // Had the snapshot been read before the lock was granted, it would miss the mark just committed.
    const snapshot = await second!;
    expect(snapshot!.lesson.id).toBe(lesson.id);
    expect(snapshot!.marks).toEqual([{ studentId: s.students.ivanov.id, status: 'absent', reason: null, parentExplanation: null }]);
    expect(await app.services.uow.transaction((repos) => repos.journal.lockedSnapshot(2_000_000_000))).toBeNull();
  });
});
