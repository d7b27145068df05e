import type { ReportDocument } from '../reports/types.js';
import { periodText } from '../reports/render/format.js';
import type { ComplianceSummary, TeacherCompliance } from './summary.js';

/** A compliance report as a printable document and the name its file is sent under. */
export interface ComplianceFile {
  document: ReportDocument;
  fileName: string;
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

type Counts = Omit<TeacherCompliance, 'teacherId' | 'teacherName'>;

/** Due lessons are those whose deadline passed: on time, late or still unfilled. */
const cells = (c: Counts) => [
  String(c.onTime + c.late + c.missing),
  String(c.onTime),
  String(c.late),
  String(c.missing),
  String(c.pending),
  percent(c.onTimeShare),
];

const COLUMNS: ReportDocument['table']['columns'] = [
  { header: '№', width: 4, align: 'right' },
  { header: 'Учитель', width: 30 },
  { header: 'Уроков к заполнению', width: 11, align: 'right' },
  { header: 'Заполнено вовремя', width: 11, align: 'right' },
  { header: 'Заполнено с опозданием', width: 11, align: 'right' },
  { header: 'Не заполнено', width: 10, align: 'right' },
  { header: 'Срок не наступил', width: 10, align: 'right' },
  { header: 'Доля вовремя', width: 9, align: 'right' },
];

/**
 * The same figures GET /v1/compliance gives, per teacher (worst first) with the totals row, as
 * a school document for the PDF renderer. Printable documents are Russian, like every report.
 */
export function complianceFile(
  summary: ComplianceSummary,
  ctx: { schoolName: string; title: string; scope: string; signatures: string[]; fileStem: string },
): ComplianceFile {
  const rows = summary.teachers.map((t, i) => [String(i + 1), t.teacherName, ...cells(t)]);
  rows.push(['', 'Итого', ...cells(summary.totals)]);
  return {
    document: {
      title: ctx.title,
      schoolName: ctx.schoolName,
      period: periodText(summary.from, summary.to),
      scope: `${ctx.scope}; срок заполнения ${summary.fillDeadline}`,
      table: { columns: COLUMNS, rows },
      signatures: ctx.signatures,
    },
    fileName: `${ctx.fileStem}_${summary.from}_${summary.to}.pdf`,
  };
}

/** The deputy's (and director's) weekly or monthly report as a file: the whole school. */
export function schoolReportFile(summary: ComplianceSummary, schoolName: string): ComplianceFile {
  const period = summary.period === 'week' ? 'за неделю' : summary.period === 'month' ? 'за месяц' : 'за день';
  return complianceFile(summary, {
    schoolName,
    title: `Отчёт о заполнении электронного журнала ${period}`,
    scope: 'Все учителя школы',
    signatures: ['Заместитель директора по УВР'],
    fileStem: `compliance-${summary.period}`,
  });
}
