import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bearerMatches } from './credentials.js';
import type { Metrics } from './metrics.js';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics on the main HTTP server, behind `Authorization: Bearer <METRICS_TOKEN>`.
 * A wrong or missing token gets 401 and nothing else: the figures say how busy a school is.
 */
export function metricsExtension(metrics: Metrics, token: string) {
  return async (app: FastifyInstance) => {
    app.get(METRICS_PATH, { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
      if (!bearerMatches(request.headers.authorization, token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: { code: 'unauthorized', message: 'A valid metrics token is required' } });
      }
      return reply.header('content-type', metrics.contentType).send(await metrics.render());
    });
  };
}

/**
 * A listener of its own that serves only /metrics, without a token: for worker processes
 * (which have no HTTP server) and for deployments that keep scraping on a private port.
 */
export async function startMetricsListener(
  metrics: Metrics,
  opts: { host: string; port: number; logger: Logger },
): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = opts.logger.child({ component: 'metrics' });
  const app: FastifyInstance = Fastify({ loggerInstance });
  app.get(METRICS_PATH, { logLevel: 'warn' }, async (_request, reply) =>
    reply.header('content-type', metrics.contentType).send(await metrics.render()),
  );
  app.get('/', { logLevel: 'warn' }, async (_request, reply) => reply.redirect(METRICS_PATH));
  const address = await app.listen({ host: opts.host, port: opts.port });
  opts.logger.info({ address: `${address}${METRICS_PATH}` }, 'metrics listening');
  return app;
}
