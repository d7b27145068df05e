import { and, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { App } from '../../src/app.js';
import { attendance, notifications } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { FAST_PATH } from '../helpers/fast-path.js';
import { createTelegramChannel, telegramApiOf } from '../../src/notifications/channels/telegram-channel.js';
import { createDelivery } from '../../src/notifications/delivery.js';
import { createChatPacer } from '../../src/notifications/pacing.js';
import { createDeliveryQueue, createDeliveryWorker } from '../../src/notifications/queue.js';
import { createRelay } from '../../src/notifications/relay.js';
import { createTestApp, manualClock, uniquePrefix } from '../helpers/app.js';
import { TEST_TOKEN, uniqueChatId } from '../helpers/bot.js';
import { familySchool } from '../family/fixture.js';
import { eventually } from '../notifications/harness.js';
import { codeFor, startParentBot } from './parent-harness.js';

describe('an absence notice reaches a parent linked through the emulator, who answers it', () => {
  const clock = manualClock('2026-10-14T09:00:00Z'); // 12:00 in Moscow
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  let app: App;
  let harness: Awaited<ReturnType<typeof startParentBot>>;
  let redis: Redis;
  let stopAll: () => Promise<void>;
  let relay: ReturnType<typeof createRelay>;

  beforeAll(async () => {
    app = await createTestApp({ isolatedDatabase: true, clock });
    harness = await startParentBot(app);
    const prefix = uniquePrefix();
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const producer = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    // The delivery worker talks to the same emulator the parent's chat lives in.
    const api = telegramApiOf({ token: TEST_TOKEN, apiRoot: harness.server.config.apiURL, fastPath: FAST_PATH });
    const delivery = createDelivery({
      uow: app.services.uow,
      clock,
      logger,
      telegram: createTelegramChannel(api),
      email: null,
      renderer: app.services.renderer,
      reserveChat: createChatPacer(redis, prefix),
    });
    const queue = createDeliveryQueue(producer, prefix);
    relay = createRelay({ uow: app.services.uow, clock, queue, logger });
    const worker = createDeliveryWorker({
      connection: redis.duplicate(),
      prefix,
      delivery,
      logger,
      ratePerSecond: 25,
      concurrency: 2,
      backoffUnitMs: 20,
    });
    stopAll = async () => {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
      redis.disconnect();
      producer.disconnect();
    };
  });
  afterAll(async () => {
    await stopAll?.();
    await harness?.stop();
    await app.stop();
  });

  it('sends within grace + 1 minute of the teacher saving; «Болеет» is stored and the class teacher is told', async () => {
    const f = await familySchool(app);
    const parentChat = harness.chat(uniqueChatId());
    await parentChat.send(`/start ${await codeFor(app, f.school.id, f.parent.id)}`);
    const [, prompt] = await parentChat.replies(2);
    await parentChat.press('cs:ok', prompt!.message_id);
    await parentChat.replies(2);
    const teacherChat = harness.chat(uniqueChatId());
    await teacherChat.send(`/start ${await codeFor(app, f.school.id, f.classTeacher.id)}`);
    await teacherChat.reply();

    await app.services.journal.saveAttendance(f.teacherP, f.lessons[0]!.id, { marks: [{ studentId: f.child.id, status: 'absent' }] });
    expect(await relay.tick()).toBe(0); // the grace period: a correction may still come
    clock.advance(6 * 60_000); // grace (5 minutes) + 1 minute
    expect(await relay.tick()).toBe(1);
    const notice = await parentChat.replies(1, 10_000).then((r) => r[0]!);
    expect(notice.text).toContain('Посещаемость: <b>Иванов Иван</b>, 14 октября');
    expect(notice.text).toContain('1-й урок, Математика — н — отсутствие');
    const buttons = notice.inline.flat();
    expect(buttons.map((b) => b.text)).toEqual(['Болеет', 'Уважительная причина', 'Не знаю']);
    const sick = buttons.find((b) => b.text === 'Болеет')!;
    expect(sick.data).toBe(`ax:${f.child.id}:20261014:s`);

    await parentChat.press(sick.data, notice.message_id);
    expect((await parentChat.reply()).text).toContain('Ответ «болеет» записан');
    const [mark] = await app.db.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.studentId, f.child.id), eq(attendance.lessonId, f.lessons[0]!.id)));
    expect(mark!.parentExplanation).toBe('sick');

    expect(await relay.tick()).toBe(1);
    const told = await teacherChat.replies(1, 10_000).then((r) => r[0]!);
    expect(told.text).toBe('Ответ родителя: <b>Иванов Иван</b>, 14 октября — <b>болеет</b>.\nПропущенные уроки: 1. Математика.');
    await eventually(async () => {
      const [row] = await app.db.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.recipientId, f.classTeacher.id), eq(notifications.kind, 'absence_explained')));
      return row?.status === 'sent' && row.channel === 'telegram';
    });
  });
});
