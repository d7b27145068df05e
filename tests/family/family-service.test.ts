import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { attendance, consents, notifications } from '../../src/db/schema/index.js';
import { CONSENT_VERSION, ConsentRequiredError } from '../../src/domain/family/index.js';
import { ForbiddenError, GoneError, NotFoundError, ValidationError } from '../../src/domain/shared/errors.js';
import { createTestApp } from '../helpers/app.js';
import { auditCount, testClock } from '../journal/fixture.js';
import { familySchool } from './fixture.js';

describe('family service', () => {
  const clock = testClock();
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());
  const family = () => app.services.family;

  it('shows nothing of a child before consent, everything after, nothing after withdrawal', async () => {
    const f = await familySchool(app);
    expect(await family().consentStatus(f.parentP)).toMatchObject({ granted: false, version: null, currentVersion: CONSENT_VERSION });
    await expect(family().children(f.parentP)).rejects.toBeInstanceOf(ConsentRequiredError);
    await expect(family().childDay(f.parentP, f.child.id)).rejects.toBeInstanceOf(ConsentRequiredError);

    const granted = await family().grantConsent(f.parentP);
    expect(granted).toMatchObject({ granted: true, version: '2026-11' });
    await family().grantConsent(f.parentP); // twice: still one row
    expect(await app.db.db.select().from(consents).where(eq(consents.parentId, f.parent.id))).toHaveLength(1);
    const children = await family().children(f.parentP);
    expect(children.map((c) => [c.lastName, c.groups.map((g) => g.name)])).toEqual([['Иванов', ['5А']]]);
    expect(children[0]!.schoolName).toBe(f.school.name);

    const withdrawn = await family().withdrawConsent(f.parentP);
    expect(withdrawn.granted).toBe(false);
    expect(withdrawn.withdrawnAt).not.toBeNull();
    await expect(family().children(f.parentP)).rejects.toBeInstanceOf(ConsentRequiredError);
    expect((await family().storedData(f.parentP)).children).toEqual([]);
    const audit = await app.services.uow.repos.audit.list({ schoolId: f.school.id, entity: 'consent', limit: 10 });
    expect(audit.map((a) => a.action).sort()).toEqual(['grant', 'withdraw']);

    // Re-granting later is possible and makes a new row.
    expect((await family().grantConsent(f.parentP)).granted).toBe(true);
    expect(await app.db.db.select().from(consents).where(eq(consents.parentId, f.parent.id))).toHaveLength(2);
    expect((await family().storedData(f.parentP)).children).toEqual(['Иванов Иван']);
  });

  it('day and week views carry journal data written through the journal service', async () => {
    const f = await familySchool(app);
    await family().grantConsent(f.parentP);
    const journal = app.services.journal;
    await journal.saveAttendance(f.teacherP, f.lessons[0]!.id, { marks: [{ studentId: f.child.id, status: 'sick' }] });
    await journal.saveAttendance(f.teacherP, f.lessons[1]!.id, { allPresent: true });
    await journal.setTopic(f.teacherP, f.lessons[1]!.id, { topic: 'Египет' });
    await journal.setHomework(f.teacherP, f.lessons[1]!.id, '§ 3, вопросы 1–2');
    await journal.addGrades(f.teacherP, f.lessons[1]!.id, [
      { studentId: f.child.id, value: '5' },
      { studentId: f.other.id, value: '2' },
    ]);
    await journal.addGrades({ kind: 'api', schoolId: f.school.id }, f.monday.id, [{ studentId: f.child.id, value: '4' }]);

    const day = await family().childDay(f.parentP, f.child.id);
    expect(day.from).toBe('2026-10-14');
    expect(day.days).toHaveLength(1);
    const [math, history] = day.days[0]!.lessons;
    expect(math!.attendance?.status).toBe('sick');
    expect(history).toMatchObject({
      subject: 'История <Древний мир>',
      topic: 'Египет',
      homework: '§ 3, вопросы 1–2',
      attendance: { status: 'present' },
    });
    // Only the child's own grades.
    expect(history!.grades.map((g) => g.value)).toEqual(['5']);

    const week = await family().childWeek(f.parentP, f.child.id, '2026-10-14');
    expect([week.from, week.to]).toEqual(['2026-10-12', '2026-10-18']);
    expect(week.days.map((d) => d.date)).toEqual(['2026-10-12', '2026-10-14']);
    expect(week.days[0]!.lessons[0]!.grades.map((g) => g.value)).toEqual(['4']);
    await expect(family().childDay(f.parentP, f.child.id, '2026-13-01')).rejects.toBeInstanceOf(ValidationError);
  });

  it("another family's child, another school's child and a teacher all get nothing", async () => {
    const f = await familySchool(app);
    const g = await familySchool(app);
    await family().grantConsent(f.parentP);
    await expect(family().childDay(f.parentP, f.other.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().childWeek(f.parentP, g.child.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().childDay(f.parentP, 999_999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().children(f.teacherP)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('validates and stores settings', async () => {
    const f = await familySchool(app);
    expect(await family().preferences(f.parentP)).toMatchObject({ grades: 'realtime', quietStart: '21:00', quietEnd: '07:30' });
    const saved = await family().updatePreferences(f.parentP, { grades: 'off', quietStart: '22:00' });
    expect(saved).toMatchObject({ grades: 'off', quietStart: '22:00', quietEnd: '07:30', absences: 'realtime' });
    expect(await family().preferences(f.parentP)).toEqual(saved);
    for (const bad of [{ digestTime: '25:00' }, { quietStart: '07:30' }, { grades: 'sometimes' }, { quietEnd: '7:30' }] as const) {
      await expect(family().updatePreferences(f.parentP, bad as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await family().preferences(f.parentP)).toEqual(saved);
    expect(await auditCount(app, f.school.id, 'preferences')).toBe(1);
  });

  it("stores an absence answer on the day's marks and tells the class teacher once", async () => {
    const f = await familySchool(app);
    await family().grantConsent(f.parentP);
    await app.services.journal.saveAttendance(f.teacherP, f.lessons[0]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });
    await app.services.journal.saveAttendance(f.teacherP, f.lessons[1]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });

    const result = await family().explainAbsence(f.parentP, f.child.id, '2026-10-14', 'sick');
    expect(result).toEqual({ changed: true, lessons: 2, notified: [f.classTeacher.id] });
    const marks = await app.db.db.select().from(attendance).where(eq(attendance.studentId, f.child.id));
    expect(marks.map((m) => m.parentExplanation)).toEqual(['sick', 'sick']);
    expect(marks.every((m) => m.parentExplainedAt?.toISOString() === clock.now().toISOString())).toBe(true);
    // The teacher sees it in the lesson view.
    const view = await app.services.journal.getLesson(f.teacherP, f.lessons[0]!.id);
    expect(view.students.find((s) => s.id === f.child.id)?.attendance?.parentExplanation).toBe('sick');
    const rows = await app.db.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, f.classTeacher.id), eq(notifications.kind, 'absence_explained')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ kind: 'absence_explained', studentId: f.child.id, date: '2026-10-14' });

    // The same answer again changes nothing; the teacher's later correction to "sick" keeps the answer.
    expect((await family().explainAbsence(f.parentP, f.child.id, '2026-10-14', 'sick')).changed).toBe(false);
    expect(await auditCount(app, f.school.id, 'attendance')).toBe(6); // 2 students × 2 lessons + 2 answers

    // Another answer replaces it and brings the class teacher's notice back to pending with a new version.
    await app.db.db.update(notifications).set({ status: 'sent' }).where(eq(notifications.id, rows[0]!.id));
    expect((await family().explainAbsence(f.parentP, f.child.id, '2026-10-14', 'excused')).changed).toBe(true);
    const [again] = await app.db.db.select().from(notifications).where(eq(notifications.id, rows[0]!.id));
    expect([again!.status, again!.version > rows[0]!.version]).toEqual(['pending', true]);
    expect((await app.services.uow.repos.family.explanationFacts(f.child.id, '2026-10-14'))?.explanation).toBe('excused');
    await family().explainAbsence(f.parentP, f.child.id, '2026-10-14', 'sick');

    await expect(family().explainAbsence(f.otherParentP, f.child.id, '2026-10-14', 'excused')).rejects.toBeInstanceOf(ConsentRequiredError);
    await family().grantConsent(f.otherParentP);
    await expect(family().explainAbsence(f.otherParentP, f.child.id, '2026-10-14', 'excused')).rejects.toBeInstanceOf(NotFoundError);
    await expect(family().explainAbsence(f.parentP, f.child.id, '2026-10-12', 'excused')).rejects.toBeInstanceOf(GoneError);
    await expect(family().explainAbsence(f.parentP, f.child.id, '2026-10-14', 'maybe' as never)).rejects.toBeInstanceOf(ValidationError);
    expect((await app.db.db.select().from(attendance).where(eq(attendance.studentId, f.child.id))).map((m) => m.parentExplanation)).toEqual(
      ['sick', 'sick'],
    );
  });

  it("class overview lists parents' reach for the class teacher only", async () => {
    const f = await familySchool(app);
    const g = await familySchool(app);
    const ct = f.as(f.classTeacher);
    expect(await family().myClasses(ct)).toEqual([{ id: f.group.id, name: '5А' }]);
    const overview = await family().classOverview(ct, f.group.id);
    expect(overview.students.map((s) => s.lastName)).toEqual(['Абрамова', 'Иванов']);
    expect(overview.students[1]!.parents[0]).toMatchObject({
      name: 'Иванова Мария',
      telegramLinked: false,
      telegramBlocked: false,
      hasEmail: true,
      consent: false,
    });
    await expect(family().classOverview(f.teacherP, f.group.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(family().classOverview(ct, g.group.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
