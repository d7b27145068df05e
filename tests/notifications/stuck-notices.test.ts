import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema/index.js';
import { deliveryHarness, eventually, mark, notificationFixture } from './harness.js';

const MIN = 60_000;
type Harness = Awaited<ReturnType<typeof deliveryHarness>>;

async function absenceRow(h: Harness, parentId: number) {
  const [row] = await h.app.db.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, parentId), eq(notifications.kind, 'absence')));
  return row!;
}

describe('notices that never get stuck', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0).reverse()) await h.close();
  });

  /** A harness with one absence notice due (its grace period over), on a Redis prefix of its own or the one given. */
  async function absenceDue(prefix?: string) {
    const h = await deliveryHarness({ prefix });
    open.push(h);
    const f = await notificationFixture(h.app);
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    h.clock.advance(6 * MIN);
    return { h, f };
  }

  it('a database created again under the same Redis prefix still gets its notices out', async () => {
    const { h: first, f: f1 } = await absenceDue();
    const worker = first.startWorker();
    await first.relay.tick();
    await eventually(async () => (await absenceRow(first, f1.parent.id)).status === 'sent');
    await worker.close();

    // A new database (outbox ids start again) while Redis keeps the first one's finished jobs.
    const { h: second, f: f2 } = await absenceDue(first.prefix);
    expect((await absenceRow(second, f2.parent.id)).id).toBe((await absenceRow(first, f1.parent.id)).id);
    second.startWorker();
    await second.relay.tick();
    await eventually(async () => (await absenceRow(second, f2.parent.id)).status === 'sent');
    expect(second.telegram.calls).toHaveLength(1);
  });

  it('queues again within a minute a queued row whose job is missing', async () => {
    const { h, f } = await absenceDue();
    expect(await h.relay.tick()).toBe(1);
    // Redis lost the job (flushed, failed over without persistence); the row still says queued.
    await h.queue.obliterate({ force: true });
    h.clock.advance(MIN);
    expect(await h.relay.tick()).toBe(1);
    h.startWorker();
    await eventually(async () => (await absenceRow(h, f.parent.id)).status === 'sent');
    expect(h.telegram.calls).toHaveLength(1);
  });

  it('queues again a queued row whose job finished without recording an outcome (a restored database)', async () => {
    const { h, f } = await absenceDue();
    const worker = h.startWorker();
    await h.relay.tick();
    await eventually(async () => (await absenceRow(h, f.parent.id)).status === 'sent');
    await worker.close();
    // The database is restored to a moment when the row was queued; its job already completed.
    const row = await absenceRow(h, f.parent.id);
    await h.app.db.db
      .update(notifications)
      .set({ status: 'queued', sentAt: null, updatedAt: h.clock.now() })
      .where(eq(notifications.id, row.id));
    h.clock.advance(MIN);
    expect(await h.relay.tick()).toBe(1);
    h.startWorker();
    await eventually(async () => (await absenceRow(h, f.parent.id)).status === 'sent');
    expect(h.telegram.calls).toHaveLength(2);
  });

  it('leaves alone a queued row whose job is still waiting', async () => {
    const { h, f } = await absenceDue();
    await h.relay.tick();
    h.clock.advance(MIN);
    expect(await h.relay.tick()).toBe(0);
    expect((await absenceRow(h, f.parent.id)).status).toBe('queued');
    expect(await h.queue.getPrioritizedCount()).toBe(1);
  });
});
