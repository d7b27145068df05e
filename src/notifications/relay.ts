import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { noticePriority } from '../domain/outbox/priority.js';
import { DEADLINE_MARGIN_MS } from '../domain/outbox/scheduling.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import { createTickLoop } from '../tick-loop.js';
import { deliveryJobId, type DeliveryJob } from './queue.js';

export interface RelayDeps {
  /** Told of each pass's duration and success (metrics). */
  observePass?: (seconds: number, ok: boolean) => void;
  uow: UnitOfWork;
  clock: Clock;
  queue: Queue<DeliveryJob>;
  logger: Logger;
  batchSize?: number;
  /** Time between passes of the loop `start()` runs. */
  intervalMs?: number;
}

/** How often the relay hurries rows near their deadline and looks for queued rows whose job is gone. */
const SWEEP_EVERY_MS = 20_000;
/** A row queued this long ago must still have its job; together with the sweep, a lost job is found within a minute. */
const LOST_AFTER_MS = 30_000;
/** Job look-ups sent to Redis at once (one pipeline of HGETALLs). */
const LOOKUP_CHUNK = 500;

/**
 * Moves due outbox rows to the delivery queue. PostgreSQL stays the source of truth: if
 * Redis is down the rows simply stay pending, and every process may run a relay because the
 * job id makes a second enqueue of the same version a no-op.
 */
export function createRelay(deps: RelayDeps) {
  const repos = deps.uow.repos;
  const batch = deps.batchSize ?? 1000;
  let lastSweep = 0;
  let installation: string | null = null;
  const jobIds = async () => {
    installation ??= await repos.notifications.installationId();
    const id = installation;
    return (r: { id: number; version: number }) => deliveryJobId(id, r.id, r.version);
  };

  /**
   * A queued row whose job is missing (Redis lost it) or finished without recording an
   * outcome (a job of the same id from before a database restore) goes back to pending, and
   * its finished job is removed so that the same id can be queued again.
   */
  async function recoverLostJobs(now: Date): Promise<number> {
    const queued = await repos.notifications.queuedBefore(new Date(now.getTime() - LOST_AFTER_MS));
    const jobId = await jobIds();
    let recovered = 0;
    for (let i = 0; i < queued.length; i += LOOKUP_CHUNK) {
      const chunk = queued.slice(i, i + LOOKUP_CHUNK);
      const lost = (
        await Promise.all(
          chunk.map(async (r) => {
            const job = await deps.queue.getJob(jobId(r));
            if (job?.finishedOn) await job.remove();
            return !job || job.finishedOn ? r : null;
          }),
        )
      ).filter((r) => r !== null);
      await repos.notifications.backToPending(lost);
      recovered += lost.length;
    }
    if (recovered) deps.logger.warn({ recovered }, 'queued notices had lost their jobs; queued again');
    return recovered;
  }

  async function tick(): Promise<number> {
    const now = deps.clock.now();
    if (now.getTime() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = now.getTime();
      await repos.notifications.hurryNearDeadline(now, new Date(now.getTime() + DEADLINE_MARGIN_MS));
      await recoverLostJobs(now);
    }
    const jobId = await jobIds();
    let moved = 0;
    for (;;) {
      const due = await repos.notifications.due(deps.clock.now(), batch);
      if (!due.length) break;
      // The job carries ids only; the priority puts absences ahead of a backlog of grades.
      await deps.queue.addBulk(
        due.map((r) => ({
          name: 'deliver',
          data: { id: r.id, version: r.version },
          opts: { jobId: jobId(r), priority: noticePriority(r) },
        })),
      );
      await repos.notifications.markQueued(due, deps.clock.now());
      moved += due.length;
      if (due.length < batch) break;
    }
    return moved;
  }

  const loop = createTickLoop({
    run: tick,
    intervalMs: deps.intervalMs ?? 1000,
    observePass: deps.observePass,
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
