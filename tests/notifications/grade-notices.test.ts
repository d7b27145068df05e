import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications, preferences } from '../../src/db/schema/index.js';
import { capToDeadline } from '../../src/domain/outbox/scheduling.js';
import { manualClock } from '../helpers/app.js';
import { deliveryHarness, eventually, notificationFixture } from './harness.js';

type Harness = Awaited<ReturnType<typeof deliveryHarness>>;
type Fixture = Awaited<ReturnType<typeof notificationFixture>>;

async function grade(h: Harness, f: Fixture, lessonIndex: number, value: string) {
  const lesson = f.lessons[lessonIndex]!;
  const teacher = { kind: 'user' as const, userId: lesson.teacherId, schoolId: lesson.schoolId, roles: ['teacher' as const] };
  await h.app.services.journal.addGrades(teacher, lesson.id, [{ studentId: f.student.id, value }]);
}

const rowsOf = (h: Harness, parentId: number) => h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, parentId));

describe('grade notices', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('are sent at once in realtime mode', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') }); // 11:00 in Moscow
    const f = await notificationFixture(h.app);
    h.startWorker();
    await grade(h, f, 0, '5');
    expect(await h.relay.tick()).toBe(1);
    await eventually(() => h.telegram.calls.length === 1);
    expect(h.telegram.calls[0]!.text).toContain('Новая отметка: <b>Соколова Анна</b>, 23 ноября');
    expect(h.telegram.calls[0]!.text).toContain('Алгебра: <b>5</b>');
  });

  it('wait for the end of the quiet hours', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T19:30:00Z') }); // 22:30 in Moscow
    const f = await notificationFixture(h.app);
    await grade(h, f, 0, '4');
    const [row] = await rowsOf(h, f.parent.id);
    expect(row!.notBefore.toISOString()).toBe('2026-11-24T04:30:00.000Z'); // 07:30 in Moscow
    expect(await h.relay.tick()).toBe(0);
  });

  it("are collected into one daily digest at the parent's time", async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') });
    const f = await notificationFixture(h.app);
    await h.app.db.db.insert(preferences).values({ userId: f.parent.id, grades: 'digest', digestTime: '18:30' });
    h.startWorker();
    await grade(h, f, 0, '5');
    h.clock.advance(60 * 60_000);
    await grade(h, f, 1, '3');
    const rows = await rowsOf(h, f.parent.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kind).toBe('grade_digest');
    expect(rows[0]!.notBefore.toISOString()).toBe('2026-11-23T15:30:00.000Z');
    expect(await h.relay.tick()).toBe(0);
    h.clock.set('2026-11-23T15:30:00Z');
    expect(await h.relay.tick()).toBe(1);
    await eventually(() => h.telegram.calls.length === 1);
    const text = h.telegram.calls[0]!.text;
    expect(text).toContain('Отметки за день, 23 ноября');
    expect(text.match(/Алгебра: <b>\d<\/b>/g)).toEqual(['Алгебра: <b>5</b>', 'Алгебра: <b>3</b>']);
  });

  it('are not sent at all when the parent turned them off', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') });
    const f = await notificationFixture(h.app);
    await h.app.db.db.insert(preferences).values({ userId: f.parent.id, grades: 'off' });
    await grade(h, f, 0, '5');
    expect(await rowsOf(h, f.parent.id)).toHaveLength(0);
  });

  it('never wait past 24 hours, and a check hurries any row near its deadline', async () => {
    const created = new Date('2026-11-23T19:00:00Z');
    const capped = capToDeadline(new Date('2026-11-25T08:00:00Z'), created);
    expect(capped.deadline.toISOString()).toBe('2026-11-24T19:00:00.000Z');
    expect(capped.notBefore.toISOString()).toBe('2026-11-24T18:30:00.000Z');

    h = await deliveryHarness({ clock: manualClock('2026-11-23T19:30:00Z') });
    const f = await notificationFixture(h.app);
    await grade(h, f, 0, '5');
    // Pretend a row was left far in the future (a bug, a bad preference): the relay's sweep pulls it in.
    await h.app.db.db
      .update(notifications)
      .set({ notBefore: new Date('2026-11-30T00:00:00Z'), deadline: new Date('2026-11-23T19:50:00Z') })
      .where(eq(notifications.recipientId, f.parent.id));
    expect(await h.relay.tick()).toBe(1);
  });
});
