import type { FastifyInstance } from 'fastify';
import type { ComplianceService, ComplianceSummary } from '../../domain/compliance/index.js';
import { spreadsheetCsv } from '../../domain/csv/index.js';
import { errorResponses, localDate } from '../schemas.js';

const int = { type: 'integer' } as const;
const share = { type: ['number', 'null'], description: 'on time / (on time + late + missing), 0..1; null when nothing was due' } as const;
const counts = { lessons: int, onTime: int, late: int, missing: int, pending: int, onTimeShare: share } as const;

const summarySchema = {
  type: 'object',
  properties: {
    schoolId: int, period: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, fillDeadline: { type: 'string' },
    requiredParts: { type: 'array', items: { type: 'string' } }, generatedAt: { type: 'string', format: 'date-time' },
    totals: { type: 'object', properties: counts },
    teachers: { type: 'array', items: { type: 'object', properties: { teacherId: int, teacherName: { type: 'string' }, ...counts } } },
  },
} as const;

/** Written by the one export writer (BOM, `;`, formulas defused), like every CSV a person opens. */
export function summaryCsv(summary: ComplianceSummary): Buffer {
  const header = ['teacher_id', 'teacher', 'lessons', 'on_time', 'late', 'missing', 'pending', 'on_time_share'];
  const rows = summary.teachers.map((t) => [t.teacherId, t.teacherName, t.lessons, t.onTime, t.late, t.missing, t.pending, t.onTimeShare]);
  return spreadsheetCsv([header, ...rows]);
}

export async function complianceRoutes(app: FastifyInstance, deps: { compliance: ComplianceService }): Promise<void> {
  app.get('/compliance', {
    schema: {
      tags: ['compliance'],
      summary: 'Timeliness of the journal per teacher (worst first) for the day, ISO week or month containing `date`',
      querystring: {
        type: 'object',
        required: ['period'],
        properties: {
          period: { type: 'string', enum: ['day', 'week', 'month'] },
          date: { ...localDate, description: 'Any day of the period; default today in the school timezone' },
          format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
        },
        additionalProperties: false,
      },
      response: { 200: summarySchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const q = request.query as { period: 'day' | 'week' | 'month'; date?: string; format?: 'json' | 'csv' };
    const summary = await deps.compliance.summary(request.principal, { period: q.period, date: q.date });
    if (q.format !== 'csv') return summary;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="compliance-${summary.period}-${summary.from}.csv"`)
      .serializer((payload: unknown) => payload as string)
      .send(summaryCsv(summary));
  });
}
