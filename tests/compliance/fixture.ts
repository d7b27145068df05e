import { eq } from 'drizzle-orm';
import { createLogger } from '../../src/logger.js';
import type { App } from '../../src/app.js';
import { users } from '../../src/db/schema/index.js';
import { createComplianceScanner } from '../../src/domain/compliance/index.js';
import type { Role } from '../../src/domain/shared/principal.js';
import { createTelegramChannel } from '../../src/notifications/channels/telegram-channel.js';
import { createDelivery } from '../../src/notifications/delivery.js';
import { createSchool, createTestApp, type manualClock } from '../helpers/app.js';
import { fakeTelegramApi } from '../helpers/fake-telegram.js';
import { seeder } from '../helpers/seed.js';

export const MIN = 60_000;
export type ManualClock = ReturnType<typeof manualClock>;

/**
 * The real app over a private database, a scanner on the test clock, and delivery through a
 * fake Telegram transport, driven by hand: `scan()` then `send()` does what the worker loop
 * and the outbox relay would do at that moment.
 */
export async function complianceHarness(clock: ManualClock, options: { databaseUrl?: string } = {}) {
  const app = await createTestApp({
    clock,
    isolatedDatabase: !options.databaseUrl,
    env: options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {},
  });
  const telegram = fakeTelegramApi();
  const logger = createLogger('silent');
  const delivery = createDelivery({
    uow: app.services.uow,
    clock,
    logger,
    telegram: createTelegramChannel(telegram.api),
    email: null,
    renderer: app.services.renderer,
    reserveChat: async () => 0,
  });
  const scanner = createComplianceScanner({ uow: app.services.uow, clock });
  return {
    app,
    clock,
    telegram,
    scanner,
    delivery,
    scan: () => scanner.tick(),
    /** Delivers every due outbox row now; returns the Telegram calls made. */
    async send() {
      const before = telegram.calls.length;
      const due = await app.services.uow.repos.notifications.due(clock.now(), 1000);
      for (const row of due) await delivery.deliver(row.id, row.version);
      return telegram.calls.slice(before);
    },
    chatOf: (userId: number) => 70_000 + userId,
    close: () => app.stop(),
  };
}

export type Harness = Awaited<ReturnType<typeof complianceHarness>>;

/** A school with staff who all have a Telegram chat (70000 + user id). */
export async function complianceSchool(h: Harness, timezone = 'Europe/Moscow', policy: Record<string, unknown> = {}) {
  const { school, apiKey, auth } = await createSchool(h.app, { timezone });
  if (Object.keys(policy).length) await h.app.services.schools.updatePolicy({ kind: 'system' }, school.id, policy);
  const seed = seeder(h.app, school.id, timezone);
  const staff = async (roles: Role[], lastName: string, firstName: string, middleName: string) => {
    const u = await seed.user(roles, { lastName, firstName, middleName });
    await h.app.db.db
      .update(users)
      .set({ telegramChatId: h.chatOf(u.id), telegramStatus: 'active' })
      .where(eq(users.id, u.id));
    return u;
  };
  return { school, apiKey, auth, seed, staff };
}

export const principalOf = (u: { id: number; schoolId: number; roles: string[] }) => ({
  kind: 'user' as const,
  userId: u.id,
  schoolId: u.schoolId,
  roles: u.roles as Role[],
});

/** Fills attendance (all present) and the topic as the given teacher. */
export async function fill(app: App, teacher: { id: number; schoolId: number; roles: string[] }, lessonId: number) {
  await app.services.journal.saveAttendance(principalOf(teacher), lessonId, { allPresent: true });
  await app.services.journal.setTopic(principalOf(teacher), lessonId, { topic: 'Дроби' });
}

export const buttonsOf = (call: { replyMarkup?: { inline_keyboard: { text: string; callback_data: string }[][] } }) =>
  (call.replyMarkup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
