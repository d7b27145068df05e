import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp } from '../helpers/app.js';
import { auditCount, journalSchool, testClock, TODAY } from './fixture.js';

describe('lesson topic, homework and the КТП', () => {
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    app = await createTestApp({ clock });
  });
  afterAll(() => app.stop());

  it('suggests the next КТП topic and moves on once a lesson takes it', async () => {
    const s = await journalSchool(app);
    const [p1, p2, p3] = await s.seed.plan(s.course.id, ['Натуральные числа', 'Дроби', 'Проценты']);
    const yesterday = await s.seed.lesson(s.course, '2026-10-13');
    const today = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);

    expect((await j.getLesson(teacher, today.id)).suggestedTopic).toMatchObject({ id: p1!.id, topic: 'Натуральные числа' });
    const set = await j.setTopic(teacher, yesterday.id, { planItemId: p1!.id });
    expect(set).toMatchObject({ topic: 'Натуральные числа', planItemId: p1!.id });
    expect(set.topicFilledAt).toBeInstanceOf(Date);
    expect((await j.getLesson(teacher, today.id)).suggestedTopic?.id).toBe(p2!.id);

    await j.setTopic(teacher, today.id, { planItemId: p2!.id });
    expect((await j.getLesson(teacher, today.id)).suggestedTopic?.id).toBe(p3!.id);
    // Replacing a КТП topic by free text frees the plan item again.
    await j.setTopic(teacher, today.id, { topic: '  Контрольная работа  ' });
    const view = await j.getLesson(teacher, today.id);
    expect(view.lesson).toMatchObject({ topic: 'Контрольная работа', planItemId: null });
    expect(view.suggestedTopic?.id).toBe(p2!.id);
  });

  it('rejects empty, too long and foreign-course topics', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const otherCourse = await s.seed.course(s.group.id, s.teacher.id, 'Информатика');
    const [foreign] = await s.seed.plan(otherCourse.id, ['Алгоритмы']);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    await expect(j.setTopic(teacher, lesson.id, { topic: '   ' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'topic' }],
    });
    await expect(j.setTopic(teacher, lesson.id, { topic: 'я'.repeat(501) })).rejects.toMatchObject({ details: [{ path: 'topic' }] });
    await expect(j.setTopic(teacher, lesson.id, { planItemId: foreign!.id })).rejects.toMatchObject({ details: [{ path: 'planItemId' }] });
    await expect(j.setTopic(teacher, lesson.id, { topic: 'я'.repeat(500) })).resolves.toMatchObject({ topic: 'я'.repeat(500) });
    expect(await auditCount(app, s.school.id, 'lesson_topic')).toBe(1);
  });

  it('takes "no homework" as an answer and audits each homework change once', async () => {
    const s = await journalSchool(app, { requiredParts: ['attendance', 'topic', 'homework'] });
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    const none = await j.setHomework(teacher, lesson.id, null);
    expect(none.homework).toBeNull();
    expect(none.homeworkFilledAt).toBeInstanceOf(Date);
    expect((await j.getLesson(teacher, lesson.id)).missing).toEqual(['attendance', 'topic']);
    await j.setHomework(teacher, lesson.id, null);
    expect(await auditCount(app, s.school.id, 'lesson_homework')).toBe(1);
    await expect(j.setHomework(teacher, lesson.id, ' ')).rejects.toMatchObject({ details: [{ path: 'homework' }] });
    await expect(j.setHomework(teacher, lesson.id, 'x'.repeat(2001))).rejects.toMatchObject({ details: [{ path: 'homework' }] });
    const set = await j.setHomework(teacher, lesson.id, ' № 245, 246 ');
    expect(set.homework).toBe('№ 245, 246');
    const trail = await app.services.uow.repos.audit.list({ schoolId: s.school.id, entity: 'lesson_homework', limit: 10 });
    expect(trail).toHaveLength(2);
    expect(trail[0]).toMatchObject({ before: { homework: null, filled: true }, after: { homework: '№ 245, 246' } });
  });

  it('stores typed topic and homework without bidirectional overrides or zero-width characters', async () => {
    const s = await journalSchool(app);
    const lesson = await s.seed.lesson(s.course, TODAY);
    const j = app.services.journal;
    const teacher = s.as(s.teacher);
    expect(await j.setTopic(teacher, lesson.id, { topic: '\u202EДро\u200Bби\u2066 ' })).toMatchObject({ topic: 'Дроби' });
    expect(await j.setHomework(teacher, lesson.id, '№\u200D 12\uFEFF')).toMatchObject({ homework: '№ 12' });
    // Nothing visible left is no topic at all.
    await expect(j.setTopic(teacher, lesson.id, { topic: '\u200B\u202E' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
