import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DIVISION_KINDS } from '../../domain/year/types.js';
import type { YearService } from '../../domain/year/year-service.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, Id, LocalDate, Out, StringEnum } from '../schemas.js';

const tags = ['school year'];

// Dates are only typed here: the domain checks them all at once and names every
// problem with its path (422), which a schema's first failure would hide.
const yearBody = Type.Object({
  from: Type.String({ description: "The school year's first day, YYYY-MM-DD" }),
  to: Type.String({ description: "The school year's last day" }),
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: check everything and write nothing' })),
  divisions: Type.Array(
    Type.Object({
      kind: StringEnum(DIVISION_KINDS, { description: 'quarters (4 periods), trimesters (3) or halves (2)' }),
      gradeLevels: Type.Array(Type.Integer(), { description: 'The grade levels divided this way, e.g. 2–9' }),
      periods: Type.Array(Type.Object({ from: Type.String(), to: Type.String({ description: 'last day, inclusive' }) })),
    }),
    { description: 'One division per group of grade levels; a level may be in one division only' },
  ),
});

const period = {
  yearFrom: LocalDate({ description: 'The first day of the school year it belongs to' }),
  kind: Type.String(),
  number: Type.Integer({ description: '1-based position in its division' }),
  from: LocalDate(),
  to: LocalDate(),
  gradeLevels: Type.Array(Type.Integer()),
};

export async function yearRoutes(scope: FastifyInstance, deps: { year: YearService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.put(
    '/study-periods',
    {
      schema: {
        tags,
        operationId: 'loadStudyPeriods',
        summary: "Load a school year's study periods (quarters, trimesters or halves per grade level); idempotent, with a dry run",
        body: yearBody,
        response: {
          200: Out({
            dryRun: Type.Boolean(),
            replaced: Type.Integer({ description: 'Stored periods of the same year that the load replaced (or would)' }),
            periods: Type.Array(Out(period)),
            uncoveredClasses: Type.Array(Out({ id: Id(), name: Type.String(), gradeLevel: Type.Union([Type.Integer(), Type.Null()]) }), {
              description: "Classes whose grade level no division covers: their final grades keep the policy's finalGradeMonths",
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => deps.year.loadPeriods(request.principal, schoolIdOf(request), request.body),
  );

  app.get(
    '/study-periods',
    {
      schema: {
        tags,
        operationId: 'listStudyPeriods',
        summary: 'The study periods of the school year around a date (today by default)',
        querystring: Type.Object({ date: Type.Optional(LocalDate()) }),
        response: { 200: Out({ periods: Type.Array(Out({ id: Id(), ...period })) }), ...errorResponses },
      },
    },
    async (request) => ({ periods: await deps.year.periods(request.principal, schoolIdOf(request), request.query.date) }),
  );
}
