import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { consents, enrollments, groups, notifications } from '../../src/db/schema/index.js';
import { finalWindows, periodsOfClass } from '../../src/domain/year/final-windows.js';
import { DEFAULT_POLICY } from '../../src/domain/schools/policy.js';
import { journalSchool, journalSuite, testClock } from '../journal/fixture.js';
import { finalSchool } from './final-entry-fixture.js';
import { YEAR_2026 } from './fixtures.js';

describe('final grades: windows, the minimum and the class sheet', () => {
  let app: App;
  const clock = testClock();
  journalSuite(clock, (started) => {
    app = started;
  });

  const term1 = (studentId: number, value = '4') => ({ studentId, value, kind: 'term' as const, term: 1 });

  it('computes the windows of a division: through the break, the last term and the year two weeks past the end', () => {
    const periods = YEAR_2026.divisions[0]!.periods.map((p, i) => ({
      ...p,
      id: i,
      schoolId: 1,
      yearFrom: YEAR_2026.from,
      kind: 'quarters' as const,
      number: i + 1,
      gradeLevels: [5],
    }));
    const windows = finalWindows(periodsOfClass(periods, 5), DEFAULT_POLICY);
    expect(windows.map((w) => [w.kind, w.term, w.opens, w.due, w.closes])).toEqual([
      ['term', 1, '2026-10-10', '2026-10-22', '2026-11-04'],
      ['term', 2, '2026-12-14', '2026-12-26', '2027-01-11'],
      ['term', 3, '2027-03-07', '2027-03-19', '2027-03-31'],
      ['term', 4, '2027-05-12', '2027-05-24', '2027-06-09'],
      ['year', null, '2027-05-12', '2027-05-24', '2027-06-09'],
    ]);
    expect(periodsOfClass(periods, null)).toEqual([]);
    expect(periodsOfClass(periods, 10)).toEqual([]);
  });

  it('takes a term grade inside its window only, late entry after the due date included', async () => {
    const s = await finalSchool(app);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const { ivanov } = s.students;
    // Before the window opens (2026-10-10): refused, naming the window.
    clock.set('2026-10-09T09:00:00Z');
    const early = await s.seed.lesson(s.course, '2026-10-09');
    await expect(j.addGrades(teacher, early.id, [term1(ivanov.id)])).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'grades[0].kind', message: expect.stringMatching(/from 2026-10-10 to 2026-11-04 \(due 2026-10-22\)/) }],
    });
    // Inside.
    clock.set('2026-10-14T09:00:00Z');
    const inside = await s.seed.lesson(s.course, '2026-10-14');
    await expect(j.addGrades(teacher, inside.id, [term1(ivanov.id, '5')])).resolves.toMatchObject([{ kind: 'term', term: 1 }]);
    // Another term's number, and the year grade, are not open in October.
    await expect(j.addGrades(teacher, inside.id, [{ ...term1(ivanov.id), term: 2 }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].kind', message: expect.stringContaining('term 2 grades of this class are entered from 2026-12-14') }],
    });
    await expect(j.addGrades(teacher, inside.id, [{ ...term1(ivanov.id), kind: 'year', term: null }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].kind', message: expect.stringContaining('year grades of this class are entered from 2027-05-12') }],
    });
    // After the due date, in the holidays: still accepted (late entry is escalated, not refused).
    clock.set('2026-10-28T09:00:00Z');
    const late = await s.seed.lesson(s.course, '2026-10-28');
    await expect(j.addGrades(teacher, late.id, [term1(ivanov.id)])).resolves.toHaveLength(1);
    // Once the next quarter has begun: closed.
    clock.set('2026-11-05T09:00:00Z');
    const closed = await s.seed.lesson(s.course, '2026-11-05');
    await expect(j.addGrades(teacher, closed.id, [term1(ivanov.id)])).rejects.toMatchObject({
      details: [{ path: 'grades[0].kind', message: expect.stringContaining('today is 2026-11-05') }],
    });
    // The main journal (the school's key) is not held to the window; exam grades have none.
    await expect(j.addGrades(s.api, closed.id, [term1(ivanov.id)])).resolves.toHaveLength(1);
    await expect(j.addGrades(teacher, closed.id, [{ studentId: ivanov.id, value: '4', kind: 'exam' }])).resolves.toHaveLength(1);
  });

  it("refuses a term the class's division does not have, and keeps the months for a class no period covers", async () => {
    const s = await finalSchool(app, { finalGradeMonths: [12] });
    await app.db.db.update(groups).set({ gradeLevel: 10 }).where(eq(groups.id, s.group.id));
    const lesson = await s.seed.lesson(s.course, '2026-10-14');
    const teacher = s.as(s.teacher);
    await expect(app.services.journal.addGrades(teacher, lesson.id, [{ ...term1(s.students.ivanov.id), term: 3 }])).rejects.toMatchObject({
      details: [{ path: 'grades[0].term', message: "the class's year has halves 1 to 2: there is no term 3" }],
    });
    await app.db.db.update(groups).set({ gradeLevel: null }).where(eq(groups.id, s.group.id));
    await expect(app.services.journal.addGrades(teacher, lesson.id, [term1(s.students.ivanov.id)])).rejects.toMatchObject({
      details: [{ path: 'grades[0].kind', message: 'term and year grades are entered only in months 12' }],
    });
    await app.services.schools.updatePolicy(s.api, s.school.id, { finalGradeMonths: [10] });
    await expect(app.services.journal.addGrades(teacher, lesson.id, [term1(s.students.ivanov.id)])).resolves.toHaveLength(1);
  });

  it('warns or refuses under the minimum of current grades, as the policy says', async () => {
    const s = await finalSchool(app);
    const lesson = await s.seed.lesson(s.course, '2026-10-14');
    const teacher = s.as(s.teacher);
    const { ivanov, abramova } = s.students;
    // 'warn' (the default): accepted; the sheet and the write say so.
    expect((await app.services.journal.finalSheet(teacher, s.course.id)).students.map((x) => x.minimum)).toEqual(['warn', 'warn', 'ok']);
    await expect(app.services.journal.addGrades(teacher, lesson.id, [term1(abramova.id)])).resolves.toHaveLength(1);
    const warned = await app.services.journal.setTermGrades(teacher, s.course.id, 1, [{ studentId: abramova.id, value: '5' }]);
    expect(warned.warned).toEqual([abramova.id]);

    await app.services.schools.updatePolicy(s.api, s.school.id, { minCurrentGradesRule: 'refuse' });
    await expect(app.services.journal.addGrades(teacher, lesson.id, [term1(abramova.id), term1(ivanov.id)])).rejects.toMatchObject({
      details: [{ path: 'grades[0].studentId', message: expect.stringContaining('has 2 current grades in the period') }],
    });
    await expect(
      app.services.journal.setTermGrades(teacher, s.course.id, 1, [{ studentId: abramova.id, value: '3' }]),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(app.services.journal.addGrades(teacher, lesson.id, [term1(ivanov.id)])).resolves.toHaveLength(1);
  });

  it('reads the class sheet: weighted averages, suggestions, the period roster and the grade already set', async () => {
    const s = await finalSchool(app);
    const left = await s.seed.student(s.group.id, { lastName: 'Борисов', firstName: 'Борис' }, '2026-11-10');
    void left; // joined after term 1: not on its sheet
    // Left in September, before term 1's grades opened: needs no term grade, as the reminders count.
    const gone = await s.seed.student(s.group.id, { lastName: 'Ушедший', firstName: 'Пётр' }, '2026-09-01');
    await app.db.db.update(enrollments).set({ toDate: '2026-09-30' }).where(eq(enrollments.studentId, gone.id));
    const sheet = await app.services.journal.finalSheet(s.as(s.teacher), s.course.id);
    expect(sheet).toMatchObject({ term: 1, open: true, window: { opens: '2026-10-10', due: '2026-10-22', closes: '2026-11-04' } });
    expect(sheet.students.map((x) => [x.student.lastName, x.average, x.suggestion, x.marks.length, x.final])).toEqual([
      ['Абрамова', 3.86, '4', 2, null],
      ['Ёлкин', null, null, 0, null],
      ['Иванов', 4.5, '5', 3, null],
    ]);
    expect(sheet.students[0]!.marks.map((m) => m.workType)).toEqual(['control', 'lab']);
    // In the holidays the screen still shows term 1; from the next quarter's first day, term 2.
    clock.set('2026-11-05T09:00:00Z');
    expect(await app.services.journal.finalSheet(s.as(s.teacher), s.course.id)).toMatchObject({ term: 2, open: false });
  });

  it('sets term grades from the sheet: suggestions in one call, a change replaces, a repeat writes nothing; parents are told', async () => {
    const s = await finalSchool(app);
    const parent = await s.seed.user(['parent']);
    await s.seed.guardian(parent.id, s.students.ivanov.id);
    await app.db.db.insert(consents).values({ parentId: parent.id, version: '1', via: 'bot' });
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const taken = await j.takeSuggestions(teacher, s.course.id, 1);
    expect(taken.saved.map((g) => [g.studentId, g.value, g.kind, g.term, g.lessonId, g.date])).toEqual([
      [s.students.abramova.id, '4', 'term', 1, null, '2026-10-14'],
      [s.students.ivanov.id, '5', 'term', 1, null, '2026-10-14'],
    ]);
    expect(taken.skipped).toEqual([s.students.yolkin.id]);
    expect(taken.warned).toEqual([s.students.abramova.id]);
    expect((await j.takeSuggestions(teacher, s.course.id, 1)).saved).toEqual([]);
    const again = await j.setTermGrades(teacher, s.course.id, 1, [{ studentId: s.students.ivanov.id, value: '5' }]);
    expect(again).toMatchObject({ saved: [], unchanged: [s.students.ivanov.id] });
    const changed = await j.setTermGrades(teacher, s.course.id, 1, [{ studentId: s.students.ivanov.id, value: '4' }]);
    expect(changed.saved.map((g) => g.value)).toEqual(['4']);
    const sheet = await j.finalSheet(teacher, s.course.id);
    expect(sheet.students.map((x) => x.final?.value ?? null)).toEqual(['4', null, '4']);
    const trail = await app.services.uow.repos.audit.list({
      schoolId: s.school.id,
      entity: 'grade',
      entityId: String(changed.saved[0]!.id),
      limit: 5,
    });
    expect(trail[0]).toMatchObject({ action: 'update', before: { value: '5' }, after: { value: '4', kind: 'term', term: 1 } });
    const notices = await app.db.db.select().from(notifications).where(eq(notifications.recipientId, parent.id));
    expect(notices.map((n) => n.kind)).toEqual(['grade', 'grade']);
    // Bad input writes nothing: "н/а", a student of another class, a value off the scale.
    const stranger = await s.seed.student(null);
    await expect(
      j.setTermGrades(teacher, s.course.id, 1, [
        { studentId: s.students.yolkin.id, value: 'н/а' },
        { studentId: stranger.id, value: '4' },
        { studentId: s.students.yolkin.id, value: '1' },
      ]),
    ).rejects.toMatchObject({ details: [{ path: 'grades[0].value' }, { path: 'grades[1].studentId' }, { path: 'grades[2].value' }] });
    await expect(j.setTermGrades(teacher, s.course.id, 1, [])).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await j.finalSheet(teacher, s.course.id)).students[1]!.final).toBeNull();
  });

  it("refuses another teacher's course, another school's and a missing one", async () => {
    const s = await finalSchool(app);
    const j = app.services.journal;
    await expect(j.takeSuggestions(s.as(s.colleague), s.course.id, 1)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(j.finalSheet(s.as(s.colleague), s.course.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(j.finalSheet(s.as(s.deputy), s.course.id)).resolves.toMatchObject({ term: 1 });
    // Which final grades are open is the school's rule: a colleague (a substitute) may ask, and is told the course is not theirs.
    expect(await j.finalOptions(s.as(s.colleague), s.course.id)).toEqual({
      periods: true,
      openTerms: [1],
      yearOpen: false,
      screenTerm: 1,
      mine: false,
    });
    expect(await j.finalOptions(s.as(s.teacher), s.course.id)).toMatchObject({ mine: true });
    const other = await journalSchool(app);
    await expect(j.finalSheet(other.as(other.teacher), s.course.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.finalOptions(other.as(other.teacher), s.course.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(j.takeSuggestions(s.as(s.teacher), 2_000_000_000, 1)).rejects.toMatchObject({ code: 'not_found' });
    // A class no period covers has no sheet (its final grades are entered per lesson in the policy's months).
    await expect(j.finalSheet(other.as(other.teacher), other.course.id)).rejects.toMatchObject({ reason: 'no_periods' });
    const sheet = await j.finalSheet(s.as(s.teacher), s.course.id);
    expect(sheet.students.every((x) => x.final === null)).toBe(true);
  });
});
