import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { REPORT_KINDS, type ReportKind, type ReportsService } from '../../domain/reports/index.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, Id, LocalDate, Nullable, Out, StringEnum } from '../schemas.js';

const tags = ['reports'];
export const responses = { ...errorResponses, 403: errorResponses[404] };

const SUMMARIES: Record<ReportKind, string> = {
  'attendance-summary':
    'Сводная ведомость учёта посещаемости: per student and month, lessons missed by reason (н, б, у, оп) and the share missed',
  'class-attendance': 'Отчёт о посещаемости класса по месяцам: per group and month',
  'grades-summary': 'Сводная ведомость учёта успеваемости: per student and subject, current grades, average, term and year grades',
  'class-results': 'Итоги успеваемости класса: students by result, quality and success rates',
  'class-sizes': 'Наполняемость классов: at the start, arrived, left, at the end of the period',
  movement: 'Движение обучающихся: arrivals and departures with dates',
  'plan-fulfilment': 'Выполнение учебного плана: lessons held against planned per course, КТП hours against the curriculum',
  'parent-linking': 'Подключение родителей: per group, the share of students with at least one linked parent',
  'control-works':
    'Контрольные, лабораторные и практические работы: per class and subject, each lesson of a work type whose report group is set, with its date, study period, topic and teacher',
};

const OPERATION_IDS: Record<ReportKind, string> = {
  'attendance-summary': 'reportAttendanceSummary',
  'class-attendance': 'reportClassAttendance',
  'grades-summary': 'reportGradesSummary',
  'class-results': 'reportClassResults',
  'class-sizes': 'reportClassSizes',
  movement: 'reportMovement',
  'plan-fulfilment': 'reportPlanFulfilment',
  'parent-linking': 'reportParentLinking',
  'control-works': 'reportControlWorks',
};

const querystring = Type.Object(
  {
    from: LocalDate({ description: 'first day, inclusive' }),
    to: LocalDate({ description: 'last day, inclusive (at most 400 days after from)' }),
    groupId: Type.Optional(Id({ description: 'one group; the whole school when absent' })),
    format: StringEnum(['json', 'csv', 'pdf'], { default: 'json', description: 'csv: UTF-8 with BOM, ";"; pdf: a printable document' }),
  },
  { additionalProperties: false },
);

const group = Out({ id: Type.Integer(), name: Type.String() });
const reportSchema = Out({
  kind: Type.String(),
  title: Type.String(),
  school: group,
  from: Type.String(),
  to: Type.String(),
  group: Nullable(group),
  rows: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'see docs/reports.md for the fields of each report' }),
});

export const reportResponse = {
  description: 'JSON (format=json), text/csv (format=csv) or application/pdf (format=pdf)',
  content: {
    'application/json': { schema: reportSchema },
    'text/csv': { schema: Type.Unsafe<Buffer>({ type: 'string', description: 'UTF-8 with BOM, ";", CRLF' }) },
    'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
  },
};

/** ASCII fallback plus the UTF-8 name (RFC 6266), so Cyrillic group names survive. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** GET /v1/reports/<kind>?from=&to=&groupId=&format=json|csv|pdf */
export async function reportRoutes(scope: FastifyInstance, deps: { reports: ReportsService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const kind of REPORT_KINDS) {
    app.get(
      `/reports/${kind}`,
      {
        schema: {
          tags,
          operationId: OPERATION_IDS[kind],
          summary: SUMMARIES[kind],
          querystring,
          response: { 200: reportResponse, ...responses },
        },
      },
      async (request, reply) => {
        const { from, to, groupId, format } = request.query;
        const params = { from, to, groupId: groupId ?? null };
        if (format === 'json') return deps.reports.report(request.principal, schoolIdOf(request), kind, params);
        const file = await deps.reports.document(request.principal, schoolIdOf(request), kind, params, format);
        return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
      },
    );
  }
}
