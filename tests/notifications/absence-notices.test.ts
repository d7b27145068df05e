import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { consents, notifications } from '../../src/db/schema/index.js';
import { manualClock } from '../helpers/app.js';
import { deliveryHarness, eventually, mark, notificationFixture } from './harness.js';

const MIN = 60_000;

describe('absence notices', () => {
  let h: Awaited<ReturnType<typeof deliveryHarness>>;
  afterEach(() => h?.close());

  it('waits for the grace period, then sends one message that is edited for the next absence', async () => {
    h = await deliveryHarness({ clock: manualClock('2026-11-23T07:00:00Z') });
    const f = await notificationFixture(h.app);
    h.startWorker();

    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    expect(await h.relay.tick()).toBe(0); // still inside the 5-minute grace period
    h.clock.advance(5 * MIN);
    expect(await h.relay.tick()).toBe(1);
    await eventually(() => h.telegram.calls.length === 1);
    expect(h.telegram.calls[0]).toMatchObject({ method: 'sendMessage', chatId: 50_000 + f.parent.id });
    expect(h.telegram.calls[0]!.text).toContain('Соколова Анна');
    expect(h.telegram.calls[0]!.text).toContain('2-й урок, Алгебра — н');

    // A second absence the same day edits the same message instead of sending another one.
    await mark(h.app, f.lessons[1]!, f.student.id, 'absent');
    h.clock.advance(5 * MIN);
    await h.relay.tick();
    await eventually(() => h.telegram.calls.length === 2);
    expect(h.telegram.calls[1]).toMatchObject({ method: 'editMessageText', messageId: h.telegram.calls[0]!.messageId });
    expect(h.telegram.calls[1]!.text).toContain('3-й урок, Алгебра — н');
    // The row is marked after the call returns: wait for it rather than race it.
    await eventually(async () => {
      const rows = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id));
      return rows.length === 1 && rows[0]!.status === 'sent';
    });
  });

  it('sends nothing when the mark is corrected within the grace period', async () => {
    h = await deliveryHarness();
    const f = await notificationFixture(h.app);
    h.startWorker();
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    h.clock.advance(2 * MIN);
    await mark(h.app, f.lessons[0]!, f.student.id, 'present');
    h.clock.advance(10 * MIN);
    expect(await h.relay.tick()).toBe(1);
    const [row] = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id));
    await eventually(async () => {
      const [r] = await h.app.db.db.select().from(notifications).where(eq(notifications.id, row!.id));
      return r!.status === 'skipped';
    });
    expect(h.telegram.calls).toHaveLength(0);
  });

  it('sends a short correction when the mark is corrected after the notice went out', async () => {
    h = await deliveryHarness();
    const f = await notificationFixture(h.app);
    h.startWorker();
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(() => h.telegram.calls.length === 1);
    await mark(h.app, f.lessons[0]!, f.student.id, 'present');
    h.clock.advance(6 * MIN);
    await h.relay.tick();
    await eventually(() => h.telegram.calls.length === 2);
    expect(h.telegram.calls[1]!.method).toBe('sendMessage');
    expect(h.telegram.calls[1]!.text).toContain('Исправление');
  });

  it('tells nobody without consent', async () => {
    h = await deliveryHarness();
    const f = await notificationFixture(h.app);
    await h.app.db.db.update(consents).set({ withdrawnAt: new Date() }).where(eq(consents.parentId, f.parent.id));
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    const rows = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, f.parent.id));
    expect(rows).toHaveLength(0);
  });
});
