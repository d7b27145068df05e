import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/domain/shared/errors.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { journalSuite, testClock } from '../journal/fixture.js';
import { classSchool, mathMarks, parentAnswers } from './fixture.js';

describe('class journal service: attendance, grades and risk of a class, for its class teacher only', () => {
  const clock = testClock();
  let app: App;
  journalSuite(clock, (a) => {
    app = a;
  });
  const journal = () => app.services.classJournal;

  it('counts the week per student: excused, unexcused with parent answers, lateness and whole days, subgroups included', async () => {
    const s = await classSchool(app);
    await parentAnswers(app, s, s.students.abramova.id, '2026-10-13');
    await parentAnswers(app, s, s.students.ivanov.id, '2026-10-14');
    const week = await journal().classAbsences(s.as(s.classTeacher), s.group.id, 'week');
    expect([week.from, week.to, week.previous, week.next]).toEqual(['2026-10-12', '2026-10-18', '2026-10-05', '2026-10-19']);
    const counts = Object.fromEntries(week.students.map(({ studentId, name, ...c }) => [name, c]));
    expect(counts).toEqual({
      'Абрамова Анна': { excused: 1, unexcused: 1, parentExplained: 1, late: 0, excusedDays: 0, unexcusedDays: 0 },
      'Ёлкин Егор': { excused: 0, unexcused: 2, parentExplained: 0, late: 1, excusedDays: 0, unexcusedDays: 0 },
      'Иванов Иван': { excused: 1, unexcused: 4, parentExplained: 2, late: 0, excusedDays: 0, unexcusedDays: 1 },
    });
    expect(week.totals).toEqual({ excused: 2, unexcused: 7, parentExplained: 3, late: 1, excusedDays: 0, unexcusedDays: 1 });
    expect(week.studentCount).toBe(3);

    const month = await journal().classAbsences(s.as(s.classTeacher), s.group.id, 'month', '2026-10-20');
    expect([month.from, month.to, month.previous, month.next]).toEqual(['2026-10-01', '2026-10-31', '2026-09-01', '2026-11-01']);
    expect(month.totals.unexcused).toBe(8);
  });

  it('shows the day with unexcused absences first, the unanswered before the answered, and lessons not filled as such', async () => {
    const s = await classSchool(app);
    await parentAnswers(app, s, s.students.ivanov.id, '2026-10-14');
    const day = await journal().classDay(s.as(s.classTeacher), s.group.id);
    expect(day.date).toBe('2026-10-14');
    expect([day.previous, day.next]).toEqual(['2026-10-13', '2026-10-15']);
    expect(day.unexplained.map((a) => [a.name, a.parentAnswer, a.lessons.length, a.wholeDay])).toEqual([
      ['Ёлкин Егор', null, 1, false],
      ['Иванов Иван', 'sick', 2, false],
    ]);
    expect(day.lessons.map((l) => [l.subject, l.state, l.marks.map((m) => `${m.mark} ${m.name}`)])).toEqual([
      ['Математика', 'filled', ['absent Ёлкин Егор', 'absent Иванов Иван']],
      ['Физика', 'filled', ['absent Иванов Иван']],
      ['ИЗО', 'notFilled', []],
      ['Физика', 'cancelled', []],
    ]);
    // Monday: both lessons missed, the whole day.
    const monday = await journal().classDay(s.as(s.classTeacher), s.group.id, '2026-10-12');
    expect(monday.unexplained).toMatchObject([{ name: 'Иванов Иван', wholeDay: true, parentAnswer: null }]);
  });

  it('computes the ведомость: weighted averages per student, the class average and the summary per subject', async () => {
    const s = await classSchool(app);
    await mathMarks(app, s);
    const sheet = await journal().classSheet(s.as(s.classTeacher), s.group.id, s.course.subjectId);
    expect(sheet.period.fallback).toBe(true);
    expect(sheet.rows.map((r) => [r.name, r.marks.join(' '), r.average])).toEqual([
      ['Абрамова Анна', '2 3 2', 2.33],
      ['Ёлкин Егор', '4 2 5 2', 3.25],
      ['Иванов Иван', '5 4 4', 4.33],
    ]);
    expect(sheet.average).toBe(3.3);
    const summary = await journal().classGrades(s.as(s.classTeacher), s.group.id);
    expect(summary.subjects.map((x) => [x.subject, x.average, x.graded, x.failing])).toEqual([
      ['Английский язык', null, 0, 0],
      ['ИЗО', null, 0, 0],
      ['Математика', 3.3, 3, 1],
      ['Физика', null, 0, 0],
    ]);
    // English is taught to the subgroup: the class's subject too.
    await expect(journal().classSheet(s.as(s.classTeacher), s.group.id, s.english.subjectId)).resolves.toMatchObject({
      subject: { name: 'Английский язык' },
    });
  });

  it('lists students at risk with their reasons, following policy.riskRecentTwos', async () => {
    const s = await classSchool(app);
    await mathMarks(app, s);
    const risk = await journal().classRisk(s.as(s.classTeacher), s.group.id);
    expect(risk.recentTwos).toBe(2);
    expect(risk.entries).toEqual([
      {
        studentId: s.students.abramova.id,
        name: 'Абрамова Анна',
        subject: 'Математика',
        reasons: [
          { kind: 'failing', average: 2.33 },
          { kind: 'recentTwos', twos: 2, of: 3 },
        ],
      },
      { studentId: s.students.yolkin.id, name: 'Ёлкин Егор', subject: 'Математика', reasons: [{ kind: 'recentTwos', twos: 2, of: 3 }] },
    ]);
    await app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, { riskRecentTwos: 3 });
    const strict = await journal().classRisk(s.as(s.classTeacher), s.group.id);
    expect(strict.entries.map((e) => [e.name, e.reasons.map((r) => r.kind)])).toEqual([['Абрамова Анна', ['failing']]]);
    await expect(app.services.schools.updatePolicy({ kind: 'system' }, s.school.id, { riskRecentTwos: 4 })).rejects.toMatchObject({
      details: [{ path: 'riskRecentTwos', message: 'must be an integer from 1 to 3' }],
    });
  });

  it('lets only the class teacher and the administration in; another school, bad ids and dates look missing', async () => {
    const s = await classSchool(app);
    await expect(journal().classDay(s.as(s.otherTeacher), s.group.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(journal().classRisk(s.as(s.teacher), s.group.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(journal().classDay(s.as(s.deputy), s.group.id)).resolves.toMatchObject({ group: { name: '5А' } });
    const far = await createSchool(app);
    const stranger = await seeder(app, far.school.id).user(['class_teacher', 'director']);
    await expect(journal().classGrades(s.as(stranger), s.group.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(journal().classDay(s.as(s.classTeacher), 2_000_000_000)).rejects.toBeInstanceOf(NotFoundError);
    await expect(journal().classSheet(s.as(s.classTeacher), s.group.id, 2_000_000_000)).rejects.toBeInstanceOf(NotFoundError);
    await expect(journal().classDay(s.as(s.classTeacher), s.group.id, '2026-02-30')).rejects.toBeInstanceOf(ValidationError);
  });
});
