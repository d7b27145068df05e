import { afterEach, describe, expect, it } from 'vitest';
import { noticePriority } from '../../src/domain/outbox/priority.js';
import type { OutboxEntry } from '../../src/domain/outbox/types.js';
import { createSchool } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { deliveryHarness } from './harness.js';

describe('notice priorities', () => {
  it('ranks absences and the last reminder first, staff notices next, grades, digests and reports after', () => {
    const rank = (kind: string, payload: unknown = {}) => noticePriority({ kind, payload });
    expect(rank('absence')).toBe(rank('reminder', { point: 'before' }));
    expect(rank('absence')).toBeLessThan(rank('reminder', { point: 'after' }));
    expect(rank('reminder', { point: 'nudge' })).toBe(rank('escalation'));
    expect(rank('escalation')).toBeLessThan(rank('grade'));
    expect(rank('grade')).toBe(rank('grade_digest'));
    expect(rank('grade')).toBe(rank('report'));
  });

  let h: Awaited<ReturnType<typeof deliveryHarness>>;
  afterEach(async () => h?.close());

  it('an absence made due after a backlog of grades is the next job a worker takes', async () => {
    h = await deliveryHarness();
    const { school } = await createSchool(h.app);
    const parent = await seeder(h.app, school.id).user(['parent']);
    const now = h.clock.now();
    const entry = (kind: OutboxEntry['kind'], key: string, minutesAgo: number, payload: Record<string, unknown> = {}): OutboxEntry => ({
      schoolId: school.id,
      recipientId: parent.id,
      kind,
      dedupeKey: `prio:${key}`,
      payload: { kind, ...payload },
      notBefore: new Date(now.getTime() - minutesAgo * 60_000),
      deadline: null,
    });
    await h.app.services.uow.repos.notifications.upsert([
      ...Array.from({ length: 20 }, (_, i) => entry('grade', `g${i}`, 30, { gradeId: i + 1 })),
      entry('report', 'r', 20),
      entry('escalation', 'e', 10),
      entry('absence', 'a', 1, { studentId: 1, date: '2026-11-23' }),
    ]);
    expect(await h.relay.tick()).toBe(23);
    const order = await h.queue.getPrioritized(0, -1);
    const kinds = await Promise.all(order.map(async (job) => (await h.app.services.uow.repos.notifications.findById(job.data.id))!.kind));
    expect(kinds.slice(0, 2)).toEqual(['absence', 'escalation']);
    expect(new Set(kinds.slice(2))).toEqual(new Set(['grade', 'report']));
  });
});
