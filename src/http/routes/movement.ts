import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { MovementService } from '../../domain/movement/index.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, Id, IdParams, LocalDate, Nullable, Out } from '../schemas.js';

const int = Type.Integer();
const text = Type.String();

const departure = Out({
  studentId: Id(),
  externalId: Nullable(text),
  name: text,
  date: LocalDate({ description: 'The first day away' }),
  reason: text,
  closed: Type.Array(
    Out({ groupId: Id(), groupName: text, kind: text, fromDate: LocalDate(), toDate: LocalDate({ description: 'Last day, inclusive' }) }),
  ),
  consentEnded: Type.Array(Out({ parentId: Id(), name: text }), {
    description: 'Guardians whose consent for this child ended on the date',
  }),
  cancelledNotices: Type.Integer({ description: 'Pending or queued notices about the child that were cancelled' }),
});

const classRef = Out({ id: Nullable(Id()), externalId: Nullable(text), name: text, gradeLevel: int });

export async function movementRoutes(scope: FastifyInstance, deps: { movement: MovementService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/students/:id/withdraw',
    {
      schema: {
        tags: ['roster'],
        operationId: 'withdrawStudent',
        summary: "Withdraw a student (выбытие): close every enrollment, end the guardians' consent for the child, cancel pending notices",
        description:
          '`date` is the first day the student is no longer at the school: enrollments close on the day before. See docs/school-year.md, "Departures".',
        params: IdParams,
        body: Type.Object(
          {
            date: LocalDate({ description: 'The first day away (YYYY-MM-DD)' }),
            reason: Type.String({ description: 'Why the student left, e.g. "переезд", "перевод в другую школу"' }),
            dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: check and report, write nothing' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Out({ dryRun: Type.Boolean(), ...departure.properties }), ...errorResponses },
      },
    },
    async (request) => deps.movement.withdraw(request.principal, schoolIdOf(request), request.params.id, request.body),
  );

  app.post(
    '/year/promote',
    {
      schema: {
        tags: ['school year'],
        operationId: 'promoteYear',
        summary: 'Close the school year: every class moves up a level, the graduating levels leave; idempotent, with a dry run',
        description: 'See docs/school-year.md, "Closing the year".',
        body: Type.Object(
          {
            date: LocalDate({ description: 'The first day of the new school year, e.g. 2027-09-01' }),
            dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: show the whole plan, write nothing' })),
            graduateLevels: Type.Optional(
              Type.Array(Type.Integer(), { description: "Levels whose students graduate; default: the school's highest grade level" }),
            ),
            rename: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    from: Type.String({ description: "Last year's class external id" }),
                    to: Type.Object({ externalId: text, name: text }),
                  },
                  { additionalProperties: false },
                ),
                { description: 'New classes for names without a leading number (the rule adds one to it: 5А → 6А, 10 Б → 11 Б)' },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Out({
            dryRun: Type.Boolean(),
            date: LocalDate(),
            graduateLevels: Type.Array(int),
            classes: Type.Array(
              Out({
                from: classRef,
                archivedExternalId: Nullable(text, { description: "Last year's class keeps its history under this external id" }),
                to: Out({ ...classRef.properties, classTeacherId: Nullable(Id()) }),
                students: int,
              }),
            ),
            graduatingClasses: Type.Array(Out({ id: Id(), name: text, gradeLevel: Nullable(int), students: int })),
            graduates: Type.Array(departure),
            problems: Type.Array(Out({ groupId: Id(), externalId: Nullable(text), name: text, message: text }), {
              description: 'Classes left where they are, and why',
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => deps.movement.promote(request.principal, schoolIdOf(request), request.body),
  );
}
