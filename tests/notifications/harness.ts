import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { App } from '../../src/app.js';
import { consents, users } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import type { AttendanceStatus } from '../../src/domain/lessons/types.js';
import { createTelegramChannel } from '../../src/notifications/channels/telegram-channel.js';
import { createEmailChannel } from '../../src/notifications/channels/email-channel.js';
import { createDelivery } from '../../src/notifications/delivery.js';
import { createChatPacer } from '../../src/notifications/pacing.js';
import { createDeliveryQueue, createDeliveryWorker } from '../../src/notifications/queue.js';
import { createRelay } from '../../src/notifications/relay.js';
import { createLogger } from '../../src/logger.js';
import { createSchool, createTestApp, manualClock, uniquePrefix } from '../helpers/app.js';
import { fakeTelegramApi } from '../helpers/fake-telegram.js';
import { seeder } from '../helpers/seed.js';

type Respond = Parameters<typeof fakeTelegramApi>[0];

/** A school with one class, a teacher, a lesson today and a consenting parent with a chat. */
export async function notificationFixture(app: App, options: { date?: string; chatId?: number; email?: string | null } = {}) {
  const { school } = await createSchool(app);
  const seed = seeder(app, school.id);
  const teacher = await seed.user(['teacher']);
  const group = await seed.group('7Б');
  const student = await seed.student(group.id, { lastName: 'Соколова', firstName: 'Анна' });
  const parent = await seed.user(['parent'], { lastName: 'Соколов', firstName: 'Игорь', email: options.email ?? undefined });
  await app.db.db
    .update(users)
    .set({ telegramChatId: options.chatId ?? 50_000 + parent.id, telegramUserId: 50_000 + parent.id, telegramStatus: 'active' })
    .where(eq(users.id, parent.id));
  await seed.guardian(parent.id, student.id);
  await app.db.db.insert(consents).values({ parentId: parent.id, version: '1', via: 'bot' });
  const course = await seed.course(group.id, teacher.id, 'Алгебра');
  const date = options.date ?? '2026-11-23';
  const lessons = [await seed.lesson(course, date, '09:00', { period: 2 }), await seed.lesson(course, date, '10:00', { period: 3 })];
  return { school, teacher, group, student, parent, course, lessons, date };
}

/** Saves one mark through the journal service as the lesson's teacher (outbox rows included). */
export async function mark(
  app: App,
  lesson: { id: number; schoolId: number; teacherId: number },
  studentId: number,
  status: AttendanceStatus,
) {
  const teacher = { kind: 'user' as const, userId: lesson.teacherId, schoolId: lesson.schoolId, roles: ['teacher' as const] };
  await app.services.journal.saveAttendance(teacher, lesson.id, { marks: [{ studentId, status }] });
}

export async function deliveryHarness(
  options: {
    clock?: ReturnType<typeof manualClock>;
    respond?: Respond;
    smtpUrl?: string;
    rate?: number;
    attempts?: number;
    redisUrl?: string;
    prefix?: string;
    /** Workers' concurrency (default 4). */
    concurrency?: number;
    /** More of the delivery's parts (MAX's channel, pacer and pause), made with this harness's Redis and prefix. */
    more?: (redis: Redis, prefix: string) => Partial<Parameters<typeof createDelivery>[0]>;
  } = {},
) {
  const clock = options.clock ?? manualClock('2026-11-23T07:00:00Z');
  const app = await createTestApp({ clock, isolatedDatabase: true });
  const prefix = options.prefix ?? uniquePrefix();
  const redis = new Redis(options.redisUrl ?? inject('redisUrl'), { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  redis.on('error', () => {});
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const telegram = fakeTelegramApi(options.respond);
  const email = options.smtpUrl ? createEmailChannel(options.smtpUrl, 'Школа <school@example.org>') : null;
  const delivery = createDelivery({
    uow: app.services.uow,
    clock,
    logger,
    telegram: createTelegramChannel(telegram.api),
    email,
    renderer: app.services.renderer,
    reserveChat: createChatPacer(redis, prefix),
    ...options.more?.(redis, prefix),
  });
  // The producer fails fast while Redis is down (the rows stay pending); workers wait instead.
  const producer = new Redis(options.redisUrl ?? inject('redisUrl'), {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => 100,
  });
  producer.on('error', () => {});
  const queue = createDeliveryQueue(producer, prefix, options.attempts);
  const relay = createRelay({ uow: app.services.uow, clock, queue, logger });
  const workers: ReturnType<typeof createDeliveryWorker>[] = [];
  return {
    app,
    clock,
    redis,
    prefix,
    queue,
    relay,
    delivery,
    telegram,
    logger,
    startWorker(timing: { lockDurationMs?: number; stalledIntervalMs?: number } = {}) {
      const connection = redis.duplicate();
      connection.on('error', () => {});
      const w = createDeliveryWorker({
        connection,
        prefix,
        delivery,
        logger,
        ratePerSecond: options.rate ?? 25,
        concurrency: options.concurrency ?? 4,
        backoffUnitMs: 20,
        ...timing,
      });
      workers.push(w);
      return w;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      email?.close();
      redis.disconnect();
      producer.disconnect();
      await app.stop();
    },
  };
}

/** Waits until `check` passes (polling), for work done by background workers. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
