import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears } from '../../src/db/schema/index.js';
import { journalSchool, journalSuite, testClock, TODAY } from '../journal/fixture.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';

describe('POST /v1/courses/:id/handover', () => {
  const clock = testClock();
  let app: App;
  journalSuite(clock, (a) => {
    app = a;
  });

  const handover = (s: { auth: Record<string, string> }, courseId: number | string, payload: unknown) =>
    app.http!.inject({ method: 'POST', url: `/v1/courses/${courseId}/handover`, headers: s.auth, payload: payload as object });
  const lessonsOf = async (s: Awaited<ReturnType<typeof journalSchool>>) =>
    new Map(
      (await app.services.schedule.listLessons(s.api, { from: '2026-10-01', to: '2026-10-31' })).items.map((l) => [
        l.id,
        { teacherId: l.teacherId, substituteId: l.substituteId },
      ]),
    );

  it('moves the lessons not given yet from the date and the course; given ones keep their teacher; audited', async () => {
    const s = await journalSchool(app);
    const given = await s.seed.lesson(s.course, '2026-10-13', '09:00', { period: 1 });
    const filledToday = await s.seed.lesson(s.course, TODAY, '08:00', { period: 1 });
    await app.services.journal.saveAttendance(s.as(s.teacher), filledToday.id, { allPresent: true });
    const today = await s.seed.lesson(s.course, TODAY, '13:00', { period: 5 });
    const friday = await s.seed.lesson(s.course, '2026-10-16', '10:00', { period: 2, substituteId: s.colleague.id });
    const covered = await s.seed.lesson(s.course, '2026-10-19', '10:00', { period: 2, substituteId: s.substitute.id });
    const body = { teacherId: s.colleague.id, from: TODAY };

    const dry = await handover(s, s.course.id, { ...body, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, previousTeacher: { id: s.teacher.id }, newTeacher: { id: s.colleague.id } });
    expect((await lessonsOf(s)).get(today.id)!.teacherId).toBe(s.teacher.id);

    const res = await handover(s, s.course.id, body);
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({
      dryRun: false,
      from: TODAY,
      course: { id: s.course.id, subject: 'Математика', groupId: s.group.id },
      previousTeacher: { id: s.teacher.id, name: 'Смирнова Мария' },
      newTeacher: { id: s.colleague.id, name: 'Кузнецов Мария' },
    });
    expect(out.moved).toEqual([
      { lessonId: today.id, date: TODAY, period: 5, startsAt: expect.any(String), substituteCleared: false },
      { lessonId: friday.id, date: '2026-10-16', period: 2, startsAt: expect.any(String), substituteCleared: true },
      { lessonId: covered.id, date: '2026-10-19', period: 2, startsAt: expect.any(String), substituteCleared: false },
    ]);
    expect(out.notMoved).toEqual([{ lessonId: filledToday.id, date: TODAY, period: 1, reason: 'already_filled' }]);

    const now = await lessonsOf(s);
    expect(now.get(given.id)).toEqual({ teacherId: s.teacher.id, substituteId: null });
    expect(now.get(filledToday.id)).toEqual({ teacherId: s.teacher.id, substituteId: null });
    expect(now.get(today.id)).toEqual({ teacherId: s.colleague.id, substituteId: null });
    expect(now.get(friday.id)).toEqual({ teacherId: s.colleague.id, substituteId: null });
    expect(now.get(covered.id)).toEqual({ teacherId: s.colleague.id, substituteId: s.substitute.id });
    const [course] = (await app.services.schedule.listCourses(s.api, { groupId: s.group.id })).filter((c) => c.id === s.course.id);
    expect(course!.teacherId).toBe(s.colleague.id);

    const audit = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'course', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'handover',
      via: 'api',
      entityId: String(s.course.id),
      before: { teacherId: s.teacher.id },
      after: { teacherId: s.colleague.id, from: TODAY, moved: [today.id, friday.id, covered.id] },
    });

    // The old teacher can no longer change a moved lesson; the new one can.
    await expect(app.services.journal.saveAttendance(s.as(s.teacher), today.id, { allPresent: true })).rejects.toMatchObject({
      code: 'forbidden',
    });

    // Lessons generated later from the weekly template follow the course's new teacher.
    const generated = await app.services.schedule.generateFromTemplate(s.api, {
      from: '2026-10-26',
      to: '2026-10-30',
      bells: [{ period: 1, start: '08:30', end: '09:10' }],
      template: [{ weekday: 1, period: 1, courseExternalId: s.course.externalId! }],
    });
    expect(generated.lessons.created).toBe(1);
    const monday = (await app.services.schedule.listLessons(s.api, { date: '2026-10-26', groupId: s.group.id })).items;
    expect(monday.map((l) => l.teacherId)).toEqual([s.colleague.id]);

    // Handing it back: the same teacher now is refused.
    const same = await handover(s, s.course.id, { teacherExternalId: s.colleague.externalId, from: TODAY });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.details).toEqual([{ path: 'teacherExternalId', message: 'already teaches this course' }]);
  });

  it('refuses a date in a closed year', async () => {
    const s = await journalSchool(app);
    await app.db.db.insert(closedYears).values({ schoolId: s.school.id, fromDate: '2025-09-01', toDate: '2026-08-31' });
    const old = await s.seed.lesson(s.course, '2026-05-12', '09:00');
    const res = await handover(s, s.course.id, { teacherId: s.colleague.id, from: '2026-05-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'read_only' });
    expect((await app.services.schedule.listLessons(s.api, { date: '2026-05-12' })).items.find((l) => l.id === old.id)!.teacherId).toBe(
      s.teacher.id,
    );
  });

  it('refuses bad input, names each problem and writes nothing', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, '2026-10-15', '09:00');
    const elsewhere = await createSchool(app);
    const foreign = seeder(app, elsewhere.school.id);
    const foreignTeacher = await foreign.user(['teacher']);
    const foreignCourse = await foreign.course((await foreign.group('1А')).id, foreignTeacher.id);
    const gone = await s.seed.user(['teacher'], { lastName: 'Ушедший' });
    await app.services.staff.deactivate(s.api, s.school.id, gone.id, {});
    const expectProblem = async (payload: unknown, status: number, details?: { path: string; message: string }[]) => {
      const res = await handover(s, s.course.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      if (details) expect(res.json().error.details).toEqual(details);
      return res;
    };

    expect((await handover(s, 2147483000, { teacherId: s.colleague.id, from: TODAY })).statusCode).toBe(404);
    expect((await handover(s, foreignCourse.id, { teacherId: s.colleague.id, from: TODAY })).statusCode).toBe(404);
    expect((await handover(s, 'x', { teacherId: s.colleague.id, from: TODAY })).statusCode).toBe(400);
    await expectProblem({ teacherId: s.colleague.id }, 400);
    await expectProblem({ teacherId: 'five', from: TODAY }, 400);
    await expectProblem({ teacherId: s.colleague.id, from: TODAY, extra: 1 }, 400);
    await expectProblem({ teacherId: s.colleague.id, from: '2026-13-01' }, 422, [{ path: 'from', message: 'must be a date YYYY-MM-DD' }]);
    await expectProblem({ from: TODAY }, 422, [{ path: 'teacherId', message: 'give exactly one of teacherId and teacherExternalId' }]);
    await expectProblem({ teacherId: s.colleague.id, teacherExternalId: 'x', from: TODAY }, 422, [
      { path: 'teacherId', message: 'give exactly one of teacherId and teacherExternalId' },
    ]);
    await expectProblem({ teacherId: foreignTeacher.id, from: TODAY }, 422, [
      { path: 'teacherId', message: 'no staff member with this id in the school' },
    ]);
    await expectProblem({ teacherExternalId: 'nobody', from: TODAY }, 422, [
      { path: 'teacherExternalId', message: 'no staff member with this id in the school' },
    ]);
    await expectProblem({ teacherId: gone.id, from: TODAY }, 422, [
      { path: 'teacherId', message: 'is not an active teacher of the school' },
    ]);
    await expectProblem({ teacherId: s.deputy.id, from: TODAY }, 422, [
      { path: 'teacherId', message: 'is not an active teacher of the school' },
    ]);
    await expectProblem({ teacherId: s.teacher.id, from: TODAY }, 422, [{ path: 'teacherId', message: 'already teaches this course' }]);
    // Every problem at once.
    await expectProblem({ teacherId: s.deputy.id, from: '2026-02-30' }, 422, [
      { path: 'from', message: 'must be a date YYYY-MM-DD' },
      { path: 'teacherId', message: 'is not an active teacher of the school' },
    ]);
    // The colleague already teaches this subject to this class in another course.
    await s.seed.course(s.group.id, s.substitute.id, 'Математика');
    const twin = await expectProblem({ teacherId: s.substitute.id, from: TODAY }, 409);
    expect(twin.json().error.details[0].path).toBe('teacherId');

    expect((await lessonsOf(s)).get(lesson.id)!.teacherId).toBe(s.teacher.id);
    expect((await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'course', limit: 10 })).length).toBe(0);
  });
});
