import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears } from '../../src/db/schema/index.js';
import { journalSchool, journalSuite, testClock, TODAY } from './fixture.js';

describe('journal access and editability', () => {
  let app: App;
  const clock = testClock();

  journalSuite(clock, (started) => {
    app = started;
  });

  it('lets the teacher and the substitute change a lesson, and only lets others read or nothing', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00', { substituteId: s.substitute.id });
    const j = app.services.journal;

    await expect(j.saveAttendance(s.as(s.teacher), lesson.id, { allPresent: true })).resolves.toHaveLength(3);
    await expect(
      j.saveAttendance(s.as(s.substitute), lesson.id, { marks: [{ studentId: s.students.ivanov.id, status: 'absent' }] }),
    ).resolves.toHaveLength(1);

    await expect(j.getLesson(s.as(s.colleague), lesson.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(j.saveAttendance(s.as(s.colleague), lesson.id, { allPresent: true })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(j.setTopic(s.as(s.colleague), lesson.id, { topic: 'Дроби' })).rejects.toMatchObject({ code: 'forbidden' });

    // The administration and the class teacher read, but the journal stays the teacher's to fill.
    const byDeputy = await j.getLesson(s.as(s.deputy), lesson.id);
    expect(byDeputy.editable).toEqual({ editable: false, reason: 'not_allowed' });
    await expect(j.saveAttendance(s.as(s.deputy), lesson.id, { allPresent: true })).rejects.toMatchObject({ code: 'forbidden' });
    const byClassTeacher = await j.getLesson(s.as(s.classTeacher), lesson.id);
    expect(byClassTeacher.students.find((x) => x.id === s.students.ivanov.id)?.attendance?.status).toBe('absent');
    await expect(j.getLesson(s.api, lesson.id)).resolves.toMatchObject({ lesson: { id: lesson.id } });
  });

  it('hides lessons of another school as missing, for users and API keys alike', async () => {
    const mine = await journalSchool(app);
    const theirs = await journalSchool(app);
    const lesson = await theirs.seed.lesson(theirs.course, TODAY);
    const j = app.services.journal;
    await expect(j.getLesson(mine.as(mine.deputy), lesson.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.getLesson(mine.api, lesson.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.saveAttendance(mine.api, lesson.id, { allPresent: true })).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.groupJournal(mine.api, theirs.group.id, TODAY, TODAY)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.getLesson(mine.api, 2_000_000_000)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps yesterday editable with a one-day window and closes three days ago, except for the API key', async () => {
    const s = await journalSchool(app, { editWindowDays: 1 });
    const yesterday = await s.seed.lesson(s.course, '2026-10-13');
    const old = await s.seed.lesson(s.course, '2026-10-11');
    const j = app.services.journal;
    const teacher = s.as(s.teacher);

    await expect(j.saveAttendance(teacher, yesterday.id, { allPresent: true })).resolves.toHaveLength(3);
    await expect(j.saveAttendance(teacher, old.id, { allPresent: true })).rejects.toMatchObject({
      code: 'read_only',
      reason: 'edit_window',
    });
    await expect(j.setHomework(teacher, old.id, 'стр. 5')).rejects.toMatchObject({ reason: 'edit_window' });
    expect((await j.getLesson(teacher, old.id)).editable).toEqual({ editable: false, reason: 'edit_window' });
    expect((await j.getLesson(teacher, yesterday.id)).editable).toEqual({ editable: true, reason: null });
    // The main journal corrects old lessons.
    await expect(j.saveAttendance(s.api, old.id, { allPresent: true })).resolves.toHaveLength(3);

    // Just after midnight the window of "yesterday" has moved on too (school timezone, not UTC).
    clock.set('2026-10-14T21:30:00Z'); // 00:30 on the 15th in Moscow
    await expect(j.setTopic(teacher, yesterday.id, { topic: 'Дроби' })).rejects.toMatchObject({ reason: 'edit_window' });
  });

  it('refuses changes to cancelled lessons, closed years, and attendance of a day not yet come', async () => {
    const s = await journalSchool(app);
    const j = app.services.journal;
    const cancelled = await s.seed.lesson(s.course, TODAY, '10:00', { status: 'cancelled', cancelReason: 'карантин' });
    await expect(j.saveAttendance(s.as(s.teacher), cancelled.id, { allPresent: true })).rejects.toMatchObject({ reason: 'cancelled' });
    await expect(j.saveAttendance(s.api, cancelled.id, { allPresent: true })).rejects.toMatchObject({ reason: 'cancelled' });

    const tomorrow = await s.seed.lesson(s.course, '2026-10-15');
    await expect(j.saveAttendance(s.as(s.teacher), tomorrow.id, { allPresent: true })).rejects.toMatchObject({ reason: 'not_started' });
    await expect(j.addGrades(s.as(s.teacher), tomorrow.id, [{ studentId: s.students.ivanov.id, value: '5' }])).rejects.toMatchObject({
      reason: 'not_started',
    });
    // Homework for the next lesson may be planned ahead.
    await expect(j.setHomework(s.as(s.teacher), tomorrow.id, '№ 12')).resolves.toMatchObject({ homework: '№ 12' });
    const view = await j.getLesson(s.as(s.teacher), tomorrow.id);
    expect(view.attendanceEditable).toEqual({ editable: false, reason: 'not_started' });
    expect(view.editable.editable).toBe(true);

    const archived = await s.seed.lesson(s.course, '2026-05-20');
    await app.db.db.insert(closedYears).values({ schoolId: s.school.id, fromDate: '2025-09-01', toDate: '2026-08-31' });
    await expect(j.saveAttendance(s.api, archived.id, { allPresent: true })).rejects.toMatchObject({ reason: 'closed_year' });
    await expect(j.setTopic(s.api, archived.id, { topic: 'Повторение' })).rejects.toMatchObject({ reason: 'closed_year' });
  });

  it('lists the day of a teacher: own and substituted lessons by start, with what is missing', async () => {
    const s = await journalSchool(app, { requiredParts: ['attendance', 'topic', 'homework'] });
    const otherGroup = await s.seed.group('6Б');
    const colleagueCourse = await s.seed.course(otherGroup.id, s.colleague.id, 'Физика');
    const second = await s.seed.lesson(s.course, TODAY, '10:00', { period: 2 });
    const first = await s.seed.lesson(colleagueCourse, TODAY, '08:00', { period: 1, substituteId: s.teacher.id });
    await s.seed.lesson(s.course, '2026-10-15', '08:00');
    await s.seed.lesson(colleagueCourse, TODAY, '11:00');

    const j = app.services.journal;
    await j.setTopic(s.as(s.teacher), second.id, { topic: 'Дроби' });
    const day = await j.lessonsForDay(s.as(s.teacher), TODAY);
    expect(day.map((d) => d.lessonId)).toEqual([first.id, second.id]);
    expect(day[0]).toMatchObject({
      groupName: '6Б',
      subjectName: 'Физика',
      period: 1,
      isSubstitute: true,
      isResponsible: true,
      missing: ['attendance', 'topic', 'homework'],
    });
    expect(day[1]).toMatchObject({
      groupName: '5А',
      subjectName: 'Математика',
      isSubstitute: false,
      isResponsible: true,
      missing: ['attendance', 'homework'],
    });
    expect(day[1]!.attendanceEditable.editable).toBe(true);
    await expect(j.lessonsForDay(s.as(s.teacher), '2026-13-01')).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await j.lessonsForDay(s.as(s.substitute), TODAY)).toEqual([]);
  });

  it('shows only the class teacher and the administration a whole group journal, for at most 93 days', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    await j.saveAttendance(s.as(s.teacher), lesson.id, { marks: [{ studentId: s.students.yolkin.id, status: 'sick' }] });
    const journal = await j.groupJournal(s.as(s.classTeacher), s.group.id, '2026-10-01', '2026-10-31');
    expect(journal.lessons).toHaveLength(1);
    expect(journal.lessons[0]!.attendance).toHaveLength(3);
    expect(journal.students.map((x) => x.lastName)).toEqual(['Абрамова', 'Ёлкин', 'Иванов']);
    await expect(j.groupJournal(s.as(s.colleague), s.group.id, TODAY, TODAY)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(j.groupJournal(s.api, s.group.id, '2026-09-01', '2026-12-03')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(j.groupJournal(s.api, s.group.id, '2026-09-01', '2026-12-02')).resolves.toBeTruthy();
    await expect(j.groupJournal(s.api, s.group.id, '2026-10-02', '2026-10-01')).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
