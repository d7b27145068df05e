import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxHealth } from '../domain/operations/types.js';

/** Facts read when Prometheus scrapes, rather than counted as they happen. */
export interface ScrapeSources {
  outbox?: () => Promise<OutboxHealth>;
  /** Job counts per queue and state (BullMQ's getJobCounts). */
  queues?: () => Promise<Record<string, Record<string, number>>>;
  /** When the last backup that succeeded finished; null when there is none. */
  lastBackupAt?: () => Promise<Date | null>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LOOP_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The process's Prometheus metrics. Labels are kinds, routes, channels and outcomes: never a
 * user, chat, school or notice id (an id per label value would grow without bound and would
 * put personal identifiers into the monitoring system).
 */
export function createMetrics(opts: { sources?: ScrapeSources; role: string; defaultMetrics?: boolean }) {
  const registry = new Registry();
  registry.setDefaultLabels({ role: opts.role });
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const sources = opts.sources ?? {};
  const errors = new Counter({
    name: 'sj_metrics_source_errors_total',
    help: 'Scrape-time sources that failed (database or Redis unreachable)',
    labelNames: ['source'],
    registers: [registry],
  });
  // A failing source leaves its gauges out of this scrape instead of failing the whole scrape.
  const read = async <T>(name: string, fn: (() => Promise<T>) | undefined, use: (value: T) => void) => {
    if (!fn) return;
    try {
      use(await fn());
    } catch {
      errors.inc({ source: name });
    }
  };

  const metrics = {
    registry,
    httpRequests: new Counter({
      name: 'sj_http_requests_total',
      help: 'HTTP requests by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'sj_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and method',
      labelNames: ['route', 'method'],
      buckets: SECONDS,
      registers: [registry],
    }),
    botUpdates: new Counter({
      name: 'sj_bot_updates_total',
      help: 'Bot updates handled, by kind and outcome',
      labelNames: ['messenger', 'kind', 'outcome'],
      registers: [registry],
    }),
    botDuration: new Histogram({
      name: 'sj_bot_update_duration_seconds',
      help: 'Time to handle one bot update, by kind',
      labelNames: ['messenger', 'kind'],
      buckets: SECONDS,
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'sj_deliveries_total',
      help: 'Delivery attempts by channel and outcome (sent, skipped, failed, retry, rate_limited, chat_busy)',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    loopDuration: new Histogram({
      name: 'sj_loop_duration_seconds',
      help: 'Duration of one pass of a background loop (outbox relay, compliance scan)',
      labelNames: ['loop'],
      buckets: LOOP_SECONDS,
      registers: [registry],
    }),
    loopFailures: new Counter({
      name: 'sj_loop_failures_total',
      help: 'Passes of a background loop that failed',
      labelNames: ['loop'],
      registers: [registry],
    }),
    backups: new Counter({
      name: 'sj_backups_total',
      help: 'Scheduled backups taken by this process, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };

  // prom-client collects every metric of a scrape at once: the two outbox gauges share one read.
  // render() forgets the read before each scrape.
  let outboxRead: Promise<OutboxHealth> | null = null;
  const outbox = sources.outbox && (() => (outboxRead ??= sources.outbox!()));
  new Gauge({
    name: 'sj_outbox_rows',
    help: 'Outbox rows still waiting, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      await read('outbox', outbox, (h) => {
        this.set({ status: 'pending' }, h.pending);
        this.set({ status: 'queued' }, h.queued);
      });
    },
  });
  new Gauge({
    name: 'sj_outbox_oldest_due_pending_seconds',
    help: 'How long the oldest due, still pending notice has waited (0: none)',
    registers: [registry],
    async collect() {
      await read('outbox', outbox, (h) =>
        this.set(h.oldestDuePendingAt ? Math.max(0, (Date.now() - h.oldestDuePendingAt.getTime()) / 1000) : 0),
      );
    },
  });
  new Gauge({
    name: 'sj_queue_jobs',
    help: 'BullMQ jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      await read('queues', sources.queues, (byQueue) => {
        this.reset();
        for (const [queue, counts] of Object.entries(byQueue))
          for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
      });
    },
  });
  new Gauge({
    name: 'sj_backup_age_seconds',
    help: 'Seconds since the last successful backup finished (-1: no backup yet)',
    registers: [registry],
    async collect() {
      await read('backups', sources.lastBackupAt, (at) => this.set(at ? (Date.now() - at.getTime()) / 1000 : -1));
    },
  });

  return {
    ...metrics,
    contentType: registry.contentType,
    render: () => {
      outboxRead = null;
      return registry.metrics();
    },
    // Plain callbacks for the layers that must not import this module (app.ts hands them over).
    observeRequest(route: string, method: string, status: number, seconds: number) {
      metrics.httpRequests.inc({ route, method, status });
      metrics.httpDuration.observe({ route, method }, seconds);
    },
    observeUpdate(messenger: string) {
      return (kind: string, ok: boolean, seconds: number) => {
        metrics.botUpdates.inc({ messenger, kind, outcome: ok ? 'ok' : 'error' });
        metrics.botDuration.observe({ messenger, kind }, seconds);
      };
    },
    observeDelivery(channel: string, outcome: string) {
      metrics.deliveries.inc({ channel, outcome });
    },
    observeLoop(loop: string) {
      return (seconds: number, ok: boolean) => {
        metrics.loopDuration.observe({ loop }, seconds);
        if (!ok) metrics.loopFailures.inc({ loop });
      };
    },
    observeBackup(outcome: 'ok' | 'failed') {
      metrics.backups.inc({ outcome });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
