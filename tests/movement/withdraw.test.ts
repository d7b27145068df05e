import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { closedYears, enrollments, guardianships, notifications } from '../../src/db/schema/index.js';
import { NotFoundError } from '../../src/domain/shared/errors.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { asUser, auditCount, testClock } from '../journal/fixture.js';
import { departureSchool } from './fixture.js';

describe('POST /v1/students/:id/withdraw', () => {
  const clock = testClock();
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock });
    await app.http!.ready();
  });
  afterAll(() => app?.stop());

  const withdraw = (auth: Record<string, string>, studentId: number | string, payload: unknown) =>
    app.http!.inject({ method: 'POST', url: `/v1/students/${studentId}/withdraw`, headers: auth, payload: payload as object });
  const noticesTo = (parentIds: number[]) =>
    app.db.db.select().from(notifications).where(inArray(notifications.recipientId, parentIds)).orderBy(notifications.id);

  it('closes class and club, ends the consent for the child, cancels pending notices; the parents hear and see nothing more', async () => {
    const s = await departureSchool(app);
    const teacher = asUser(s.teacher);
    await app.services.journal.saveAttendance(teacher, s.lesson.id, { marks: [{ studentId: s.child.id, status: 'absent' }] });
    await app.services.journal.addGrades(teacher, s.lesson.id, [
      { studentId: s.child.id, value: '5' },
      { studentId: s.other.id, value: '4' },
    ]);
    const pending = await noticesTo([s.mother.id, s.father.id]);
    expect(pending.map((n) => [n.kind, n.status]).sort()).toEqual([
      ['absence', 'pending'],
      ['absence', 'pending'],
      ['grade', 'pending'],
      ['grade', 'pending'],
    ]);

    const dry = await withdraw(s.auth, s.child.id, { date: '2026-10-15', reason: 'переезд', dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      studentId: s.child.id,
      name: 'Иванов Иван',
      date: '2026-10-15',
      reason: 'переезд',
      cancelledNotices: 0,
    });
    expect(dry.json().closed.map((c: { groupName: string; toDate: string }) => [c.groupName, c.toDate])).toEqual([
      ['5А', '2026-10-14'],
      ['Робототехника', '2026-10-14'],
    ]);
    expect(dry.json().consentEnded.map((g: { name: string }) => g.name)).toEqual(['Иванов Пётр', 'Иванова Мария']);
    expect((await noticesTo([s.mother.id])).every((n) => n.status === 'pending')).toBe(true);
    expect(await auditCount(app, s.school.id, 'student')).toBe(0);

    const done = await withdraw(s.auth, s.child.id, { date: '2026-10-15', reason: ' переезд ' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ dryRun: false, reason: 'переезд', cancelledNotices: 4 });
    const rows = await app.db.db.select().from(enrollments).where(eq(enrollments.studentId, s.child.id));
    expect(rows.map((r) => [r.toDate, r.endReason])).toEqual([
      ['2026-10-14', 'переезд'],
      ['2026-10-14', 'переезд'],
    ]);
    const links = await app.db.db.select().from(guardianships).where(eq(guardianships.studentId, s.child.id));
    expect(links.map((g) => [g.endedOn, g.endReason])).toEqual([
      ['2026-10-15', 'переезд'],
      ['2026-10-15', 'переезд'],
    ]);
    expect((await noticesTo([s.mother.id, s.father.id])).map((n) => n.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    // The classmate's family is untouched.
    expect((await noticesTo([s.otherParent.id])).map((n) => [n.kind, n.status])).toEqual([['grade', 'pending']]);
    expect(await auditCount(app, s.school.id, 'student')).toBe(1);
    expect(await auditCount(app, s.school.id, 'guardianship')).toBe(2);

    // A late correction of a day the child was still in class reaches no former guardian.
    await app.services.journal.saveAttendance(teacher, s.lesson.id, { marks: [{ studentId: s.child.id, status: 'sick' }] });
    await app.services.journal.addGrades(teacher, s.lesson.id, [{ studentId: s.child.id, value: '4' }]);
    expect((await noticesTo([s.mother.id, s.father.id])).filter((n) => n.status !== 'cancelled')).toEqual([]);

    // Мои дети: nothing of the child; the consent itself stays (it is per parent).
    const mother = asUser(s.mother);
    expect(await app.services.family.children(mother)).toEqual([]);
    await expect(app.services.family.childDay(mother, s.child.id, '2026-10-14')).rejects.toBeInstanceOf(NotFoundError);
    expect((await app.services.family.consentStatus(mother)).granted).toBe(true);

    const again = await withdraw(s.auth, s.child.id, { date: '2026-10-16', reason: 'переезд' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].message).toContain('already withdrawn');
  });

  it('the movement report shows the departure from each group with its date and reason beside a move', async () => {
    const s = await departureSchool(app);
    await app.services.roster.importRoster(
      { kind: 'api', schoolId: s.school.id },
      {
        groups: [{ externalId: '5Б', name: '5Б' }],
        students: [{ externalId: s.other.externalId!, lastName: 'Абрамова', firstName: 'Анна', groupExternalId: '5Б' }],
      },
      { effectiveDate: '2026-10-05' },
    );
    expect((await withdraw(s.auth, s.child.id, { date: '2026-10-15', reason: 'переезд в другой город' })).statusCode).toBe(200);
    const { rows } = await app.services.reports.report({ kind: 'api', schoolId: s.school.id }, s.school.id, 'movement', {
      from: '2026-09-01',
      to: '2026-10-31',
      groupId: null,
    });
    expect(rows.map((r) => [r.date, r.kind, r.studentName, r.groupName, r.otherGroupName, r.reason])).toEqual([
      ['2026-09-10', 'arrival', 'Иванов Иван', 'Робототехника', null, null],
      ['2026-10-04', 'departure', 'Абрамова Анна', '5А', '5Б', null],
      ['2026-10-05', 'arrival', 'Абрамова Анна', '5Б', '5А', 'transfer'],
      ['2026-10-14', 'departure', 'Иванов Иван', '5А', null, 'переезд в другой город'],
      ['2026-10-14', 'departure', 'Иванов Иван', 'Робототехника', null, 'переезд в другой город'],
    ]);
  });

  it('refuses bad input with every problem named and writes nothing', async () => {
    const s = await departureSchool(app);
    const cases: [unknown, number][] = [
      [{ date: '2026-09-01', reason: 'переезд' }, 409], // the first day away is the day the enrollment began
      [{ date: '2026-10-15', reason: '   ' }, 422],
      [{ date: '2026-10-15', reason: 'x'.repeat(201) }, 422],
      [{ date: '15.10.2026', reason: 'переезд' }, 400],
      [{ reason: 'переезд' }, 400],
      [{ date: '2026-10-15' }, 400],
      [{ date: '2026-10-15', reason: 'переезд', dryRun: 'yes' }, 400],
      [{ date: '2026-10-15', reason: 'переезд', to: 'школа № 2' }, 400],
    ];
    for (const [payload, status] of cases) {
      const res = await withdraw(s.auth, s.child.id, payload);
      expect([JSON.stringify(payload), res.statusCode]).toEqual([JSON.stringify(payload), status]);
    }
    const tooEarly = await withdraw(s.auth, s.child.id, { date: '2026-09-05', reason: 'переезд' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.details.map((d: { message: string }) => d.message)).toEqual([
      'Иванов Иван is in Робототехника from 2026-09-10: the first day away must come after it',
    ]);

    await app.db.db.insert(closedYears).values({ schoolId: s.school.id, fromDate: '2026-09-01', toDate: '2026-12-31' });
    const closed = await withdraw(s.auth, s.child.id, { date: '2026-10-15', reason: 'переезд' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('read_only');
    await app.db.db.delete(closedYears).where(eq(closedYears.schoolId, s.school.id));

    expect((await withdraw(s.auth, 2_000_000_000, { date: '2026-10-15', reason: 'переезд' })).statusCode).toBe(404);
    expect((await withdraw(s.auth, 'abc', { date: '2026-10-15', reason: 'переезд' })).statusCode).toBe(400);
    const other = await createSchool(app);
    expect((await withdraw(other.auth, s.child.id, { date: '2026-10-15', reason: 'переезд' })).statusCode).toBe(404);

    const open = await app.db.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.studentId, s.child.id)));
    expect(open.every((e) => e.toDate === null)).toBe(true);
    expect(
      (await app.db.db.select().from(guardianships).where(eq(guardianships.studentId, s.child.id))).every((g) => g.endedOn === null),
    ).toBe(true);
    expect(await auditCount(app, s.school.id, 'student')).toBe(0);
  });
});
