import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parsePlanCsv, type CourseInput, type CourseRef, type PlanItemInput, type ScheduleService } from '../../domain/schedule/index.js';
import { errorResponses, idParam } from '../schemas.js';
import { courseSchema, coursesBody, planJsonBody, planReportSchema } from './schedule-schemas.js';

const planBody = {
  content: {
    'application/json': { schema: planJsonBody },
    'text/csv': { schema: { description: 'Columns «№;Тема;Часы» or position,topic,hours; UTF-8 (with or without BOM) or Windows-1251' } },
  },
} as const;

const replaceQuery = { type: 'object', properties: { replace: { type: 'boolean', default: false } } } as const;

/** JSON `{items}` or a spreadsheet's CSV export (bytes, decoded here). */
function planItemsOf(request: FastifyRequest): { items: PlanItemInput[]; replace?: boolean } {
  if (Buffer.isBuffer(request.body)) return { items: parsePlanCsv(request.body) };
  return request.body as { items: PlanItemInput[]; replace?: boolean };
}

export async function courseRoutes(app: FastifyInstance, deps: { schedule: ScheduleService }): Promise<void> {
  app.post('/courses', {
    schema: {
      tags: ['schedule'],
      summary: 'Create or update courses (group × subject × teacher) by external id; subjects are created on demand',
      body: coursesBody,
      response: {
        200: { type: 'object', properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, ids: { type: 'object', additionalProperties: { type: 'integer' } } } },
        ...errorResponses,
      },
    },
  }, async (request) => deps.schedule.upsertCourses(request.principal, (request.body as { items: CourseInput[] }).items));

  app.get('/courses', {
    schema: {
      tags: ['schedule'],
      summary: 'The school\'s courses, optionally of one group or one teacher',
      querystring: { type: 'object', additionalProperties: false, properties: { groupId: { type: 'integer', minimum: 1 }, teacherId: { type: 'integer', minimum: 1 } } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: courseSchema } } }, ...errorResponses },
    },
  }, async (request) => ({ items: await deps.schedule.listCourses(request.principal, request.query as { groupId?: number; teacherId?: number }) }));

  const putPlan = async (request: FastifyRequest, ref: CourseRef) => {
    const { items, replace } = planItemsOf(request);
    const query = request.query as { replace?: boolean };
    return deps.schedule.importPlan(request.principal, ref, items, { replace: Boolean(replace ?? query.replace) });
  };

  app.put('/courses/:id/plan', {
    schema: {
      tags: ['schedule'],
      summary: 'Load the course\'s calendar-thematic plan (КТП); topics used by lessons are kept on re-import',
      params: idParam, querystring: replaceQuery, body: planBody,
      response: { 200: planReportSchema, ...errorResponses },
    },
  }, async (request) => putPlan(request, { courseId: (request.params as { id: number }).id }));

  app.put('/courses/external/:externalId/plan', {
    schema: {
      tags: ['schedule'],
      summary: 'The same, addressing the course by its external id',
      params: { type: 'object', required: ['externalId'], properties: { externalId: { type: 'string', minLength: 1, maxLength: 100 } } },
      querystring: replaceQuery, body: planBody,
      response: { 200: planReportSchema, ...errorResponses },
    },
  }, async (request) => putPlan(request, { courseExternalId: (request.params as { externalId: string }).externalId }));

  app.get('/courses/:id/plan', {
    schema: {
      tags: ['schedule'],
      summary: 'The course\'s plan with how many lessons use each topic',
      params: idParam,
      response: {
        200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, position: { type: 'integer' }, topic: { type: 'string' }, hours: { type: 'integer' }, usedBy: { type: 'integer' } } } } } },
        ...errorResponses,
      },
    },
  }, async (request) => ({ items: await deps.schedule.plan(request.principal, { courseId: (request.params as { id: number }).id }) }));
}
