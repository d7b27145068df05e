import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { StaffService } from '../../domain/staff/index.js';
import { schoolIdOf } from '../plugins/auth.js';
import { DateTime, errorResponses, Id, IdParams, LocalDate, Nullable, Out, StringEnum } from '../schemas.js';

const deactivateBody = Type.Object(
  {
    date: Type.Optional(LocalDate({ description: 'The first day without them (default: today); their lessons from it are listed' })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    dryRun: Type.Optional(Type.Boolean({ description: 'Check and list; write nothing' })),
  },
  { additionalProperties: false },
);

const handoverBody = Type.Object(
  {
    teacherId: Type.Optional(Id()),
    teacherExternalId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    from: LocalDate({ description: 'Lessons on and after this date that were not given yet move' }),
    dryRun: Type.Optional(Type.Boolean({ description: 'Check and list; write nothing' })),
  },
  { additionalProperties: false },
);

const userRef = Out({ id: Type.Integer(), name: Type.String(), roles: Type.Array(Type.String()), active: Type.Boolean() });
const person = Out({ id: Type.Integer(), name: Type.String() });

const deactivationReport = Out({
  dryRun: Type.Boolean(),
  user: userRef,
  date: Type.String(),
  reason: Nullable(Type.String()),
  telegramUnlinked: Type.Boolean({ description: 'The Telegram link ended (in a dry run: would end)' }),
  maxUnlinked: Type.Boolean({ description: 'The MAX link ended (in a dry run: would end)' }),
  codesRevoked: Type.Integer({ description: 'Unused access codes revoked (in a dry run: that would be)' }),
  lessons: Out({
    total: Type.Integer(),
    courses: Type.Array(
      Out({
        courseId: Type.Integer(),
        subject: Type.String(),
        groupId: Type.Integer(),
        groupName: Type.String(),
        as: StringEnum(['teacher', 'substitute'], { description: 'Their own course, or lessons they were to substitute' }),
        lessons: Type.Array(
          Out({
            lessonId: Type.Integer(),
            date: Type.String(),
            period: Nullable(Type.Integer()),
            startsAt: DateTime(),
            substitute: Nullable(person),
          }),
        ),
        hint: Type.String({ description: 'The call that reassigns these lessons' }),
      }),
    ),
  }),
});

const handoverReport = Out({
  dryRun: Type.Boolean(),
  course: Out({ id: Type.Integer(), subject: Type.String(), groupId: Type.Integer() }),
  from: Type.String(),
  previousTeacher: person,
  newTeacher: person,
  moved: Type.Array(
    Out({
      lessonId: Type.Integer(),
      date: Type.String(),
      period: Nullable(Type.Integer()),
      startsAt: DateTime(),
      substituteCleared: Type.Boolean({ description: 'The new teacher was its substitute; now they are its teacher' }),
    }),
  ),
  notMoved: Type.Array(
    Out({
      lessonId: Type.Integer(),
      date: Type.String(),
      period: Nullable(Type.Integer()),
      reason: StringEnum(['closed_year', 'already_filled']),
    }),
  ),
});

/** Staff leaving and course handover (docs/school-year.md). */
export async function staffRoutes(scope: FastifyInstance, deps: { staff: StaffService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/users/:id/deactivate',
    {
      schema: {
        tags: ['access'],
        operationId: 'deactivateUser',
        summary: 'Deactivate a person who leaves: access ends now (Telegram link, codes); lists their lessons to reassign. Audited',
        params: IdParams,
        body: deactivateBody,
        response: { 200: deactivationReport, ...errorResponses },
      },
      // Every field is optional: a POST with no body at all means {}.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => deps.staff.deactivate(request.principal, schoolIdOf(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/reactivate',
    {
      schema: {
        tags: ['access'],
        operationId: 'reactivateUser',
        summary: 'Make a deactivated person active again (they link again with a new code). Audited',
        params: IdParams,
        response: { 200: Out({ user: userRef, hint: Type.String() }), ...errorResponses },
      },
    },
    async (request) => deps.staff.reactivate(request.principal, schoolIdOf(request), request.params.id),
  );

  app.post(
    '/courses/:id/handover',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'handOverCourse',
        summary: 'Give the course to another teacher from a date: its lessons not given yet move, given ones stay. Audited',
        params: IdParams,
        body: handoverBody,
        response: { 200: handoverReport, ...errorResponses },
      },
    },
    async (request) => deps.staff.handover(request.principal, request.params.id, request.body),
  );
}
