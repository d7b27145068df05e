import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import { deliveryJobId, type DeliveryJob } from './queue.js';

export interface RelayDeps {
  uow: UnitOfWork;
  clock: Clock;
  queue: Queue<DeliveryJob>;
  logger: Logger;
  batchSize?: number;
  /** Rows queued this long ago without an outcome are queued again (their job may be gone). */
  staleAfterMs?: number;
}

/**
 * Moves due outbox rows to the delivery queue. PostgreSQL stays the source of truth: if
 * Redis is down the rows simply stay pending, and every process may run a relay because the
 * job id makes a second enqueue of the same version a no-op.
 */
export function createRelay(deps: RelayDeps) {
  const repos = deps.uow.repos;
  const batch = deps.batchSize ?? 1000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let lastSweep = 0;

  async function tick(): Promise<number> {
    const now = deps.clock.now();
    if (now.getTime() - lastSweep > 30_000) {
      lastSweep = now.getTime();
      await repos.notifications.hurryNearDeadline(now, new Date(now.getTime() + 30 * 60_000));
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

  return {
    /** One pass; returns how many rows were queued. */
    tick: () => {
      running ??= tick().finally(() => {
        running = null;
      });
      return running;
    },
    /** Queued rows go back to pending at once: used after Redis came back without its data. */
    async requeueAll(): Promise<number> {
      return repos.notifications.requeueStale(new Date(deps.clock.now().getTime() + 1000));
    },
    start(intervalMs = 1000) {
      const loop = async () => {
        try {
          await this.tick();
        } catch (err) {
          deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox relay pass failed; retrying');
        }
        timer = setTimeout(loop, intervalMs);
      };
      timer = setTimeout(loop, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export type Relay = ReturnType<typeof createRelay>;
