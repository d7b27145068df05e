import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { consents, guardianships, notifications, users } from '../../src/db/schema/index.js';
import { startPrivateRedis } from '../helpers/redis-process.js';
import { seeder } from '../helpers/seed.js';
import { deliveryHarness, eventually, notificationFixture } from './harness.js';

const MIN = 60_000;

/** Adds `n` students with one consenting parent each to the fixture's class and marks them all absent. */
async function absentClass(h: Awaited<ReturnType<typeof deliveryHarness>>, f: Awaited<ReturnType<typeof notificationFixture>>, n: number) {
  const seed = seeder(h.app, f.school.id);
  const parents: number[] = [];
  const students: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = await seed.student(f.group.id, { lastName: `Ученик${i}`, firstName: 'Тест' });
    const p = await seed.user(['parent']);
    await h.app.db.db
      .update(users)
      .set({ telegramChatId: 900_000 + p.id })
      .where(eq(users.id, p.id));
    await h.app.db.db.insert(guardianships).values({ parentId: p.id, studentId: s.id });
    await h.app.db.db.insert(consents).values({ parentId: p.id, version: '1', via: 'bot' });
    parents.push(p.id);
    students.push(s.id);
  }
  const lesson = f.lessons[0]!;
  const teacher = { kind: 'user' as const, userId: lesson.teacherId, schoolId: lesson.schoolId, roles: ['teacher' as const] };
  await h.app.services.journal.saveAttendance(teacher, lesson.id, {
    marks: students.map((studentId) => ({ studentId, status: 'absent' as const })),
  });
  return parents;
}

describe('no loss, no duplicates', () => {
  let h: Awaited<ReturnType<typeof deliveryHarness>>;
  let redis: Awaited<ReturnType<typeof startPrivateRedis>> | null = null;
  afterEach(async () => {
    await h?.close();
    await redis?.stop();
    redis = null;
  });

  it('keeps saving while Redis is down and sends everything once it is back', async () => {
    redis = await startPrivateRedis();
    h = await deliveryHarness({ redisUrl: redis.url });
    const f = await notificationFixture(h.app);
    h.startWorker();
    await redis.stop();
    // The journal write touches only PostgreSQL, so the teacher's save succeeds with Redis down.
    const parents = await absentClass(h, f, 5);
    h.clock.advance(6 * MIN);
    await expect(h.relay.tick()).rejects.toThrow();
    const pending = await h.app.db.db.select().from(notifications).where(inArray(notifications.recipientId, parents));
    expect(pending.map((r) => r.status)).toEqual(Array(5).fill('pending'));

    await redis.start();
    await h.relay.requeueAll();
    await eventually(async () => (await h.relay.tick().catch(() => -1)) >= 0);
    await eventually(() => h.telegram.calls.length === 5, 20_000);
    expect(new Set(h.telegram.calls.map((c) => c.chatId)).size).toBe(5);
  });

  it('two workers and two relays send each notice exactly once', async () => {
    h = await deliveryHarness({ rate: 30 });
    const f = await notificationFixture(h.app);
    const parents = await absentClass(h, f, 40);
    h.startWorker();
    h.startWorker();
    h.clock.advance(6 * MIN);
    await Promise.all([h.relay.tick(), h.relay.tick(), h.relay.tick()]);
    await eventually(async () => {
      const rows = await h.app.db.db.select().from(notifications).where(inArray(notifications.recipientId, parents));
      return rows.every((r) => r.status === 'sent');
    }, 20_000);
    const perChat = new Map<number, number>();
    for (const c of h.telegram.calls) perChat.set(c.chatId, (perChat.get(c.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(40);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
  });

  it('loses nothing when a worker dies in the middle of its jobs', async () => {
    let dying = true;
    let hanging = 0;
    // While `dying`, every send hangs as it would in a process killed mid-request.
    h = await deliveryHarness({
      respond: () => {
        if (!dying) return null;
        hanging++;
        return 'hang';
      },
    });
    const f = await notificationFixture(h.app);
    const parents = await absentClass(h, f, 10);
    const doomed = h.startWorker({ lockDurationMs: 1000, stalledIntervalMs: 500 });
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    // Every job the doomed worker took is stuck inside a send: only stalled-job recovery can finish them.
    await eventually(() => hanging === 4);
    await doomed.close(true);
    dying = false;
    h.startWorker({ lockDurationMs: 1000, stalledIntervalMs: 500 });
    await eventually(async () => {
      const rows = await h.app.db.db.select().from(notifications).where(inArray(notifications.recipientId, parents));
      return rows.every((r) => r.status === 'sent');
    }, 25_000);
    const perChat = new Map<number, number>();
    for (const c of h.telegram.calls) perChat.set(c.chatId, (perChat.get(c.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(10);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
  });
});
