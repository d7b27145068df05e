import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { CourseReportRequest, CourseReportsService } from '../../domain/reports/course/index.js';
import type { Principal } from '../../domain/shared/principal.js';
import { Id, Nullable, Out, StringEnum } from '../schemas.js';
import { contentDisposition, reportResponse, responses } from './reports.js';

const tags = ['reports'];
const named = Out({ id: Type.Integer(), name: Type.String() });
const courseReportResponse = {
  ...reportResponse,
  content: {
    ...reportResponse.content,
    'application/json': {
      schema: Out({
        kind: Type.String(),
        title: Type.String(),
        school: named,
        from: Type.String(),
        to: Type.String(),
        course: Nullable(Out({ courseId: Type.Integer(), groupId: Type.Integer(), groupName: Type.String(), subjectName: Type.String() })),
        teacher: named,
        periodName: Type.String({ description: "'1 четверть', 'октябрь 2026' or 'на 14.10.2026'" }),
        rows: Type.Array(Type.Object({}, { additionalProperties: true }), {
          description: 'see docs/reports.md for the fields of each report',
        }),
      }),
    },
  },
};
const format = StringEnum(['json', 'csv', 'pdf'], { default: 'json', description: 'csv: UTF-8 with BOM, ";"; pdf: a printable document' });

async function answer(
  deps: { courseReports: CourseReportsService },
  principal: Principal,
  request: CourseReportRequest,
  as: 'json' | 'csv' | 'pdf',
  reply: FastifyReply,
) {
  if (as === 'json') return deps.courseReports.report(principal, request);
  const file = await deps.courseReports.document(principal, request, as);
  return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
}

/**
 * The subject teacher's reports, for the school's key (any course and teacher of the school):
 * GET /v1/reports/course-sheet, /course-attendance, /teacher-plan. The bot serves the same to the teacher.
 */
export async function courseReportRoutes(scope: FastifyInstance, deps: { courseReports: CourseReportsService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/reports/course-sheet',
    {
      schema: {
        tags,
        operationId: 'reportCourseSheet',
        summary:
          'Ведомость успеваемости курса за период: per student, current marks with their weights, the weighted average and the period grade',
        querystring: Type.Object(
          {
            courseId: Id(),
            term: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'the study period; the current one when absent' })),
            format,
          },
          { additionalProperties: false },
        ),
        response: { 200: courseReportResponse, ...responses },
      },
    },
    (request, reply) => {
      const { courseId, term, format: as } = request.query;
      return answer(deps, request.principal, { kind: 'course-sheet', courseId, term: term ?? null }, as, reply);
    },
  );
  app.get(
    '/reports/course-attendance',
    {
      schema: {
        tags,
        operationId: 'reportCourseAttendance',
        summary: 'Посещаемость уроков курса за месяц: per student, lessons held up to today and н, б, у, оп',
        querystring: Type.Object(
          {
            courseId: Id(),
            month: Type.Optional(
              Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, not after this month; this month when absent' }),
            ),
            format,
          },
          { additionalProperties: false },
        ),
        response: { 200: courseReportResponse, ...responses },
      },
    },
    (request, reply) => {
      const { courseId, month, format: as } = request.query;
      return answer(deps, request.principal, { kind: 'course-attendance', courseId, month: month ?? null }, as, reply);
    },
  );
  app.get(
    '/reports/teacher-plan',
    {
      schema: {
        tags,
        operationId: 'reportTeacherPlan',
        summary:
          'Выполнение КТП по курсам учителя: planned and КТП hours, lessons scheduled and held, topics entered and the lag, from 1 September to today',
        querystring: Type.Object({ teacherId: Id(), format }, { additionalProperties: false }),
        response: { 200: courseReportResponse, ...responses },
      },
    },
    (request, reply) => {
      const { teacherId, format: as } = request.query;
      return answer(deps, request.principal, { kind: 'teacher-plan', teacherId }, as, reply);
    },
  );
}
