import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { consents, courses, notifications, students, users } from '../../src/db/schema/index.js';
import { seeder } from '../helpers/seed.js';
import {
  asUser,
  emulatorSuite,
  type Harness,
  linkTelegram,
  type recordAnswers,
  teacherChat,
  teacherHarnessOptions,
  testClock,
  TODAY,
} from '../bot/teacher-fixture.js';
import { splitSchool } from './fixture.js';

describe('teacher bot: a subgroup lesson (emulator)', () => {
  const clock = testClock();
  let app: App;
  let harness: Harness;
  let answers: ReturnType<typeof recordAnswers>;

  emulatorSuite(clock, teacherHarnessOptions, (s) => ({ app, harness, answers } = s));

  async function setup() {
    const s = await splitSchool(app);
    const seed = seeder(app, s.school.id, 'Europe/Moscow');
    const byExt = async (table: typeof users | typeof students, ext: string[]) =>
      app.db.db
        .select()
        .from(table)
        .where(and(eq(table.schoolId, s.school.id), inArray(table.externalId, ext)));
    const people = new Map(
      [...(await byExt(users, ['T1', 'T2', 'P1', 'P3'])), ...(await byExt(students, ['S1', 'S2', 'S3']))].map((r) => [r.externalId!, r]),
    );
    const course = async (ext: string) => (await app.db.db.select().from(courses).where(eq(courses.id, s.courseIds[ext]!)))[0]!;
    // Both halves of 7А have English at 10:00, side by side.
    const en1 = await seed.lesson(await course('en1'), TODAY, '10:00', { period: 2 });
    const en2 = await seed.lesson(await course('en2'), TODAY, '10:00', { period: 2 });
    for (const p of ['P1', 'P3']) await app.db.db.insert(consents).values({ parentId: people.get(p)!.id, version: '1', via: 'bot' });
    const t1 = people.get('T1')! as typeof users.$inferSelect;
    const chat = teacherChat(harness, harness.chat(await linkTelegram(app, t1.id)), answers);
    return { ...s, people, en1, en2, t1, chat };
  }

  it('shows the teacher their own half by name, lists only its members, and notifies only their parents', async () => {
    const s = await setup();
    const list = await s.chat.ask('Сегодня');
    expect(list.text).toContain('7А (гр. 1), Английский язык');
    expect(list.text).not.toContain('гр. 2');
    expect(list.inline.flat().map((b) => b.data)).toEqual(expect.arrayContaining([`l1:${s.en1.id}`]));
    expect(list.inline.flat().map((b) => b.data)).not.toContain(`l1:${s.en2.id}`);

    await s.chat.tap(`l1:${s.en1.id}`, list.message_id);
    const card = await s.chat.reply();
    expect(card.text).toContain('7А (гр. 1)');
    expect(card.text).toContain('2 ученика');
    let step = await s.chat.tap(s.chat.button(card, 'Отметить отсутствующих'), card.message_id);
    const names = step.message.inline
      .flat()
      .filter((b) => b.data.startsWith('a1:'))
      .map((b) => b.text);
    expect(names).toEqual(['Иванов И. ✓', 'Петров П. ✓']);
    step = await s.chat.tap(s.chat.button(step.message, 'Иванов И.'), card.message_id);
    step = await s.chat.tap(s.chat.button(step.message, 'Сохранить'), card.message_id);
    expect(step.answer).toBe('Посещаемость сохранена.');

    const view = await app.services.journal.getLesson(asUser(s.t1), s.en1.id);
    expect(view.students.map((st) => [st.lastName, st.attendance?.status ?? null])).toEqual([
      ['Иванов', 'absent'],
      ['Петров', 'present'],
    ]);
    const noticesOf = async (parent: string) =>
      app.db.db
        .select()
        .from(notifications)
        .where(eq(notifications.recipientId, s.people.get(parent)!.id));
    expect((await noticesOf('P1')).map((n) => n.kind)).toEqual(['absence']);
    expect(await noticesOf('P3')).toEqual([]);

    // Сидоров is in the other half: a mark for him in this lesson is refused and writes nothing.
    await expect(
      app.services.journal.saveAttendance(asUser(s.t1), s.en1.id, { marks: [{ studentId: s.people.get('S3')!.id, status: 'absent' }] }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await noticesOf('P3')).toEqual([]);
  });
});
