import type { FastifyInstance } from 'fastify';

export interface HealthDeps {
  /** Named probes of the dependencies readiness needs (PostgreSQL, Redis). */
  checks: Record<string, () => Promise<void>>;
}

const PROBE_TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>): Promise<void> {
  return Promise.race([p, new Promise<void>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS).unref())]);
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const results: Record<string, string> = {};
    await Promise.all(
      Object.entries(deps.checks).map(async ([name, probe]) => {
        try {
          await withTimeout(probe());
          results[name] = 'ok';
        } catch (err) {
          request.log.warn({ err, dependency: name }, 'readiness probe failed');
          results[name] = 'down';
        }
      }),
    );
    const ready = Object.values(results).every((s) => s === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks: results });
  });
}
