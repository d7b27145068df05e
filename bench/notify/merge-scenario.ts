import type { Config } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { createDbClient } from '../../src/db/client.js';
import { consents, courses, enrollments, groups, guardianships, lessons, students, subjects, users } from '../../src/db/schema/index.js';
import { instantAt } from '../../src/domain/shared/dates.js';
import { createLogger } from '../../src/logger.js';
import { createNotificationRuntime } from '../../src/notifications/runtime.js';
import { startTelegramStub } from '../lib/telegram-stub.js';

/**
 * One child marked absent at the 1st, 3rd and 5th lesson of a day, each mark saved as the
 * lesson happens: the parent should get one message, kept up to date by edits.
 */
export async function absentThreeTimes(url: string, base: Config): Promise<{ messages: number; edits: number }> {
  let now = new Date('2026-11-24T05:00:00Z');
  const clock = { now: () => new Date(now) };
  const db = createDbClient(url);
  const services = createServices(base, db, clock);
  const { school } = await services.schools.create({ kind: 'system' }, { name: 'Сценарий', timezone: 'Europe/Moscow' });
  const d = db.db;
  const [teacher] = await d
    .insert(users)
    .values({ schoolId: school.id, roles: ['teacher'], lastName: 'Учитель', firstName: 'Тест' })
    .returning();
  const [parent] = await d
    .insert(users)
    .values({ schoolId: school.id, roles: ['parent'], lastName: 'Родитель', firstName: 'Тест', telegramChatId: 777, telegramUserId: 777 })
    .returning();
  const [group] = await d.insert(groups).values({ schoolId: school.id, name: '6В' }).returning();
  const [student] = await d.insert(students).values({ schoolId: school.id, lastName: 'Ученик', firstName: 'Тест' }).returning();
  await d.insert(enrollments).values({ studentId: student!.id, groupId: group!.id, fromDate: '2026-09-01' });
  await d.insert(guardianships).values({ parentId: parent!.id, studentId: student!.id });
  await d.insert(consents).values({ parentId: parent!.id, version: 'bench', via: 'bot' });
  const [subject] = await d.insert(subjects).values({ schoolId: school.id, name: 'История' }).returning();
  const [course] = await d
    .insert(courses)
    .values({ schoolId: school.id, groupId: group!.id, subjectId: subject!.id, teacherId: teacher!.id })
    .returning();
  const periods = [1, 3, 5];
  const made = await d
    .insert(lessons)
    .values(
      periods.map((p) => {
        const startsAt = instantAt('2026-11-24', `${String(7 + p).padStart(2, '0')}:00`, school.timezone);
        return {
          schoolId: school.id,
          courseId: course!.id,
          groupId: group!.id,
          teacherId: teacher!.id,
          date: '2026-11-24',
          period: p,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        };
      }),
    )
    .returning();

  const stub = await startTelegramStub();
  const runtime = createNotificationRuntime({
    uow: services.uow,
    clock,
    logger: createLogger('error'),
    redisUrl: base.redis.url,
    prefix: `${base.redis.prefix}m`,
    telegram: { token: '1:bench', apiRoot: stub.apiRoot },
    mail: base.mail,
    renderer: services.renderer,
    ratePerSecond: 25,
  });
  await runtime.start();
  const principal = { kind: 'user' as const, userId: teacher!.id, schoolId: school.id, roles: ['teacher' as const] };
  for (const lesson of made) {
    now = new Date(lesson.startsAt.getTime() + 10 * 60_000);
    await services.journal.saveAttendance(principal, lesson.id, { marks: [{ studentId: student!.id, status: 'absent' }] });
    now = new Date(now.getTime() + 6 * 60_000);
    const before = stub.accepted.length;
    await runtime.relay.tick();
    // Each mark is delivered (sent or edited) before the next lesson's mark is saved.
    while (stub.accepted.length === before) await new Promise((r) => setTimeout(r, 20));
  }
  await runtime.stop();
  const sentMessages = stub.methods.filter((m) => m === 'sendMessage').length;
  const edits = stub.methods.filter((m) => m === 'editMessageText').length;
  await stub.close();
  await db.close();
  return { messages: sentMessages, edits };
}
