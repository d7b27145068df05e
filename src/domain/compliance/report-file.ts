import type { ReportDocument } from '../reports/types.js';
import { periodText } from '../reports/render/format.js';
import type { ComplianceSummary, TeacherCompliance } from './summary.js';
import type { TermGradeTally } from './term-types.js';

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

const TERM_COLUMNS: ReportDocument['table']['columns'] = [
  { header: 'Отметки за период вовремя', width: 10, align: 'right' },
  { header: 'Отметки с опозданием', width: 10, align: 'right' },
  { header: 'Отметки не выставлены', width: 10, align: 'right' },
];
const termCells = (t: Omit<TermGradeTally, 'teacherId'> | undefined) => [t?.onTime ?? 0, t?.late ?? 0, t?.missing ?? 0].map(String);

/**
 * The same figures GET /v1/compliance gives, per teacher (worst first) with the totals row, as
 * a school document for the PDF renderer. Printable documents are Russian, like every report.
 */
export function complianceFile(
  summary: ComplianceSummary,
  ctx: { schoolName: string; title: string; scope: string; signatures: string[]; fileStem: string },
  /** Term grades due in the period, by teacher: three more columns when there are any. */
  terms?: readonly TermGradeTally[],
): ComplianceFile {
  const byTeacher = new Map((terms ?? []).map((t) => [t.teacherId, t]));
  const withTerms = byTeacher.size > 0;
  const sum = (k: 'onTime' | 'late' | 'missing') => (terms ?? []).reduce((n, t) => n + t[k], 0);
  const rows = summary.teachers.map((t, i) => [
    String(i + 1),
    t.teacherName,
    ...cells(t),
    ...(withTerms ? termCells(byTeacher.get(t.teacherId)) : []),
  ]);
  rows.push([
    '',
    'Итого',
    ...cells(summary.totals),
    ...(withTerms ? termCells({ onTime: sum('onTime'), late: sum('late'), missing: sum('missing') }) : []),
  ]);
  return {
    document: {
      title: ctx.title,
      schoolName: ctx.schoolName,
      period: periodText(summary.from, summary.to),
      scope: `${ctx.scope}; срок заполнения ${summary.fillDeadline}`,
      table: { columns: withTerms ? [...COLUMNS, ...TERM_COLUMNS] : COLUMNS, rows },
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
