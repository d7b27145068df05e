import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RosterService } from '../../domain/roster/roster-service.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, ErrorSchema } from '../schemas.js';
import { groupList, importQuery, importReport, rosterBody } from './roster-schemas.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'];
const withCsvErrors = { ...errorResponses, 413: ErrorSchema, 415: ErrorSchema };

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function charsetOf(request: FastifyRequest): string | undefined {
  return /charset\s*=\s*"?([^";]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
}

function unsupported(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 415 });
}

/** Checked before the body is read, so a wrong type is answered with what to send instead. */
const expectJson = async (request: FastifyRequest) => {
  if (mediaType(request) !== 'application/json') {
    throw unsupported(
      `Send the roster as JSON with "Content-Type: application/json" (got "${mediaType(request) || 'none'}"); CSV files go to /v1/roster/students or /v1/roster/staff`,
    );
  }
};
const expectCsv = async (request: FastifyRequest) => {
  if (!CSV_TYPES.includes(mediaType(request))) {
    throw unsupported(
      `Send the file as the raw request body with "Content-Type: text/csv" (optionally "; charset=windows-1251"), got "${mediaType(request) || 'none'}"`,
    );
  }
};

export async function rosterRoutes(scope: FastifyInstance, deps: { roster: RosterService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // Windows browsers label .csv uploads like this; the bytes are still CSV.
  app.addContentTypeParser('application/vnd.ms-excel', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post(
    '/roster',
    {
      onRequest: expectJson,
      schema: {
        tags: ['roster'],
        operationId: 'importRoster',
        summary: 'Import groups, staff, students and parents (upsert by externalId, one transaction)',
        description:
          'Every problem is reported at once as 422 with details naming the list, the 1-based row and the field; nothing is written then. See docs/roster-import.md.',
        querystring: importQuery,
        body: rosterBody,
        response: { 200: importReport, ...withCsvErrors },
      },
    },
    async (request) => {
      const { dryRun, effectiveDate } = request.query;
      const { withdrawMissing = request.query.withdrawMissing, ...input } = request.body;
      return deps.roster.importRoster(request.principal, input, { dryRun, effectiveDate, withdrawMissing, schoolId: schoolIdOf(request) });
    },
  );

  const csvRoute = (kind: 'students' | 'staff', operationId: string, summary: string, description: string) =>
    app.post(
      `/roster/${kind}`,
      {
        onRequest: expectCsv,
        schema: {
          tags: ['roster'],
          operationId,
          summary,
          description:
            `${description} The body is the CSV file itself (UTF-8 with or without BOM, or Windows-1251; ";" or "," separated). ` +
            'Errors name the CSV line (the header is line 1) and the column header. See docs/roster-import.md.',
          consumes: ['text/csv'],
          querystring: importQuery,
          response: { 200: importReport, ...withCsvErrors },
        },
      },
      async (request) => {
        const { dryRun, effectiveDate, withdrawMissing } = request.query;
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const options = { dryRun, effectiveDate, withdrawMissing, schoolId: schoolIdOf(request), charset: charsetOf(request) };
        return kind === 'students'
          ? deps.roster.importStudentsCsv(request.principal, body, options)
          : deps.roster.importStaffCsv(request.principal, body, options);
      },
    );

  csvRoute(
    'students',
    'importStudentsCsv',
    'Import the students CSV (class, student, up to two parents per row)',
    'Classes that do not exist yet are created with externalId = the class name; parents are merged across rows by parent ID.',
  );
  csvRoute(
    'staff',
    'importStaffCsv',
    'Import the staff CSV (roles and class leadership)',
    'Roles may be written in Russian ("учитель, классный руководитель") or as codes; «Классное руководство» names the class.',
  );

  app.get(
    '/groups',
    {
      schema: {
        tags: ['roster'],
        operationId: 'listGroups',
        summary: 'Groups of the school with class teacher and the number of students enrolled today',
        response: { 200: groupList, ...errorResponses },
      },
    },
    async (request) => deps.roster.listGroups(request.principal, { schoolId: schoolIdOf(request) }),
  );
}
