import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../../domain/access/access-service.js';
import type { IssuedCode } from '../../domain/access/types.js';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { ROLES, type Role } from '../../domain/shared/principal.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, idParam } from '../schemas.js';
import { codesCsv } from './access-csv.js';

const issuedCode = {
  type: 'object',
  properties: {
    userId: { type: 'integer' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } },
    students: { type: 'array', items: { type: 'string' } },
    code: { type: 'string', description: 'Shown once; only its hash is stored' },
    expiresAt: { type: 'string', format: 'date-time' },
    link: { type: ['string', 'null'], description: 'https://t.me/<bot>?start=<code> when the bot username is known' },
  },
} as const;

const userItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, lastName: { type: 'string' }, firstName: { type: 'string' }, middleName: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } }, active: { type: 'boolean' },
    telegramLinked: { type: 'boolean' }, linkedAt: { type: ['string', 'null'], format: 'date-time' },
    pendingCode: { type: 'boolean', description: 'An unused, unexpired code exists' },
  },
} as const;

const formatQuery = {
  type: 'object',
  properties: { format: { type: 'string', enum: ['json', 'csv'] }, onlyUnlinked: { type: 'boolean' } },
  additionalProperties: false,
} as const;

const csvResponse = { type: 'string', description: 'With ?format=csv or Accept: text/csv: UTF-8 with BOM, `;`-separated' } as const;

function wantsCsv(request: FastifyRequest): boolean {
  const q = request.query as { format?: string };
  if (q.format) return q.format === 'csv';
  return (request.headers.accept ?? '').includes('text/csv');
}

function toJson(c: IssuedCode) {
  return { userId: c.userId, name: c.name, roles: c.roles, students: c.students, code: c.code, expiresAt: c.expiresAt.toISOString(), link: c.link };
}

export async function accessRoutes(app: FastifyInstance, deps: { access: AccessService; schools: SchoolService }): Promise<void> {
  async function send(request: FastifyRequest, reply: FastifyReply, codes: IssuedCode[], filename: string, json: unknown) {
    reply.header('cache-control', 'no-store');
    if (!wantsCsv(request)) return reply.status(201).send(json);
    const school = await deps.schools.get(request.principal, schoolIdOf(request));
    return reply.status(201)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .serializer((p: string) => p)
      .send(codesCsv(codes, school.timezone));
  }

  app.get('/users', {
    schema: {
      tags: ['access'],
      summary: 'Users of the school with their Telegram linking status',
      querystring: {
        type: 'object',
        properties: { role: { type: 'string', enum: [...ROLES] }, groupId: { type: 'integer', minimum: 1, description: 'Parents of enrolled students, the class teacher and the teachers of the group' } },
        additionalProperties: false,
      },
      response: { 200: { type: 'array', items: userItem }, ...errorResponses },
    },
  }, async (request) => {
    const q = request.query as { role?: Role; groupId?: number };
    return deps.access.listUsers(request.principal, schoolIdOf(request), q);
  });

  app.post('/users/:id/access-code', {
    schema: {
      tags: ['access'],
      summary: 'Issue a one-time activation code for the user (older unused codes are revoked)',
      params: idParam,
      querystring: formatQuery,
      response: { 201: { anyOf: [issuedCode, csvResponse] }, ...errorResponses },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const issued = await deps.access.issueForUser(request.principal, schoolIdOf(request), id);
    return send(request, reply, [issued], `access-code-${id}.csv`, toJson(issued));
  });

  app.post('/groups/:id/access-codes', {
    schema: {
      tags: ['access'],
      summary: 'Issue codes for the parents of every student enrolled in the group (?onlyUnlinked=true skips linked parents)',
      params: idParam,
      querystring: formatQuery,
      response: {
        201: { anyOf: [{ type: 'object', properties: { group: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } }, codes: { type: 'array', items: issuedCode } } }, csvResponse] },
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const { onlyUnlinked } = request.query as { onlyUnlinked?: boolean };
    const result = await deps.access.issueForGroupParents(request.principal, schoolIdOf(request), id, { onlyUnlinked });
    return send(request, reply, result.codes, `access-codes-group-${id}.csv`, { group: result.group, codes: result.codes.map(toJson) });
  });

  app.delete('/users/:id/access-code', {
    schema: {
      tags: ['access'],
      summary: "Revoke the user's unused codes (a linked account stays linked)",
      params: idParam,
      response: { 200: { type: 'object', properties: { revoked: { type: 'integer' } } }, ...errorResponses },
    },
  }, async (request) => {
    const { id } = request.params as { id: number };
    return deps.access.revoke(request.principal, schoolIdOf(request), id);
  });
}
