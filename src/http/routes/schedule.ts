import type { FastifyInstance } from 'fastify';
import type { LessonFilter, LessonInput, ScheduleService, SubstituteRef, TemplateInput } from '../../domain/schedule/index.js';
import { errorResponses, idParam } from '../schemas.js';
import { generateBody, lessonSchema, lessonsBody } from './schedule-schemas.js';

const int = { type: 'integer' } as const;

export async function scheduleRoutes(app: FastifyInstance, deps: { schedule: ScheduleService }): Promise<void> {
  app.post('/schedule/lessons', {
    schema: {
      tags: ['schedule'],
      summary: 'Import explicit lessons (local date and time of the school); idempotent',
      body: lessonsBody,
      response: {
        200: { type: 'object', properties: { dryRun: { type: 'boolean' }, created: int, existing: int, moved: int, ids: { type: 'object', additionalProperties: int } } },
        ...errorResponses,
      },
    },
  }, async (request) => {
    const body = request.body as { items: LessonInput[]; dryRun?: boolean };
    return deps.schedule.importLessons(request.principal, body.items, { dryRun: body.dryRun });
  });

  app.post('/schedule/generate', {
    schema: {
      tags: ['schedule'],
      summary: 'Create every lesson of a term from a weekly template, bells and holidays; a re-run creates nothing',
      body: generateBody,
      response: {
        200: {
          type: 'object',
          properties: {
            dryRun: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string' }, schoolDays: int, holidaysSkipped: int, holidaysStored: int,
            lessons: { type: 'object', properties: { total: int, created: int, existing: int } },
            warnings: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        ...errorResponses,
      },
    },
  }, async (request) => deps.schedule.generateFromTemplate(request.principal, request.body as TemplateInput));

  app.get('/lessons', {
    schema: {
      tags: ['schedule'],
      summary: 'Lessons of a day (date) or of a range (from, to; at most 31 days), optionally of a group or a teacher',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, groupId: { type: 'integer', minimum: 1 }, teacherId: { type: 'integer', minimum: 1 } },
      },
      response: { 200: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, items: { type: 'array', items: lessonSchema } } }, ...errorResponses },
    },
  }, async (request) => deps.schedule.listLessons(request.principal, request.query as LessonFilter));

  app.post('/lessons/:id/cancel', {
    schema: {
      tags: ['schedule'],
      summary: 'Cancel a lesson with a reason (it drops out of reminders and compliance)',
      params: idParam,
      body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string' } } },
      response: { 200: lessonSchema, ...errorResponses },
    },
  }, async (request) => deps.schedule.cancelLesson(request.principal, (request.params as { id: number }).id, (request.body as { reason: string }).reason));

  app.post('/lessons/:id/restore', {
    schema: { tags: ['schedule'], summary: 'Undo a cancellation', params: idParam, response: { 200: lessonSchema, ...errorResponses } },
  }, async (request) => deps.schedule.restoreLesson(request.principal, (request.params as { id: number }).id));

  app.put('/lessons/:id/substitute', {
    schema: {
      tags: ['schedule'],
      summary: 'Set the substitute teacher (by teacherId or teacherExternalId), or end the substitution with null',
      params: idParam,
      body: {
        type: ['object', 'null'],
        additionalProperties: false,
        maxProperties: 1,
        properties: { teacherId: { type: ['integer', 'null'], minimum: 1 }, teacherExternalId: { type: ['string', 'null'], minLength: 1 } },
      },
      response: { 200: lessonSchema, ...errorResponses },
    },
  }, async (request) => {
    const body = request.body as { teacherId?: number | null; teacherExternalId?: string | null } | null;
    const ref: SubstituteRef = body?.teacherId != null ? { teacherId: body.teacherId }
      : body?.teacherExternalId != null ? { teacherExternalId: body.teacherExternalId } : null;
    return deps.schedule.setSubstitute(request.principal, (request.params as { id: number }).id, ref);
  });
}
