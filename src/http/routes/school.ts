import type { FastifyInstance } from 'fastify';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses } from '../schemas.js';

const policySchema = {
  type: 'object',
  additionalProperties: true,
  description: 'The school policy; see the README for every setting and its default.',
} as const;

export async function schoolRoutes(app: FastifyInstance, deps: { schools: SchoolService }): Promise<void> {
  app.get('/school', {
    schema: {
      tags: ['school'],
      summary: 'The school this key belongs to, with its effective policy',
      response: {
        200: {
          type: 'object',
          properties: { id: { type: 'integer' }, name: { type: 'string' }, timezone: { type: 'string' }, policy: policySchema },
        },
        ...errorResponses,
      },
    },
  }, async (request) => deps.schools.get(request.principal, schoolIdOf(request)));

  app.get('/school/policy', {
    schema: { tags: ['school'], summary: 'The effective policy (defaults merged with what the school set)', response: { 200: policySchema, ...errorResponses } },
  }, async (request) => (await deps.schools.get(request.principal, schoolIdOf(request))).policy);

  app.patch('/school/policy', {
    schema: {
      tags: ['school'],
      summary: 'Change some policy settings; unknown settings and bad values are rejected with details',
      body: { type: 'object', additionalProperties: true, minProperties: 1 },
      response: { 200: policySchema, ...errorResponses },
    },
  }, async (request) => deps.schools.updatePolicy(request.principal, schoolIdOf(request), request.body as Record<string, unknown>));

  app.post('/school/api-keys', {
    schema: {
      tags: ['school'],
      summary: 'Issue another API key for this school (the key is shown once)',
      body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } }, additionalProperties: false },
      response: { 201: { type: 'object', properties: { id: { type: 'integer' }, key: { type: 'string' } } }, ...errorResponses },
    },
  }, async (request, reply) => {
    const { name } = request.body as { name: string };
    return reply.status(201).send(await deps.schools.createApiKey(request.principal, schoolIdOf(request), name));
  });
}
