import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { DEADLINE_MARGIN_MS } from '../domain/outbox/scheduling.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import { createTickLoop } from '../tick-loop.js';
import { deliveryJobId, type DeliveryJob } from './queue.js';

export interface RelayDeps {
  uow: UnitOfWork;
  clock: Clock;
  queue: Queue<DeliveryJob>;
  logger: Logger;
  batchSize?: number;
  /** Rows queued this long ago without an outcome are queued again (their job may be gone). */
  staleAfterMs?: number;
  /** Time between passes of the loop `start()` runs. */
  intervalMs?: number;
}

/**
 * Moves due outbox rows to the delivery queue. PostgreSQL stays the source of truth: if
 * Redis is down the rows simply stay pending, and every process may run a relay because the
 * job id makes a second enqueue of the same version a no-op.
 */
export function createRelay(deps: RelayDeps) {
  const repos = deps.uow.repos;
  const batch = deps.batchSize ?? 1000;
  let lastSweep = 0;

  async function tick(): Promise<number> {
    const now = deps.clock.now();
    if (now.getTime() - lastSweep > 30_000) {
      lastSweep = now.getTime();
      await repos.notifications.hurryNearDeadline(now, new Date(now.getTime() + DEADLINE_MARGIN_MS));
      await repos.notifications.requeueStale(new Date(now.getTime() - (deps.staleAfterMs ?? 15 * 60_000)));
    }
    let moved = 0;
    for (;;) {
      const due = await repos.notifications.due(deps.clock.now(), batch);
      if (!due.length) break;
      await deps.queue.addBulk(due.map((r) => ({ name: 'deliver', data: r, opts: { jobId: deliveryJobId(r.id, r.version) } })));
      await repos.notifications.markQueued(due, deps.clock.now());
      moved += due.length;
      if (due.length < batch) break;
    }
    return moved;
  }

  const loop = createTickLoop({
    run: tick,
    intervalMs: deps.intervalMs ?? 1000,
    onError: (err) => deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox relay pass failed; retrying'),
  });

  return {
    /** One pass; returns how many rows were queued. */
    tick: loop.tick,
    /** Queued rows go back to pending at once: used after Redis came back without its data. */
    async requeueAll(): Promise<number> {
      return repos.notifications.requeueStale(new Date(deps.clock.now().getTime() + 1000));
    },
    start: loop.start,
    stop: loop.stop,
  };
}

export type Relay = ReturnType<typeof createRelay>;
