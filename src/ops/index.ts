import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMetrics, type ScrapeSources } from './metrics.js';
import { metricsExtension, startMetricsListener } from './metrics-endpoint.js';
import { queueDashboardExtension } from './queue-dashboard.js';

export { createMetrics, type Metrics } from './metrics.js';

export interface OpsDeps {
  role: string;
  /** The process's Redis connection; the queue handles share it. */
  redis: Redis;
  prefix: string;
  queueNames: string[];
  metrics: { token: string | null; port: number | null; host: string };
  dashboard: { user: string; password: string | null; readOnly: boolean };
  sources: Omit<ScrapeSources, 'queues'>;
  logger: Logger;
  /** Told of a queue handle's connection errors (app.ts throttles the Redis warning). */
  onRedisError(message: string): void;
}

/**
 * What an operator watches of one process: its metrics, /metrics on the main server or on a
 * listener of its own, and the queue dashboard. Read-side queue handles exist only when
 * something reads them: a BullMQ Queue starts connecting at once.
 */
export function createOps(deps: OpsDeps) {
  const reads = Boolean(deps.metrics.token || deps.metrics.port || deps.dashboard.password);
  const queues = reads ? deps.queueNames.map((name) => new Queue(name, { connection: deps.redis, prefix: deps.prefix })) : [];
  // Without a listener BullMQ prints each connection error as a bare stack trace.
  for (const q of queues) q.on('error', (err: Error) => deps.onRedisError(err.message));
  const metrics = createMetrics({
    role: deps.role,
    sources: {
      ...deps.sources,
      queues: async () => Object.fromEntries(await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts()] as const))),
    },
  });

  /** Plugins for the main HTTP server: /metrics behind the token, the dashboard behind its credentials. */
  const extensions: ((app: FastifyInstance) => Promise<void>)[] = [];
  if (deps.metrics.token) extensions.push(metricsExtension(metrics, deps.metrics.token));
  const { user, password, readOnly } = deps.dashboard;
  if (password) extensions.push(queueDashboardExtension({ queues, user, password, readOnly }));

  let listener: FastifyInstance | null = null;
  return {
    metrics,
    extensions,
    async start() {
      if (deps.metrics.port)
        listener = await startMetricsListener(metrics, { host: deps.metrics.host, port: deps.metrics.port, logger: deps.logger });
    },
    async stop() {
      await listener?.close();
      await Promise.all(queues.map((q) => q.close().catch(() => {})));
    },
  };
}
