import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { attendance, enrollments } from '../../src/db/schema/index.js';
import { createJournalService, type JournalEvents } from '../../src/domain/journal/index.js';
import type { AttendanceStatus } from '../../src/domain/lessons/types.js';
import { and, eq } from 'drizzle-orm';
import { createTestApp } from '../helpers/app.js';
import { auditCount, journalSchool, testClock, TODAY } from './fixture.js';

type AttendanceMark = { studentId: number; status: AttendanceStatus; reason?: string | null };

describe('attendance', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  it('saves all present, then one absent, then back to present, auditing each changed mark once', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const { ivanov } = s.students;

    const first = await j.saveAttendance(teacher, lesson.id, { allPresent: true });
    expect(first.map((c) => c.before)).toEqual([null, null, null]);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
    const filled = (await j.getLesson(teacher, lesson.id)).lesson.attendanceFilledAt;
    expect(filled).toBeInstanceOf(Date);

    const absent = await j.saveAttendance(teacher, lesson.id, {
      marks: [{ studentId: ivanov.id, status: 'absent', reason: '  без причины ' }],
    });
    expect(absent).toEqual([
      { studentId: ivanov.id, before: { status: 'present', reason: null }, after: { status: 'absent', reason: 'без причины' } },
    ]);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(4);

    // Saving the same thing again changes nothing and writes nothing.
    expect(
      await j.saveAttendance(teacher, lesson.id, { marks: [{ studentId: ivanov.id, status: 'absent', reason: 'без причины' }] }),
    ).toEqual([]);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(4);

    const back = await j.saveAttendance(teacher, lesson.id, { allPresent: true });
    expect(back).toEqual([
      { studentId: ivanov.id, before: { status: 'absent', reason: 'без причины' }, after: { status: 'present', reason: null } },
    ]);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(5);
    expect(await j.saveAttendance(teacher, lesson.id, { allPresent: true })).toEqual([]);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(5);

    const view = await j.getLesson(teacher, lesson.id);
    expect(view.students.map((x) => [x.lastName, x.attendance?.status])).toEqual([
      ['Абрамова', 'present'],
      ['Ёлкин', 'present'],
      ['Иванов', 'present'],
    ]);
    expect(view.lesson.attendanceFilledAt).toEqual(filled);
    const trail = await app.services.uow.repos.audit.list({
      schoolId: s.school.id,
      entity: 'attendance',
      entityId: `${lesson.id}:${ivanov.id}`,
      limit: 10,
    });
    expect(trail.map((a) => a.via)).toEqual(['bot', 'bot', 'bot']);
    expect(trail[0]).toMatchObject({ actorId: s.teacher.id, before: { status: 'absent' }, after: { status: 'present' } });
  });

  it('rejects marks of students not in the group that day and bad statuses, writing nothing', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const stranger = await s.seed.student(null, { lastName: 'Чужой' });
    const j = app.services.journal;
    const marks = [
      { studentId: s.students.ivanov.id, status: 'absent' as const },
      { studentId: stranger.id, status: 'absent' as const },
    ];
    await expect(j.saveAttendance(s.as(s.teacher), lesson.id, { marks })).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'marks[1].studentId' }],
    });
    await expect(
      j.saveAttendance(s.as(s.teacher), lesson.id, { marks: [{ studentId: s.students.ivanov.id, status: 'н' as never }] }),
    ).rejects.toMatchObject({ details: [{ path: 'marks[0].status' }] });
    await expect(j.saveAttendance(s.as(s.teacher), lesson.id, { marks: [marks[0]!, marks[0]!] })).rejects.toMatchObject({
      details: [{ path: 'marks[1].studentId' }],
    });
    const view = await j.getLesson(s.as(s.teacher), lesson.id);
    expect(view.students.every((x) => x.attendance === null)).toBe(true);
    expect(view.lesson.attendanceFilledAt).toBeNull();
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);
  });

  it('follows a student who moved to another class mid-term', async () => {
    const s = await journalSchool(app);
    const other = await s.seed.group('5Б');
    const otherCourse = await s.seed.course(other.id, s.colleague.id);
    const { ivanov } = s.students;
    // Last day in 5А is 12 October; from the 13th in 5Б.
    await app.db.db
      .update(enrollments)
      .set({ toDate: '2026-10-12' })
      .where(and(eq(enrollments.studentId, ivanov.id), eq(enrollments.groupId, s.group.id)));
    await app.db.db.insert(enrollments).values({ studentId: ivanov.id, groupId: other.id, fromDate: '2026-10-13' });

    const before = await s.seed.lesson(s.course, '2026-10-12');
    const after = await s.seed.lesson(s.course, '2026-10-13');
    const there = await s.seed.lesson(otherCourse, '2026-10-13');
    const j = app.services.journal;
    const ids = async (id: number, p = s.as(s.teacher)) => (await j.getLesson(p, id)).students.map((x) => x.id);
    expect(await ids(before.id)).toContain(ivanov.id);
    expect(await ids(after.id)).not.toContain(ivanov.id);
    expect(await ids(there.id, s.as(s.colleague))).toEqual([ivanov.id]);

    await expect(
      j.saveAttendance(s.as(s.teacher), after.id, { marks: [{ studentId: ivanov.id, status: 'absent' }] }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await j.saveAttendance(s.as(s.teacher), after.id, { allPresent: true })).toHaveLength(2);

    const journal = await j.groupJournal(s.api, s.group.id, '2026-10-01', '2026-10-31');
    expect(journal.students.find((x) => x.id === ivanov.id)?.spans).toEqual([
      { studentId: ivanov.id, groupId: s.group.id, fromDate: '2026-09-01', toDate: '2026-10-12' },
    ]);
  });

  it('lets the teacher and the substitute save at the same time: both succeed and the last one wins', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00', { substituteId: s.substitute.id });
    const j = app.services.journal;
    const { ivanov, yolkin } = s.students;
    const results = await Promise.all([
      j.saveAttendance(s.as(s.teacher), lesson.id, { marks: [{ studentId: ivanov.id, status: 'absent' }] }),
      j.saveAttendance(s.as(s.substitute), lesson.id, { marks: [{ studentId: yolkin.id, status: 'late' }] }),
    ]);
    expect(results.every(Array.isArray)).toBe(true);
    const statuses = (await j.getLesson(s.api, lesson.id)).students.map((x) => x.attendance?.status);
    const absentCount = statuses.filter((x) => x === 'absent').length;
    const lateCount = statuses.filter((x) => x === 'late').length;
    expect(absentCount + lateCount).toBe(1);
    // Every change is audited against what the other save had written: 3 first marks + 2 corrections.
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(5);
  });

  it('calls the events hook inside the transaction, and rolls back when it fails', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const seen: number[] = [];
    let fail = false;
    const events: JournalEvents = {
      async attendanceChanged(repos, { lesson: l, changes }) {
        // Writes through `repos` belong to the same transaction as the marks.
        await repos.audit.record([
          { schoolId: l.schoolId, actorId: null, via: 'system', entity: 'outbox_probe', entityId: l.id, action: 'x' },
        ]);
        seen.push(changes.length);
        if (fail) throw new Error('outbox down');
      },
      async gradesChanged() {},
    };
    const j = createJournalService({ uow: app.services.uow, clock, events });
    await j.saveAttendance(s.as(s.teacher), lesson.id, { allPresent: true });
    await j.saveAttendance(s.as(s.teacher), lesson.id, { allPresent: true });
    expect(seen).toEqual([3]);
    fail = true;
    await expect(
      j.saveAttendance(s.as(s.teacher), lesson.id, { marks: [{ studentId: s.students.ivanov.id, status: 'absent' }] }),
    ).rejects.toThrow('outbox down');
    expect((await j.getLesson(s.api, lesson.id)).students.every((x) => x.attendance?.status === 'present')).toBe(true);
    expect(await auditCount(app, s.school.id, 'outbox_probe')).toBe(1);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
  });

  it('decides the marks from the lesson under the lock and hands back the lesson as getLesson shows it afterwards', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const { ivanov, yolkin } = s.students;
    await j.saveAttendance(teacher, lesson.id, { marks: [{ studentId: ivanov.id, status: 'absent', reason: 'болеет' }] });
    // A parent answered the absence notice: the explanation must survive a save that keeps the mark.
    await app.db.db
      .update(attendance)
      .set({ parentExplanation: 'sick' })
      .where(and(eq(attendance.lessonId, lesson.id), eq(attendance.studentId, ivanov.id)));

    const seen: Array<Array<string | undefined>> = [];
    const result = await j.updateAttendance(teacher, lesson.id, (current) => {
      seen.push(current.students.map((x) => x.attendance?.status));
      // Keep what is saved, and mark Ёлкин late.
      const marks: AttendanceMark[] = current.students.flatMap((x): AttendanceMark[] => {
        if (x.id === yolkin.id) return [{ studentId: x.id, status: 'late' }];
        return x.attendance && x.attendance.status !== 'present'
          ? [{ studentId: x.id, status: x.attendance.status, reason: x.attendance.reason }]
          : [];
      });
      return { marks };
    });
    expect(seen).toEqual([['present', 'present', 'absent']]);
    expect(result.changes).toEqual([
      { studentId: yolkin.id, before: { status: 'present', reason: null }, after: { status: 'late', reason: null } },
    ]);
    const reread = await j.getLesson(teacher, lesson.id);
    expect(result.lesson).toEqual(reread);
    expect(reread.students.find((x) => x.id === ivanov.id)?.attendance).toEqual({
      status: 'absent',
      reason: 'болеет',
      parentExplanation: 'sick',
    });

    // The first save of a lesson fills its attendance part, in the returned lesson too.
    const fresh = await s.seed.lesson(s.course, TODAY, '10:00');
    const first = await j.updateAttendance(teacher, fresh.id, () => ({ allPresent: true }));
    expect(first.lesson.lesson.attendanceFilledAt).toBeInstanceOf(Date);
    expect(first.lesson.missing).not.toContain('attendance');
    expect(first.lesson).toEqual(await j.getLesson(teacher, fresh.id));
  });

  it('writes nothing when the decision throws, and checks access before deciding', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    await expect(
      j.updateAttendance(s.as(s.teacher), lesson.id, () => {
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    let asked = false;
    await expect(
      j.updateAttendance(s.as(s.colleague), lesson.id, () => {
        asked = true;
        return { allPresent: true };
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(asked).toBe(false);
    const view = await j.getLesson(s.as(s.teacher), lesson.id);
    expect(view.students.every((x) => x.attendance === null)).toBe(true);
    expect(view.lesson.attendanceFilledAt).toBeNull();
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(0);
  });
});
