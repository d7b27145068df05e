import { and, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { App } from '../../src/app.js';
import { attendance, notifications } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { createDeliveryQueue } from '../../src/notifications/queue.js';
import { createRelay } from '../../src/notifications/relay.js';
import { createTestApp, uniquePrefix } from '../helpers/app.js';
import { uniqueChatId } from '../helpers/bot.js';
import { asUser, testClock } from '../journal/fixture.js';
import { codeFor, startParentBot } from '../bot/parent-harness.js';
import { departureSchool } from './fixture.js';

describe('a parent whose child has left (emulator)', () => {
  const clock = testClock(); // Wednesday 2026-10-14, 12:00 in Moscow
  let app: App;
  let harness: Awaited<ReturnType<typeof startParentBot>>;
  let producer: Redis;
  let queue: ReturnType<typeof createDeliveryQueue>;
  let relay: ReturnType<typeof createRelay>;
  beforeAll(async () => {
    app = await createTestApp({ isolatedDatabase: true, clock });
    harness = await startParentBot(app);
    producer = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    queue = createDeliveryQueue(producer, uniquePrefix());
    relay = createRelay({ uow: app.services.uow, clock, queue, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    producer?.disconnect();
    await harness?.stop();
    await app.stop();
  });

  it('gets no notice about the child, sees no child, and an old answer button writes nothing', async () => {
    const s = await departureSchool(app);
    const chat = harness.chat(uniqueChatId());
    await chat.send(`/start ${await codeFor(app, s.school.id, s.mother.id)}`);
    await chat.replies(1); // consent was given already: the welcome only
    const before = await chat.ask('Мои дети');
    expect(before.text).toContain('Иванов Иван');

    const teacher = asUser(s.teacher);
    await app.services.journal.saveAttendance(teacher, s.lesson.id, { marks: [{ studentId: s.child.id, status: 'absent' }] });
    const res = await app.http!.inject({
      method: 'POST',
      url: `/v1/students/${s.child.id}/withdraw`,
      headers: s.auth,
      payload: { date: '2026-10-15', reason: 'переезд' },
    });
    expect(res.json().cancelledNotices).toBe(2);

    // Past the grace period nothing about the child is due: the notices were cancelled, and a
    // late mark of the child's last day finds no guardian any more.
    await app.services.journal.saveAttendance(teacher, s.lesson.id, { marks: [{ studentId: s.child.id, status: 'late' }] });
    clock.advance(10 * 60_000);
    expect(await relay.tick()).toBe(0);
    const mine = await app.db.db.select().from(notifications).where(eq(notifications.recipientId, s.mother.id));
    expect(mine.map((n) => n.status)).toEqual(['cancelled']);

    const after = await chat.ask('Мои дети');
    expect(after.text).toContain('Ваших детей больше нет в списках этой школы');
    expect(after.text).not.toContain('Иванов');

    // The buttons of the earlier screen and of an absence notice are stale now.
    await chat.press(`pc:d:${s.child.id}`, before.message_id);
    expect((await chat.reply()).text).not.toContain('Иванов Иван');
    await chat.press(`ax:${s.child.id}:20261014:s`, before.message_id);
    expect((await chat.reply()).text).toContain('Этот ответ уже нельзя принять');
    const [mark] = await app.db.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.studentId, s.child.id), eq(attendance.lessonId, s.lesson.id)));
    expect(mark!.parentExplanation).toBeNull();
  });
});
