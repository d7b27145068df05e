import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryAttempts, notifications, users } from '../../src/db/schema/index.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { deliveryHarness, eventually, mark, notificationFixture } from './harness.js';

const MIN = 60_000;

async function statusOf(h: Awaited<ReturnType<typeof deliveryHarness>>, parentId: number) {
  const [row] = await h.app.db.db.select().from(notifications).where(eq(notifications.recipientId, parentId));
  return row!;
}

/** A worker runs, the child is marked absent, and the grace period is over: the notice is queued. */
async function absentAndDue(h: Awaited<ReturnType<typeof deliveryHarness>>, f: Awaited<ReturnType<typeof notificationFixture>>) {
  h.startWorker();
  await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
  h.clock.advance(6 * MIN);
  await h.relay.tick();
}

/** The recorded outcome of every delivery attempt of the parent's notice, in order. */
async function outcomesOf(h: Awaited<ReturnType<typeof deliveryHarness>>, parentId: number) {
  const row = await statusOf(h, parentId);
  const attempts = await h.app.db.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.notificationId, row.id));
  return attempts.map((a) => a.outcome);
}

describe('delivery faults', () => {
  let h: Awaited<ReturnType<typeof deliveryHarness>>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>> | null = null;
  afterEach(async () => {
    await h?.close();
    await smtp?.close();
    smtp = null;
  });

  it('on 403 marks the chat blocked and sends the notice by e-mail, readable in Russian', async () => {
    smtp = await startSmtpSink();
    h = await deliveryHarness({
      smtpUrl: smtp.url,
      respond: (method) =>
        method === 'sendMessage' ? { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } : null,
    });
    const f = await notificationFixture(h.app, { email: 'parent@example.org' });
    await absentAndDue(h, f);
    await eventually(() => smtp!.received.length === 1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe('Отсутствие: Соколова Анна, 23 ноября');
    expect(mail.text).toContain('2-й урок, Алгебра — н — отсутствие');
    await eventually(async () => (await statusOf(h, f.parent.id)).status === 'sent');
    expect((await statusOf(h, f.parent.id)).channel).toBe('email');
    const [parent] = await h.app.db.db.select().from(users).where(eq(users.id, f.parent.id));
    expect(parent!.telegramStatus).toBe('blocked');
  });

  it('on 403 without an e-mail address ends as failed, with the attempt recorded', async () => {
    h = await deliveryHarness({
      respond: () => ({ ok: false, error_code: 403, description: 'Forbidden: user is deactivated' }),
    });
    const f = await notificationFixture(h.app, { email: null });
    await absentAndDue(h, f);
    await eventually(async () => (await statusOf(h, f.parent.id)).status === 'failed');
    expect((await statusOf(h, f.parent.id)).lastError).toMatch(/no channel/);
    expect(await outcomesOf(h, f.parent.id)).toEqual(['unreachable']);
  });

  it('retries 5xx with backoff and then succeeds', async () => {
    let failures = 2;
    h = await deliveryHarness({
      respond: () => (failures-- > 0 ? { ok: false, error_code: 502, description: 'Bad Gateway' } : null),
    });
    const f = await notificationFixture(h.app);
    await absentAndDue(h, f);
    await eventually(async () => (await statusOf(h, f.parent.id)).status === 'sent');
    expect(await outcomesOf(h, f.parent.id)).toEqual(['transient', 'transient', 'sent']);
    expect(h.telegram.calls).toHaveLength(1);
  });

  it('gives up after the last attempt and records the failure', async () => {
    h = await deliveryHarness({ attempts: 3, respond: () => ({ ok: false, error_code: 500, description: 'Internal Server Error' }) });
    const f = await notificationFixture(h.app);
    await absentAndDue(h, f);
    await eventually(async () => (await statusOf(h, f.parent.id)).status === 'failed');
    expect((await statusOf(h, f.parent.id)).lastError).toMatch(/gave up: Internal Server Error/);
  });

  it('on 429 pauses for retry_after and then sends', async () => {
    let limited = true;
    h = await deliveryHarness({
      respond: () => {
        if (!limited) return null;
        limited = false;
        return { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
      },
    });
    const f = await notificationFixture(h.app);
    await absentAndDue(h, f);
    await eventually(async () => (await statusOf(h, f.parent.id)).status === 'sent');
    expect(await outcomesOf(h, f.parent.id)).toEqual(['rate_limited', 'sent']);
    expect(h.telegram.calls).toHaveLength(1);
  });
});
