import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { AccessService } from '../../domain/access/access-service.js';
import type { IssuedCode } from '../../domain/access/types.js';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { ROLES } from '../../domain/shared/principal.js';
import { schoolIdOf } from '../plugins/auth.js';
import { DateTime, errorResponses, Id, IdParams, Nullable, Out, StringEnum } from '../schemas.js';
import { codesCsv } from './access-csv.js';

const issuedCode = Out({
  userId: Type.Integer(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  students: Type.Array(Type.String()),
  kind: StringEnum(['parent', 'student', 'staff']),
  studentId: Nullable(Type.Integer(), { description: 'The pupil of a student code' }),
  className: Nullable(Type.String(), { description: "The pupil's class today (student codes)" }),
  code: Type.String({ description: 'Shown once; only its hash is stored' }),
  expiresAt: DateTime(),
  link: Nullable(Type.String(), { description: 'https://t.me/<bot>?start=<code> when the bot username is known' }),
  maxLink: Nullable(Type.String(), {
    description: "https://max.ru/<bot>?start=<code> when the MAX bot's username is known (MAX connected and started)",
  }),
});

const studentCodes = Out({ group: Nullable(Out({ id: Type.Integer(), name: Type.String() })), codes: Type.Array(issuedCode) });

const userItem = Out({
  id: Type.Integer(),
  lastName: Type.String(),
  firstName: Type.String(),
  middleName: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  active: Type.Boolean(),
  telegramLinked: Type.Boolean(),
  maxLinked: Type.Boolean({ description: 'Linked in MAX (an active or blocked link)' }),
  linkedAt: Nullable(DateTime()),
  pendingCode: Type.Boolean({ description: 'An unused, unexpired code exists' }),
});

const formatQuery = Type.Object(
  {
    format: Type.Optional(StringEnum(['json', 'csv'])),
    onlyUnlinked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const usersQuery = Type.Object(
  {
    role: Type.Optional(StringEnum(ROLES)),
    groupId: Type.Optional(Id({ description: 'Parents of enrolled students, the class teacher and the teachers of the group' })),
  },
  { additionalProperties: false },
);

const csvResponse = Type.String({ description: 'With ?format=csv or Accept: text/csv: UTF-8 with BOM, `;`-separated' });
const codesResponse = <T extends TSchema>(json: T) => ({
  content: { 'application/json': { schema: json }, 'text/csv': { schema: csvResponse } },
});

function wantsCsv(request: FastifyRequest): boolean {
  const q = request.query as { format?: string };
  if (q.format) return q.format === 'csv';
  return (request.headers.accept ?? '').includes('text/csv');
}

function toJson(c: IssuedCode) {
  return {
    userId: c.userId,
    name: c.name,
    roles: c.roles,
    students: c.students,
    kind: c.kind,
    studentId: c.studentId,
    className: c.className,
    code: c.code,
    expiresAt: c.expiresAt.toISOString(),
    link: c.link,
    maxLink: c.maxLink,
  };
}

export async function accessRoutes(scope: FastifyInstance, deps: { access: AccessService; schools: SchoolService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  async function send(request: FastifyRequest, reply: FastifyReply, codes: IssuedCode[], filename: string, json: unknown) {
    reply.header('cache-control', 'no-store');
    if (!wantsCsv(request)) return reply.status(201).send(json);
    const school = await deps.schools.get(request.principal, schoolIdOf(request));
    return reply
      .status(201)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .serializer((p: string) => p)
      .send(codesCsv(codes, school.timezone));
  }

  app.get(
    '/users',
    {
      schema: {
        tags: ['access'],
        operationId: 'listUsers',
        summary: 'Users of the school with their linking status in Telegram and MAX',
        querystring: usersQuery,
        response: { 200: Type.Array(userItem), ...errorResponses },
      },
    },
    async (request) => deps.access.listUsers(request.principal, schoolIdOf(request), request.query),
  );

  app.post(
    '/users/:id/access-code',
    {
      schema: {
        tags: ['access'],
        operationId: 'issueAccessCode',
        summary: 'Issue a one-time activation code for the user (older unused codes are revoked)',
        params: IdParams,
        querystring: formatQuery,
        response: { 201: codesResponse(issuedCode), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const issued = await deps.access.issueForUser(request.principal, schoolIdOf(request), id);
      return send(request, reply, [issued], `access-code-${id}.csv`, toJson(issued));
    },
  );

  app.post(
    '/groups/:id/access-codes',
    {
      schema: {
        tags: ['access'],
        operationId: 'issueGroupParentCodes',
        summary:
          'Issue codes for the parents of every student enrolled in the group (?onlyUnlinked=true skips parents linked in Telegram or MAX)',
        params: IdParams,
        querystring: formatQuery,
        response: {
          201: codesResponse(Out({ group: Out({ id: Type.Integer(), name: Type.String() }), codes: Type.Array(issuedCode) })),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { onlyUnlinked } = request.query;
      const result = await deps.access.issueForGroupParents(request.principal, schoolIdOf(request), id, { onlyUnlinked });
      return send(request, reply, result.codes, `access-codes-group-${id}.csv`, { group: result.group, codes: result.codes.map(toJson) });
    },
  );

  app.post(
    '/groups/:id/student-access-codes',
    {
      schema: {
        tags: ['access'],
        operationId: 'issueGroupStudentCodes',
        summary:
          'Issue codes for the students enrolled in the group, creating their student accounts (older unused codes are revoked; ?onlyUnlinked=true skips students linked in Telegram or MAX)',
        params: IdParams,
        querystring: formatQuery,
        response: { 201: codesResponse(studentCodes), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await deps.access.issueStudentCodes(request.principal, schoolIdOf(request), { groupId: id }, request.query);
      return send(request, reply, result.codes, `student-codes-group-${id}.csv`, { group: result.group, codes: result.codes.map(toJson) });
    },
  );

  app.post(
    '/students/access-codes',
    {
      schema: {
        tags: ['access'],
        operationId: 'issueStudentCodes',
        summary: 'Issue codes for chosen students (enrolled today), creating their student accounts; older unused codes are revoked',
        querystring: formatQuery,
        body: Type.Object({ studentIds: Type.Array(Id(), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
        response: { 201: codesResponse(studentCodes), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { studentIds } = request.body;
      const result = await deps.access.issueStudentCodes(request.principal, schoolIdOf(request), { studentIds }, request.query);
      return send(request, reply, result.codes, 'student-codes.csv', { group: result.group, codes: result.codes.map(toJson) });
    },
  );

  app.delete(
    '/users/:id/access-code',
    {
      schema: {
        tags: ['access'],
        operationId: 'revokeAccessCodes',
        summary: "Revoke the user's unused codes (a linked account stays linked)",
        params: IdParams,
        response: { 200: Out({ revoked: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => deps.access.revoke(request.principal, schoolIdOf(request), request.params.id),
  );

  app.post(
    '/users/:id/unlink',
    {
      schema: {
        tags: ['access'],
        operationId: 'unlinkTelegram',
        summary: "End the user's Telegram link (a lost or shared phone); the person links again with a new code. Audited",
        params: IdParams,
        response: { 200: Out({ unlinked: Type.Boolean({ description: 'false when the user had no link' }) }), ...errorResponses },
      },
    },
    async (request) => deps.access.unlink(request.principal, schoolIdOf(request), request.params.id),
  );
}
