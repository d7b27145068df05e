import Fastify, { type FastifyInstance } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { SchoolService } from '../domain/schools/school-service.js';
import { requireApiKey } from './plugins/auth.js';
import { acceptCsvBodies } from './plugins/csv-body.js';
import { registerDocs } from './plugins/docs.js';
import { registerErrorHandling } from './plugins/errors.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';
import { v1Routes, type V1Services } from './routes/index.js';
import { validationOptions } from './validation.js';

export interface HttpServerDeps {
  logger: FastifyBaseLogger;
  bodyLimitBytes: number;
  health: HealthDeps;
  services: V1Services & { schools: SchoolService };
  /** Told of every answered request, by route pattern (never the raw URL: it holds ids). */
  observeRequest?: (route: string, method: string, status: number, seconds: number) => void;
  /** Extra plugins mounted outside /v1 (the Telegram webhook, metrics, the queue dashboard). */
  extensions?: ((app: FastifyInstance) => Promise<void>)[];
}

export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimitBytes,
    ...validationOptions(),
  });
  const observe = deps.observeRequest;
  if (observe) {
    // The pattern ("/v1/groups/:id/journal") keeps label values few; unmatched paths count as one.
    app.addHook('onResponse', async (request, reply) => {
      observe(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    });
  }
  registerErrorHandling(app);
  acceptCsvBodies(app);
  await registerDocs(app);
  await app.register(healthRoutes, deps.health);
  await app.register(
    async (v1) => {
      requireApiKey(v1, deps.services.schools);
      await v1Routes(v1, deps.services);
    },
    { prefix: '/v1' },
  );
  for (const extend of deps.extensions ?? []) await extend(app);
  return app;
}
