import type { FastifyInstance } from 'fastify';
import { REPORT_KINDS, type ReportKind, type ReportsService } from '../../domain/reports/index.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, localDate } from '../schemas.js';

const tags = ['reports'];
const responses = { ...errorResponses, 403: errorResponses[404] };

const SUMMARIES: Record<ReportKind, string> = {
  'attendance-summary': 'Сводная ведомость учёта посещаемости: per student and month, lessons missed by reason (н, б, у, оп) and the share missed',
  'class-attendance': 'Отчёт о посещаемости класса по месяцам: per group and month',
  'grades-summary': 'Сводная ведомость учёта успеваемости: per student and subject, current grades, average, term and year grades',
  'class-results': 'Итоги успеваемости класса: students by result, quality and success rates',
  'class-sizes': 'Наполняемость классов: at the start, arrived, left, at the end of the period',
  movement: 'Движение обучающихся: arrivals and departures with dates',
  'plan-fulfilment': 'Выполнение учебного плана: lessons held against planned per course, КТП hours against the curriculum',
  'parent-linking': 'Подключение родителей: per group, the share of students with at least one linked parent',
};

const querystring = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: { ...localDate, description: 'first day, inclusive' },
    to: { ...localDate, description: 'last day, inclusive (at most 400 days after from)' },
    groupId: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'one group; the whole school when absent' },
    format: { type: 'string', enum: ['json', 'csv', 'pdf'], default: 'json', description: 'csv: UTF-8 with BOM, ";"; pdf: a printable document' },
  },
} as const;

const reportSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    title: { type: 'string' },
    school: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    from: { type: 'string' },
    to: { type: 'string' },
    group: { type: 'object', nullable: true, properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    rows: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'see docs/reports.md for the fields of each report' },
  },
} as const;

/** ASCII fallback plus the UTF-8 name (RFC 6266), so Cyrillic group names survive. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** GET /v1/reports/<kind>?from=&to=&groupId=&format=json|csv|pdf */
export async function reportRoutes(app: FastifyInstance, deps: { reports: ReportsService }): Promise<void> {
  type Query = { Querystring: { from: string; to: string; groupId?: number; format: 'json' | 'csv' | 'pdf' } };
  for (const kind of REPORT_KINDS) {
    app.get<Query>(`/reports/${kind}`, {
      schema: {
        tags, summary: SUMMARIES[kind], querystring,
        response: {
          200: { description: 'JSON (format=json), text/csv (format=csv) or application/pdf (format=pdf)', ...reportSchema },
          ...responses,
        },
      },
    }, async (request, reply) => {
      const { from, to, groupId, format } = request.query;
      const params = { from, to, groupId: groupId ?? null };
      if (format === 'json') return deps.reports.report(request.principal, schoolIdOf(request), kind, params);
      const file = await deps.reports.document(request.principal, schoolIdOf(request), kind, params, format);
      return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
    });
  }
}
