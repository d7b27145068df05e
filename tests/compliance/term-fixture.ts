import { eq } from 'drizzle-orm';
import { Api } from 'grammy';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { App } from '../../src/app.js';
import { complianceRuns, enrollments, grades, groups, notifications, users } from '../../src/db/schema/index.js';
import { createComplianceScanner } from '../../src/domain/compliance/index.js';
import type { Role } from '../../src/domain/shared/principal.js';
import { createLogger } from '../../src/logger.js';
import { createEmailChannel } from '../../src/notifications/channels/email-channel.js';
import { createTelegramChannel } from '../../src/notifications/channels/telegram-channel.js';
import { createDelivery } from '../../src/notifications/delivery.js';
import { createSchool, createTestApp, type manualClock } from '../helpers/app.js';
import { chatWith, startEmulator, TEST_TOKEN, uniqueChatId } from '../helpers/bot.js';
import { seeder } from '../helpers/seed.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { YEAR_2026 } from '../year/fixtures.js';

/**
 * The real app over a private database (the scans read every school), a scanner on the test
 * clock, and delivery as the worker does it: Telegram through the Bot API emulator, e-mail to
 * a local SMTP sink. `scan()` then `send()` is what the worker loop and the relay would do.
 */
export async function termHarness(clock: ReturnType<typeof manualClock>, options: { databaseUrl?: string; server?: TelegramServer } = {}) {
  const app = await createTestApp({
    clock,
    isolatedDatabase: !options.databaseUrl,
    env: options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {},
  });
  await app.http!.ready();
  const server = options.server ?? (await startEmulator());
  const smtp = await startSmtpSink();
  const delivery = createDelivery({
    uow: app.services.uow,
    clock,
    logger: createLogger('silent'),
    telegram: createTelegramChannel(new Api(TEST_TOKEN, { apiRoot: server.config.apiURL })),
    email: createEmailChannel(smtp.url, 'Школа <school@example.org>'),
    renderer: app.services.renderer,
    reserveChat: async () => 0,
  });
  const scanner = createComplianceScanner({ uow: app.services.uow, clock });
  return {
    app,
    server,
    smtp,
    scan: () => scanner.tick(),
    /** Delivers every due outbox row now. */
    async send() {
      const due = await app.services.uow.repos.notifications.due(clock.now(), 1000);
      for (const row of due) await delivery.deliver(row.id, row.version);
      return due.length;
    },
    chat: (chatId: number) => chatWith(server, chatId),
    async close() {
      await app.stop();
      await smtp.close();
      if (!options.server) await server.stop();
    },
  };
}

export type TermHarness = Awaited<ReturnType<typeof termHarness>>;

/**
 * A Moscow school with YEAR_2026 loaded through PUT /v1/study-periods (quarter 2: 5 November to
 * 28 December, term grades due 26 December, reminders from the 23rd). Class 7Б has three
 * students and a fourth who left on 10 November, before entry opened (the 14th).
 * Иванова teaches Алгебра (1 of 3 term grades set) and Геометрия (none: one deleted, one of
 * quarter 1); Петров teaches Физика (all set); Сидоров (deactivated) teaches Химия (none);
 * Орлова (no Telegram, e-mail only) teaches Биология (none). Every course had a lesson in December.
 */
export async function termSchool(h: TermHarness) {
  const { school, auth } = await createSchool(h.app, { timezone: 'Europe/Moscow' });
  const loaded = await h.app.http!.inject({ method: 'PUT', url: '/v1/study-periods', headers: auth, payload: YEAR_2026 as object });
  if (loaded.statusCode !== 200) throw new Error(`study periods not loaded: ${loaded.body}`);
  const seed = seeder(h.app, school.id);
  const db = h.app.db.db;
  const staff = async (roles: Role[], lastName: string, firstName: string, middleName: string, telegram = true) => {
    const u = await seed.user(roles, { lastName, firstName, middleName, email: `${school.id}.${lastName}@example.org` });
    const chatId = uniqueChatId();
    if (telegram) await db.update(users).set({ telegramChatId: chatId, telegramStatus: 'active' }).where(eq(users.id, u.id));
    return { ...u, chatId };
  };
  const ivanova = await staff(['teacher'], 'Иванова', 'Мария', 'Петровна');
  const petrov = await staff(['teacher'], 'Петров', 'Олег', 'Ильич');
  const sidorov = await staff(['teacher'], 'Сидоров', 'Иван', 'Ильич');
  const orlova = await staff(['teacher'], 'Орлова', 'Вера', 'Павловна', false);
  const deputy = await staff(['deputy_director'], 'Завучева', 'Анна', 'Сергеевна');
  const group = await seed.group('7Б');
  await db.update(groups).set({ gradeLevel: 7 }).where(eq(groups.id, group.id));
  // A club of the same teacher has no term grades.
  const club = await seed.group('Шахматы');
  await db.update(groups).set({ kind: 'club', gradeLevel: 7 }).where(eq(groups.id, club.id));
  const students = [
    await seed.student(group.id, { lastName: 'Антонов' }),
    await seed.student(group.id, { lastName: 'Белова' }),
    await seed.student(group.id, { lastName: 'Волков' }),
  ];
  const left = await seed.student(group.id, { lastName: 'Ушедший' });
  await db.update(enrollments).set({ toDate: '2026-11-10' }).where(eq(enrollments.studentId, left.id));
  const course = async (teacher: { id: number }, subject: string, groupId = group.id) => {
    const c = await seed.course(groupId, teacher.id, subject);
    await seed.lesson(c, '2026-12-01', '09:00');
    return c;
  };
  const courses = {
    algebra: await course(ivanova, 'Алгебра'),
    geometry: await course(ivanova, 'Геометрия'),
    physics: await course(petrov, 'Физика'),
    chemistry: await course(sidorov, 'Химия'),
    biology: await course(orlova, 'Биология'),
    chess: await course(ivanova, 'Шахматы', club.id),
  };
  const termGrade = async (c: { id: number }, studentId: number, term = 2, deleted = false) =>
    db.insert(grades).values({
      schoolId: school.id,
      courseId: c.id,
      studentId,
      kind: 'term',
      term,
      value: '4',
      date: '2026-12-20',
      deletedAt: deleted ? new Date('2026-12-21T10:00:00Z') : null,
    });
  for (const s of students) await termGrade(courses.physics, s.id);
  await termGrade(courses.algebra, students[0]!.id);
  await termGrade(courses.geometry, students[0]!.id, 2, true);
  await termGrade(courses.geometry, students[1]!.id, 1);
  await db.update(users).set({ active: false }).where(eq(users.id, sidorov.id));
  return { school, auth, ivanova, petrov, sidorov, orlova, deputy, students, courses, termGrade };
}

/** The school's term-grade runs as 'kind date', sorted. */
export async function runsOf(app: App, schoolId: number): Promise<string[]> {
  const rows = await app.db.db.select().from(complianceRuns).where(eq(complianceRuns.schoolId, schoolId));
  return rows
    .filter((r) => r.kind.startsWith('term_'))
    .map((r) => `${r.kind} ${r.periodKey}`)
    .sort();
}

export const notificationsOf = (app: App, schoolId: number) =>
  app.db.db.select().from(notifications).where(eq(notifications.schoolId, schoolId));
