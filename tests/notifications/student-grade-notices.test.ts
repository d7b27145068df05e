import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { consents, groups, notifications, preferences, students, users } from '../../src/db/schema/index.js';
import { YEAR_2026 } from '../year/fixtures.js';
import { manualClock } from '../helpers/app.js';
import { deliveryHarness, eventually, notificationFixture } from './harness.js';

type Harness = Awaited<ReturnType<typeof deliveryHarness>>;
type Fixture = Awaited<ReturnType<typeof notificationFixture>>;

/** The fixture's pupil gets a linked student account (chat 70000 + id) with a birth date and, optionally, their own consent. */
async function studentAccount(h: Harness, f: Fixture, birthDate: string | null, ownConsent: boolean) {
  await h.app.db.db.update(students).set({ birthDate }).where(eq(students.id, f.student.id));
  const [u] = await h.app.db.db
    .insert(users)
    .values({ schoolId: f.school.id, roles: ['student'], lastName: 'Соколова', firstName: 'Анна', studentId: f.student.id })
    .returning();
  const chatId = 70_000 + u!.id;
  await h.app.db.db
    .update(users)
    .set({ telegramUserId: chatId, telegramChatId: chatId, telegramStatus: 'active' })
    .where(eq(users.id, u!.id));
  if (ownConsent) await h.app.db.db.insert(consents).values({ parentId: u!.id, version: '2026-11', via: 'bot' });
  return { id: u!.id, chatId };
}

async function grade(h: Harness, f: Fixture, value: string, extra: { kind?: 'term'; term?: number } = {}) {
  const lesson = f.lessons[0]!;
  const teacher = { kind: 'user' as const, userId: lesson.teacherId, schoolId: lesson.schoolId, roles: ['teacher' as const] };
  await h.app.services.journal.addGrades(teacher, lesson.id, [{ studentId: f.student.id, value, ...extra }]);
}

const rowsOf = (h: Harness, userId: number) => h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, userId));

describe('grade notices to the student', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('a 15-year-old with their own consent gets the grade at once, and the parent still does', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') }); // 11:00 in Moscow
    const f = await notificationFixture(h.app);
    const s = await studentAccount(h, f, '2011-03-01', true);
    h.startWorker();
    await grade(h, f, '5');
    expect(await h.relay.tick()).toBe(2);
    await eventually(() => h.telegram.calls.length === 2);
    const byChat = new Map(h.telegram.calls.map((c) => [c.chatId, c.text]));
    expect(byChat.get(s.chatId)).toContain('Алгебра: <b>5</b>');
    expect(byChat.get(50_000 + f.parent.id)).toContain('Алгебра: <b>5</b>');
  });

  it("the student's digest setting collects the day's grades; off writes nothing for them", async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') });
    const f = await notificationFixture(h.app);
    const s = await studentAccount(h, f, '2011-03-01', true);
    await h.app.db.db.insert(preferences).values({ userId: s.id, grades: 'digest', digestTime: '18:00' });
    h.startWorker();
    await grade(h, f, '4');
    await grade(h, f, '3');
    const rows = await rowsOf(h, s.id);
    expect(rows.map((r) => r.kind)).toEqual(['grade_digest']);
    expect(rows[0]!.notBefore.toISOString()).toBe('2026-11-23T15:00:00.000Z');
    h.clock.set('2026-11-23T15:00:00Z');
    await h.relay.tick();
    await eventually(() => h.telegram.calls.some((c) => c.chatId === s.chatId));
    const text = h.telegram.calls.find((c) => c.chatId === s.chatId)!.text;
    expect(text.match(/Алгебра: <b>\d<\/b>/g)).toEqual(['Алгебра: <b>4</b>', 'Алгебра: <b>3</b>']);

    await h.app.db.db.update(preferences).set({ grades: 'off' }).where(eq(preferences.userId, s.id));
    await grade(h, f, '5');
    expect(await rowsOf(h, s.id)).toHaveLength(1);
  });

  it('an under-14 hears only while a guardian consents; without a birth date the same', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') });
    const f = await notificationFixture(h.app);
    const s = await studentAccount(h, f, '2015-05-01', false);
    await grade(h, f, '5');
    expect(await rowsOf(h, s.id)).toHaveLength(1); // the fixture's parent has consented
    await h.app.db.db.update(consents).set({ withdrawnAt: new Date() }).where(eq(consents.parentId, f.parent.id));
    await grade(h, f, '4');
    expect(await rowsOf(h, s.id)).toHaveLength(1);
    // A row written while consent held is dropped at send time once it is withdrawn.
    h.startWorker();
    await h.relay.tick();
    await eventually(async () => (await rowsOf(h, s.id))[0]!.status === 'cancelled');
    expect(h.telegram.calls.filter((c) => c.chatId === s.chatId)).toHaveLength(0);

    await h.app.db.db.update(students).set({ birthDate: null }).where(eq(students.id, f.student.id));
    await h.app.db.db.insert(consents).values({ parentId: s.id, version: '2026-11', via: 'bot' }); // their own does not count under 14
    await grade(h, f, '3');
    expect(await rowsOf(h, s.id)).toHaveLength(1);
  });

  it('a term grade reaches the student as the result of the quarter', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-12-25T08:00:00Z') });
    const f = await notificationFixture(h.app, { date: '2026-12-25' });
    await h.app.db.db.update(groups).set({ gradeLevel: 7 }).where(eq(groups.id, f.group.id));
    await h.app.services.year.loadPeriods({ kind: 'api', schoolId: f.school.id }, f.school.id, YEAR_2026);
    const s = await studentAccount(h, f, '2011-03-01', true);
    h.startWorker();
    await grade(h, f, '4', { kind: 'term', term: 2 });
    const [row] = await rowsOf(h, s.id);
    expect(row!.deadline!.getTime()).toBeLessThanOrEqual(h.clock.now().getTime() + 24 * 60 * 60_000);
    await h.relay.tick();
    await eventually(() => h.telegram.calls.some((c) => c.chatId === s.chatId));
    expect(h.telegram.calls.find((c) => c.chatId === s.chatId)!.text).toBe(
      'Итоговая отметка: <b>Соколова Анна</b>, 25 декабря\nАлгебра — итоговая за 2-ю четверть: <b>4</b>',
    );
  });

  it('a withdrawn student hears nothing more: their account ends with the enrollment', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T08:00:00Z') });
    const f = await notificationFixture(h.app);
    const s = await studentAccount(h, f, '2011-03-01', true);
    await h.app.services.movement.withdraw({ kind: 'api', schoolId: f.school.id }, f.school.id, f.student.id, {
      date: '2026-11-23',
      reason: 'переезд',
    });
    const [u] = await h.app.db.db.select().from(users).where(eq(users.id, s.id));
    expect(u!.active).toBe(false);
    expect(await h.app.services.access.identify(s.chatId)).toEqual([]);
  });
});
