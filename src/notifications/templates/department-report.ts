import type { DepartmentMonth } from '../../domain/compliance/index.js';
import { escapeHtml, formatMonth, translator, type Locale } from '../../i18n/index.js';
import type { RenderedMessage } from '../channels/types.js';
import { message } from './index.js';

/** Lines a caption holds with room to spare (Telegram: 1,024 characters); the PDF lists everyone. */
const MAX_TEACHERS = 12;

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** The head of department's monthly message: the department's totals and its teachers, the PDF attached by the delivery. */
export function renderDepartmentReport(report: DepartmentMonth, locale: Locale): RenderedMessage {
  const t = translator(locale);
  const { summary } = report;
  const name = escapeHtml(report.department.name);
  const subject = t('deptpdf.subject', { name, month: formatMonth(summary.from, locale) });
  const tot = summary.totals;
  const due = (x: { onTime: number; late: number; missing: number }) => x.onTime + x.late + x.missing;
  const totals = t('deptpdf.totals', {
    teachers: summary.teachers.length,
    due: due(tot),
    onTime: tot.onTime,
    late: tot.late,
    missing: tot.missing,
    share: pct(tot.onTimeShare),
  });
  const shown = summary.teachers.slice(0, MAX_TEACHERS);
  const lines = shown.map((x, i) =>
    t('deptpdf.teacher', { i: i + 1, name: escapeHtml(x.teacherName), due: due(x), onTime: x.onTime, late: x.late, missing: x.missing }),
  );
  if (summary.teachers.length > shown.length) lines.push(t('deptpdf.more', { n: summary.teachers.length - shown.length }));
  if (report.termGrades.length) {
    const sum = (k: 'onTime' | 'late' | 'missing') => report.termGrades.reduce((n, x) => n + x[k], 0);
    lines.push('', t('deptpdf.terms', { onTime: sum('onTime'), late: sum('late'), missing: sum('missing') }));
  }
  return message(subject, `<b>${subject}</b>\n\n${totals}\n${lines.join('\n')}\n\n${t('deptpdf.attached')}`);
}
