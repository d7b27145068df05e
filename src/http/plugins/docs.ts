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
          "Loads rosters, schedules and plans, issues access codes, takes grades from the school's main journal and serves the journal. " +
          'Every /v1 route needs the school API key: `Authorization: Bearer <key>`, or the same key in an `X-Api-Key` header for clients ' +
          'that cannot set Authorization. Errors are `{ "error": { "code", "message", "details" } }`.',
      },
      // Relative: the document is served by the gateway it describes, wherever that is deployed.
      servers: [{ url: '/', description: 'This gateway' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'The school API key as `Authorization: Bearer <key>`' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The same key in a header of its own' },
        },
      },
      // Either scheme is enough: two entries of the list, not two keys of one entry.
      security: [{ apiKey: [] }, { apiKeyHeader: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
