import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { consents, deliveryAttempts, maxLinks, notifications, users } from '../../src/db/schema/index.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { seeder } from '../helpers/seed.js';
import { eventually, mark, notificationFixture } from './harness.js';
import { dropTelegram, linkInMax, maxDeliveryHarness } from './max-harness.js';

const MIN = 60_000;
type H = Awaited<ReturnType<typeof maxDeliveryHarness>>;

async function rowOf(h: H, parentId: number) {
  const [row] = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, parentId));
  return row!;
}
async function outcomesOf(h: H, parentId: number) {
  const row = await rowOf(h, parentId);
  const rows = await h.app.db.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.notificationId, row.id));
  return rows.map((a) => `${a.channel}:${a.outcome}`);
}

/** A MAX-only parent (linked in MAX, no Telegram) of a child marked absent; the notice is due. */
async function maxParentAbsent(h: H, options: { email?: string } = {}) {
  const f = await notificationFixture(h.app, { email: options.email });
  await dropTelegram(h.app, f.parent.id);
  const person = await linkInMax(h.app, h.standIn, f.parent.id, new Date('2026-11-20T10:00:00Z'));
  h.startWorker();
  await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
  h.clock.advance(6 * MIN);
  await h.relay.tick();
  return { f, person };
}

describe('MAX as a notification channel (against the stand-in)', () => {
  let h: H;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | null = null;
  afterEach(async () => {
    await h?.close();
    await smtp?.close();
    smtp = null;
  });

  it('delivers an absence notice with its reply buttons to a MAX-linked parent, and edits it for a second absence', async () => {
    h = await maxDeliveryHarness();
    const { f, person } = await maxParentAbsent(h);
    await eventually(async () => (await rowOf(h, f.parent.id)).status === 'sent');
    const sent = person.messages();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.format).toBe('html');
    expect(sent[0]!.text).toContain('Соколова Анна');
    expect(sent[0]!.text).toContain('2-й урок, Алгебра');
    const payloads = sent[0]!.buttons.flat().map((b) => b.payload ?? '');
    expect(payloads.length).toBeGreaterThan(0);
    expect(payloads.every((p) => p.length > 0 && p.length <= 64)).toBe(true);
    const row = await rowOf(h, f.parent.id);
    expect(row.channel).toBe('max');
    expect(row.maxMessageId).toBe(sent[0]!.mid);
    expect(h.telegram.calls).toHaveLength(0);

    // The same child misses the next lesson: the MAX message is edited, not a second one sent.
    await mark(h.app, f.lessons[1]!, f.student.id, 'absent');
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(() => person.messages()[0]!.history.length === 1);
    expect(person.messages()).toHaveLength(1);
    expect(person.messages()[0]!.text).toContain('3-й урок, Алгебра');
    expect(person.messages()[0]!.buttons.flat().length).toBeGreaterThan(0);
  });

  it('a parent linked in both gets one notice: in the messenger linked last, or the one chosen in settings', async () => {
    h = await maxDeliveryHarness();
    const f = await notificationFixture(h.app);
    // Telegram linked on the 10th, MAX on the 20th: MAX is the one linked last.
    await h.app.db.db
      .update(users)
      .set({ linkedAt: new Date('2026-11-10T10:00:00Z') })
      .where(eq(users.id, f.parent.id));
    const person = await linkInMax(h.app, h.standIn, f.parent.id, new Date('2026-11-20T10:00:00Z'));
    h.startWorker();
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(async () => (await rowOf(h, f.parent.id)).status === 'sent');
    expect(person.messages()).toHaveLength(1);
    expect(h.telegram.calls).toHaveLength(0);

    // Chosen in settings: Telegram. A new notice (another day) goes there only.
    await h.app.db.db.update(users).set({ preferredMessenger: 'telegram' }).where(eq(users.id, f.parent.id));
    const seed = seeder(h.app, f.school.id);
    const next = await seed.lesson(f.course, '2026-11-24', '09:00', { period: 1 });
    h.clock.set('2026-11-24T07:00:00Z');
    await mark(h.app, next, f.student.id, 'absent');
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(() => h.telegram.calls.length === 1);
    const rows = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id));
    await eventually(async () => (await h.app.db.db.select().from(notifications).where(eq(notifications.status, 'sent'))).length === 2);
    expect(rows).toHaveLength(2);
    expect(person.messages()).toHaveLength(1);
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    h = await maxDeliveryHarness();
    h.standIn.serverError(2, 502);
    const { f, person } = await maxParentAbsent(h);
    await eventually(async () => (await rowOf(h, f.parent.id)).status === 'sent');
    expect(await outcomesOf(h, f.parent.id)).toEqual(['max:transient', 'max:transient', 'max:sent']);
    expect(person.messages()).toHaveLength(1);
  });

  it('on a blocked chat marks the MAX link blocked and falls back to e-mail', async () => {
    smtp = await startSmtpSink();
    h = await maxDeliveryHarness({ smtpUrl: smtp.url });
    const f = await notificationFixture(h.app, { email: 'parent@example.org' });
    await dropTelegram(h.app, f.parent.id);
    const person = await linkInMax(h.app, h.standIn, f.parent.id, new Date('2026-11-20T10:00:00Z'));
    person.block();
    h.startWorker();
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(() => smtp!.received.length === 1);
    expect(smtp.received[0]!.subject).toBe('Отсутствие: Соколова Анна, 23 ноября');
    await eventually(async () => (await rowOf(h, f.parent.id)).status === 'sent');
    expect((await rowOf(h, f.parent.id)).channel).toBe('email');
    expect(await outcomesOf(h, f.parent.id)).toEqual(['max:unreachable', 'email:sent']);
    const [link] = await h.app.db.db.select().from(maxLinks).where(eq(maxLinks.userId, f.parent.id));
    expect(link!.status).toBe('blocked');
    expect(person.messages()).toHaveLength(0);
  });

  it('on 429 pauses MAX sends (every worker waits the pause out) and sends after it', async () => {
    h = await maxDeliveryHarness();
    h.standIn.rateLimit(1);
    const { f, person } = await maxParentAbsent(h);
    await eventually(async () => (await rowOf(h, f.parent.id)).status === 'sent');
    expect(await outcomesOf(h, f.parent.id)).toEqual(['max:rate_limited', 'max:sent']);
    expect(person.messages()).toHaveLength(1);
    expect(h.standIn.calls.filter((c) => c.path === '/messages').map((c) => c.status)).toEqual([429, 200]);
    // A slot is granted only once the pause is over, whatever process asks.
    await h.pauseMax(300);
    await h.acquireMaxSlot();
    expect(await h.redis.pttl(`${h.prefix}:max:paused`)).toBeLessThan(0);
  });

  it('paces a burst of notices below MAX’s rate limit: none meets a 429', async () => {
    // The stand-in refuses past 8 a second while the queue's own limiter lets 25 through: only MAX's pacer (6) keeps it under.
    h = await maxDeliveryHarness({ maxRate: 6, standInRate: 8 });
    const f = await notificationFixture(h.app);
    await dropTelegram(h.app, f.parent.id);
    const seed = seeder(h.app, f.school.id);
    const linkedAt = new Date('2026-11-20T10:00:00Z');
    const absent: number[] = [];
    for (let i = 0; i < 40; i++) {
      const student = await seed.student(f.group.id, { lastName: `Ученик${i}`, firstName: 'Тест' });
      const parent = await seed.user(['parent']);
      await seed.guardian(parent.id, student.id);
      await h.app.db.db.insert(consents).values({ parentId: parent.id, version: '1', via: 'bot' });
      await linkInMax(h.app, h.standIn, parent.id, linkedAt);
      absent.push(student.id);
    }
    const lesson = f.lessons[0]!;
    const teacher = { kind: 'user' as const, userId: lesson.teacherId, schoolId: lesson.schoolId, roles: ['teacher' as const] };
    await h.app.services.journal.saveAttendance(teacher, lesson.id, {
      marks: absent.map((studentId) => ({ studentId, status: 'absent' as const })),
    });
    h.startWorker();
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(
      async () => (await h.app.db.db.select().from(notifications).where(eq(notifications.status, 'sent'))).length === 40,
      30_000,
    );
    const sends = h.standIn.calls.filter((c) => c.path === '/messages');
    expect(sends.filter((c) => c.status === 429)).toHaveLength(0);
    expect(sends.filter((c) => c.status === 200)).toHaveLength(40);
  }, 90_000);
});
