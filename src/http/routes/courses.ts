import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { parsePlanCsv, type CourseRef, type PlanItemInput, type ScheduleService } from '../../domain/schedule/index.js';
import { errorResponses, Id, IdParams } from '../schemas.js';
import { courseSchema, coursesBody, coursesResult, planItemsBody, planReportSchema, planSchema } from './schedule-schemas.js';

const planBody = {
  content: {
    'application/json': { schema: planItemsBody },
    // No type: the bytes arrive as a Buffer, which a `string` schema would refuse.
    'text/csv': {
      schema: Type.Unknown({ description: 'Columns «№;Тема;Часы» or position,topic,hours; UTF-8 (with or without BOM) or Windows-1251' }),
    },
  },
};

const replaceQuery = Type.Object({ replace: Type.Boolean({ default: false }) });

/** What each content type of the plan body arrives as: JSON checked by its schema, CSV as raw bytes. */
interface PlanRoute<Params = Static<typeof IdParams>> {
  Params: Params;
  Body: Static<typeof planItemsBody> | Buffer;
  Querystring: Static<typeof replaceQuery>;
}
const externalIdParams = Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 100 }) });

/** JSON `{items}` or a spreadsheet's CSV export (bytes, decoded here). */
function planItemsOf(body: PlanRoute['Body']): { items: PlanItemInput[]; replace?: boolean } {
  return Buffer.isBuffer(body) ? { items: parsePlanCsv(body) } : body;
}

export async function courseRoutes(scope: FastifyInstance, deps: { schedule: ScheduleService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/courses',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'upsertCourses',
        summary: 'Create or update courses (group × subject × teacher) by external id; subjects are created on demand',
        body: coursesBody,
        response: { 200: coursesResult, ...errorResponses },
      },
    },
    async (request) => deps.schedule.upsertCourses(request.principal, request.body.items),
  );

  app.get(
    '/courses',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'listCourses',
        summary: "The school's courses, optionally of one group or one teacher",
        querystring: Type.Object({ groupId: Type.Optional(Id()), teacherId: Type.Optional(Id()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(courseSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await deps.schedule.listCourses(request.principal, request.query) }),
  );

  const putPlan = (
    body: PlanRoute['Body'],
    query: PlanRoute['Querystring'],
    ref: CourseRef,
    principal: Parameters<ScheduleService['importPlan']>[0],
  ) => {
    const { items, replace } = planItemsOf(body);
    return deps.schedule.importPlan(principal, ref, items, { replace: replace ?? query.replace });
  };

  app.put<PlanRoute>(
    '/courses/:id/plan',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'putCoursePlan',
        summary: "Load the course's calendar-thematic plan (КТП); topics used by lessons are kept on re-import",
        params: IdParams,
        querystring: replaceQuery,
        body: planBody,
        response: { 200: planReportSchema, ...errorResponses },
      },
    },
    async (request) => putPlan(request.body, request.query, { courseId: request.params.id }, request.principal),
  );

  app.put<PlanRoute<Static<typeof externalIdParams>>>(
    '/courses/external/:externalId/plan',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'putCoursePlanByExternalId',
        summary: 'The same, addressing the course by its external id',
        params: externalIdParams,
        querystring: replaceQuery,
        body: planBody,
        response: { 200: planReportSchema, ...errorResponses },
      },
    },
    async (request) => putPlan(request.body, request.query, { courseExternalId: request.params.externalId }, request.principal),
  );

  app.get(
    '/courses/:id/plan',
    {
      schema: {
        tags: ['schedule'],
        operationId: 'getCoursePlan',
        summary: "The course's plan with how many lessons use each topic",
        params: IdParams,
        response: { 200: planSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await deps.schedule.plan(request.principal, { courseId: request.params.id }) }),
  );
}
