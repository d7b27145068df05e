import type { FastifyInstance } from 'fastify';
import type { AuditQuery, AuditService } from '../../domain/audit/audit-service.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses } from '../schemas.js';

const entry = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actorId: { type: 'integer', nullable: true, description: 'the user who acted; null for the API key and the system' },
    via: { type: 'string', enum: ['bot', 'api', 'system'] },
    entity: { type: 'string', description: 'attendance, grade, lesson, school, closed_year …' },
    entityId: { type: 'string' },
    action: { type: 'string' },
    before: { nullable: true, description: 'the value before the change (null when created)' },
    after: { nullable: true, description: 'the value after the change (null when removed)' },
  },
} as const;

export async function auditRoutes(app: FastifyInstance, deps: { audit: AuditService }): Promise<void> {
  app.get<{ Querystring: AuditQuery }>('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first: who changed what, when, through what, before and after',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entity: { type: 'string', minLength: 1, maxLength: 50 },
          entityId: { type: 'string', minLength: 1, maxLength: 100 },
          from: { type: 'string', description: 'YYYY-MM-DD (school-local, inclusive) or an ISO 8601 instant' },
          to: { type: 'string', description: 'YYYY-MM-DD (school-local, inclusive) or an ISO 8601 instant (exclusive)' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: entry } } }, ...errorResponses, 403: errorResponses[404] },
    },
  }, async (request) => ({ items: await deps.audit.list(request.principal, schoolIdOf(request), request.query) }));
}
