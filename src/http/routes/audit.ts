import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AuditService } from '../../domain/audit/audit-service.js';
import { schoolIdOf } from '../plugins/auth.js';
import { DateTime, errorResponses, Nullable, Out, StringEnum } from '../schemas.js';

const entry = Out({
  id: Type.Integer(),
  at: DateTime(),
  actorId: Nullable(Type.Integer(), { description: 'the user who acted; null for the API key and the system' }),
  via: StringEnum(['bot', 'api', 'system']),
  entity: Type.String({ description: 'attendance, grade, lesson, school, closed_year …' }),
  entityId: Type.String(),
  action: Type.String(),
  before: Type.Unknown({ description: 'the value before the change (null when created)' }),
  after: Type.Unknown({ description: 'the value after the change (null when removed)' }),
});

const auditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: Type.Optional(Type.String({ description: 'YYYY-MM-DD (school-local, inclusive) or an ISO 8601 instant' })),
    to: Type.Optional(Type.String({ description: 'YYYY-MM-DD (school-local, inclusive) or an ISO 8601 instant (exclusive)' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  },
  { additionalProperties: false },
);

export async function auditRoutes(scope: FastifyInstance, deps: { audit: AuditService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAudit',
        summary: 'The audit log, newest first: who changed what, when, through what, before and after',
        querystring: auditQuery,
        response: { 200: Type.Object({ items: Type.Array(entry) }), ...errorResponses, 403: errorResponses[404] },
      },
    },
    async (request) => ({ items: await deps.audit.list(request.principal, schoolIdOf(request), request.query) }),
  );
}
