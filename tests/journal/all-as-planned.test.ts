import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { notifications, planItems } from '../../src/db/schema/index.js';
import { createTestApp } from '../helpers/app.js';
import { auditCount, journalSchool, testClock, TODAY } from './fixture.js';

describe('«Всё по плану»: fillAsPlanned', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  it('fills attendance, the next КТП topic with its work type and no homework in one go, audited per part', async () => {
    const s = await journalSchool(app);
    const [p1, p2] = await s.seed.plan(s.course.id, ['Натуральные числа', 'Дроби']);
    await app.db.db.update(planItems).set({ workType: 'control' }).where(eq(planItems.id, p1!.id));
    const lesson = await s.seed.lesson(s.course, TODAY, '09:00', { substituteId: s.substitute.id });
    const j = app.services.journal;

    // The substitute may do it, as they may fill each part.
    const result = await j.fillAsPlanned(s.as(s.substitute), lesson.id);
    expect(result.filled).toEqual(['attendance', 'topic', 'homework']);
    expect(result.attendanceKept).toBe(false);
    expect(result.lesson).toMatchObject({ topic: 'Натуральные числа', planItemId: p1!.id, homework: null, workType: 'control' });
    const view = await j.getLesson(s.as(s.teacher), lesson.id);
    expect(view.students.map((st) => st.attendance?.status)).toEqual(['present', 'present', 'present']);
    expect(view.missing).toEqual([]);
    expect(view.suggestedTopic?.id).toBe(p2!.id);
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
    expect(await auditCount(app, s.school.id, 'lesson_topic')).toBe(1);
    expect(await auditCount(app, s.school.id, 'lesson_homework')).toBe(1);
    // Everyone is present: parents get no notice.
    expect(await app.db.db.select().from(notifications).where(eq(notifications.schoolId, s.school.id))).toEqual([]);

    // A second tap has nothing left to fill and writes nothing.
    const again = await j.fillAsPlanned(s.as(s.teacher), lesson.id);
    expect(again).toMatchObject({ filled: [], attendanceKept: true });
    expect(await auditCount(app, s.school.id, 'attendance')).toBe(3);
    expect(await auditCount(app, s.school.id, 'lesson_topic')).toBe(1);
  });

  it('keeps saved marks, a typed topic and homework; fills only the rest', async () => {
    const s = await journalSchool(app);
    await s.seed.plan(s.course.id, ['Натуральные числа']);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    await j.saveAttendance(teacher, lesson.id, { marks: [{ studentId: s.students.ivanov.id, status: 'absent' }] });
    await j.setTopic(teacher, lesson.id, { topic: 'Повторение' });
    const result = await j.fillAsPlanned(teacher, lesson.id);
    expect(result).toMatchObject({ filled: ['homework'], attendanceKept: true });
    const view = await j.getLesson(teacher, lesson.id);
    expect(view.students.find((st) => st.id === s.students.ivanov.id)!.attendance!.status).toBe('absent');
    expect(view.lesson).toMatchObject({ topic: 'Повторение', planItemId: null, homework: null });
  });

  it('refuses another teacher, a cancelled, future or closed-window lesson and an empty КТП, writing nothing', async () => {
    const s = await journalSchool(app);
    await s.seed.plan(s.course.id, ['Натуральные числа']);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const lesson = await s.seed.lesson(s.course, TODAY);
    await expect(j.fillAsPlanned(s.as(s.colleague), lesson.id)).rejects.toMatchObject({ code: 'forbidden' });
    const cancelled = await s.seed.lesson(s.course, TODAY, '11:00', { status: 'cancelled' });
    await expect(j.fillAsPlanned(teacher, cancelled.id)).rejects.toMatchObject({ reason: 'cancelled' });
    const future = await s.seed.lesson(s.course, '2026-10-16');
    await expect(j.fillAsPlanned(teacher, future.id)).rejects.toMatchObject({ reason: 'not_started' });
    const old = await s.seed.lesson(s.course, '2026-10-01');
    await expect(j.fillAsPlanned(teacher, old.id)).rejects.toMatchObject({ reason: 'edit_window' });

    const bare = await s.seed.course(s.group.id, s.teacher.id, 'История');
    const noPlan = await s.seed.lesson(bare, TODAY);
    await expect(j.fillAsPlanned(teacher, noPlan.id)).rejects.toMatchObject({ code: 'validation_failed' });
    // The attendance part is rolled back with the topic it could not find.
    expect((await j.getLesson(teacher, noPlan.id)).lesson.attendanceFilledAt).toBeNull();
    for (const entity of ['attendance', 'lesson_topic', 'lesson_homework']) expect(await auditCount(app, s.school.id, entity)).toBe(0);
  });
});
