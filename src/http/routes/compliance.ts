import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ComplianceService, ComplianceSummary } from '../../domain/compliance/index.js';
import { spreadsheetCsv } from '../../domain/csv/index.js';
import { DateTime, errorResponses, LocalDate, Nullable, Out, StringEnum } from '../schemas.js';

const int = Type.Integer();
const share = Nullable(Type.Number(), { description: 'on time / (on time + late + missing), 0..1; null when nothing was due' });
const counts = { lessons: int, onTime: int, late: int, missing: int, pending: int, onTimeShare: share };

const summarySchema = Out({
  schoolId: int,
  period: Type.String(),
  from: Type.String(),
  to: Type.String(),
  fillDeadline: Type.String(),
  requiredParts: Type.Array(Type.String()),
  generatedAt: DateTime(),
  totals: Out(counts),
  teachers: Type.Array(Out({ teacherId: int, teacherName: Type.String(), ...counts })),
});

const complianceQuery = Type.Object(
  {
    period: StringEnum(['day', 'week', 'month']),
    date: Type.Optional(LocalDate({ description: 'Any day of the period; default today in the school timezone' })),
    format: StringEnum(['json', 'csv'], { default: 'json' }),
  },
  { additionalProperties: false },
);

/** Written by the one export writer (BOM, `;`, formulas defused), like every CSV a person opens. */
export function summaryCsv(summary: ComplianceSummary): Buffer {
  const header = ['teacher_id', 'teacher', 'lessons', 'on_time', 'late', 'missing', 'pending', 'on_time_share'];
  const rows = summary.teachers.map((t) => [t.teacherId, t.teacherName, t.lessons, t.onTime, t.late, t.missing, t.pending, t.onTimeShare]);
  return spreadsheetCsv([header, ...rows]);
}

export async function complianceRoutes(scope: FastifyInstance, deps: { compliance: ComplianceService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/compliance',
    {
      schema: {
        tags: ['compliance'],
        operationId: 'getCompliance',
        summary: 'Timeliness of the journal per teacher (worst first) for the day, ISO week or month containing `date`',
        querystring: complianceQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: summarySchema },
              'text/csv': {
                schema: Type.Unsafe<Buffer>({ type: 'string', description: 'format=csv: one row per teacher (UTF-8 with BOM, ";")' }),
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const summary = await deps.compliance.summary(request.principal, { period: q.period, date: q.date });
      if (q.format !== 'csv') return summary;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="compliance-${summary.period}-${summary.from}.csv"`)
        .serializer((payload: unknown) => payload as string)
        .send(summaryCsv(summary));
    },
  );
}
