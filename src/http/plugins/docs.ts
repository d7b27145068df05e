import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'School journal gateway API',
        version: '1.0.0',
        description:
          'Loads rosters, schedules and plans, issues access codes, takes grades from the school\'s main journal and serves the journal. ' +
          'Every /v1 route needs the school API key: `Authorization: Bearer <key>`. Errors are `{ "error": { "code", "message", "details" } }`.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
