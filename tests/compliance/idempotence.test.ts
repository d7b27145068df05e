import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { lessonReminders, notifications } from '../../src/db/schema/index.js';
import { createComplianceScanner } from '../../src/domain/compliance/index.js';
import type { UnitOfWork } from '../../src/domain/ports.js';
import { isolatedDatabaseUrl, manualClock } from '../helpers/app.js';
import { complianceHarness, complianceSchool, type Harness } from './fixture.js';

/** Ten teachers with three unfilled lessons each in one school. */
async function busySchool(h: Harness) {
  const s = await complianceSchool(h);
  await s.staff(['deputy_director'], 'Завуч', 'Анна', 'Ивановна');
  for (let i = 0; i < 10; i++) {
    const t = await s.staff(['teacher'], `Учитель${i}`, 'Тест', 'Тестович');
    const course = await s.seed.course((await s.seed.group(`${i + 5}А`)).id, t.id);
    for (const start of ['08:00', '09:00', '10:00']) await s.seed.lesson(course, '2026-11-23', start);
  }
  return s;
}

describe('reminder scans are idempotent', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('two processes scanning at once claim each point once and write one notice per teacher', async () => {
    const clock = manualClock('2026-11-23T08:00:00Z'); // 11:00 in Moscow: every lesson's first point is due
    const url = await isolatedDatabaseUrl();
    const a = await complianceHarness(clock, { databaseUrl: url });
    const b = await complianceHarness(clock, { databaseUrl: url });
    open.push(a, b);
    const s = await busySchool(a);
    const results = await Promise.all([a.scan(), b.scan(), a.scan(), b.scan()]);
    expect(results.reduce((n, r) => n + r.reminders, 0)).toBe(10);
    // A Monday: the weekly report run is claimed once too (empty, so it is skipped at send time).
    expect(results.reduce((n, r) => n + r.reports, 0)).toBe(1);
    const [claims] = await a.app.db.db
      .select({ n: sql<number>`count(*)::int` })
      .from(lessonReminders)
      .where(eq(lessonReminders.schoolId, s.school.id));
    expect(claims!.n).toBe(30);
    const rows = (await a.app.db.db.select().from(notifications).where(eq(notifications.schoolId, s.school.id))).filter(
      (r) => r.kind === 'reminder',
    );
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.version === 0)).toBe(true);
    const sent = [...(await a.send()), ...(await b.send())];
    expect(sent).toHaveLength(10);
    expect(sent.every((c) => (c.text.match(/•/g) ?? []).length === 3)).toBe(true);

    // Escalation at 17:00 from both processes at once: one alert for the deputy.
    clock.set('2026-11-23T14:00:00Z');
    const esc = await Promise.all([a.scan(), b.scan()]);
    expect(esc.reduce((n, r) => n + r.escalations, 0)).toBe(1);
  });

  it('a scan cut short leaves no claim behind, and the next scan does the work once', async () => {
    const clock = manualClock('2026-11-23T08:00:00Z');
    const h = await complianceHarness(clock);
    open.push(h);
    const s = await busySchool(h);
    // The process dies after claiming, before the outbox rows are written.
    const real = h.app.services.uow;
    const crashing: UnitOfWork = {
      repos: real.repos,
      transaction: (fn) =>
        real.transaction((repos) =>
          fn({
            ...repos,
            notifications: {
              ...repos.notifications,
              upsert: async () => {
                throw new Error('process killed');
              },
            },
          }),
        ),
    };
    await expect(createComplianceScanner({ uow: crashing, clock }).scanReminders()).rejects.toThrow('process killed');
    const claims = () => h.app.db.db.select().from(lessonReminders).where(eq(lessonReminders.schoolId, s.school.id));
    expect(await claims()).toHaveLength(0);

    expect(await h.scanner.scanReminders()).toBe(10);
    expect(await h.scanner.scanReminders()).toBe(0);
    expect(await claims()).toHaveLength(30);
    expect(await h.send()).toHaveLength(10);
  });
});
