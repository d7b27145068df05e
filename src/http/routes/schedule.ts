import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { SubstituteRef, ScheduleService } from '../../domain/schedule/index.js';
import { errorResponses, Id, IdParams, LocalDate, Nullable } from '../schemas.js';
import { generateBody, generateResult, lessonSchema, lessonsBody, lessonsResult } from './schedule-schemas.js';

const lessonsQuery = Type.Object(
  {
    date: Type.Optional(LocalDate()),
    from: Type.Optional(LocalDate()),
    to: Type.Optional(LocalDate()),
    groupId: Type.Optional(Id()),
    teacherId: Type.Optional(Id()),
  },
  { additionalProperties: false },
);

const substituteBody = Nullable(
  Type.Object(
    {
      teacherId: Type.Optional(Nullable(Id())),
      teacherExternalId: Type.Optional(Nullable(Type.String({ minLength: 1 }))),
    },
    { additionalProperties: false, maxProperties: 1 },
  ),
);

export async function scheduleRoutes(scope: FastifyInstance, deps: { schedule: ScheduleService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/schedule/lessons',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'importLessons',
        summary: 'Import explicit lessons (local date and time of the school); idempotent',
        body: lessonsBody,
        response: { 200: lessonsResult, ...errorResponses },
      },
    },
    async (request) => deps.schedule.importLessons(request.principal, request.body.items, { dryRun: request.body.dryRun }),
  );

  app.post(
    '/schedule/generate',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'generateLessons',
        summary: 'Create every lesson of a term from a weekly template, bells and holidays; a re-run creates nothing',
        body: generateBody,
        response: { 200: generateResult, ...errorResponses },
      },
    },
    async (request) => deps.schedule.generateFromTemplate(request.principal, request.body),
  );

  app.get(
    '/lessons',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'listLessons',
        summary: 'Lessons of a day (date) or of a range (from, to; at most 31 days), optionally of a group or a teacher',
        querystring: lessonsQuery,
        response: { 200: Type.Object({ from: Type.String(), to: Type.String(), items: Type.Array(lessonSchema) }), ...errorResponses },
      },
    },
    async (request) => deps.schedule.listLessons(request.principal, request.query),
  );

  app.post(
    '/lessons/:id/cancel',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'cancelLesson',
        summary: 'Cancel a lesson with a reason (it drops out of reminders and compliance)',
        params: IdParams,
        body: Type.Object({ reason: Type.String() }, { additionalProperties: false }),
        response: { 200: lessonSchema, ...errorResponses },
      },
    },
    async (request) => deps.schedule.cancelLesson(request.principal, request.params.id, request.body.reason),
  );

  app.post(
    '/lessons/:id/restore',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'restoreLesson',
        summary: 'Undo a cancellation',
        params: IdParams,
        response: { 200: lessonSchema, ...errorResponses },
      },
    },
    async (request) => deps.schedule.restoreLesson(request.principal, request.params.id),
  );

  app.put(
    '/lessons/:id/substitute',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'setSubstitute',
        summary: 'Set the substitute teacher (by teacherId or teacherExternalId), or end the substitution with null',
        params: IdParams,
        body: substituteBody,
        response: { 200: lessonSchema, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body;
      const ref: SubstituteRef =
        body?.teacherId != null
          ? { teacherId: body.teacherId }
          : body?.teacherExternalId != null
            ? { teacherExternalId: body.teacherExternalId }
            : null;
      return deps.schedule.setSubstitute(request.principal, request.params.id, ref);
    },
  );
}
