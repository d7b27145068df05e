import { addLocalDays, instantAt, localDateOf, type LocalDate } from '../shared/dates.js';
import { withMembers } from '../departments/members.js';
import type { Repositories } from '../ports.js';
import type { School } from '../schools/types.js';
import type { OutboxEntry } from '../outbox/types.js';
import { inWindow, quietFor, releaseAfterQuietHours } from './scan-helpers.js';
import { complianceFile, type ComplianceFile } from './report-file.js';
import { computeSummary, type ComplianceSummary } from './summary.js';
import type { ComplianceRun } from './types.js';
import type { TermGradeTally } from './term-types.js';

/** The regulations' day of the head of department's report, and the morning hour it goes at (school time). */
export const DEPARTMENT_REPORT_DAY = 10;
export const DEPARTMENT_REPORT_TIME = '08:00';
/** compliance_runs kind: per school and month ('YYYY-MM'), then per department ('YYYY-MM:<departmentId>'). */
const RUN_KIND = 'dept_month';

/** 'YYYY-MM' of the calendar month before the one containing `date`. */
export const previousMonth = (date: LocalDate): string => addLocalDays(`${date.slice(0, 8)}01`, -1).slice(0, 7);

export interface DepartmentMonth {
  department: { id: number; name: string };
  summary: ComplianceSummary;
  /** Term grades of the periods due in the month, by the department's teachers (empty when none fell due). */
  termGrades: TermGradeTally[];
}

/**
 * The month of one department as its head sees it: the department's teachers only. Null when
 * `headId` does not head department `departmentId` of the school (another school's, a forged
 * id, or a head replaced since the notice was written).
 */
export async function departmentMonth(
  repos: Repositories,
  school: School,
  departmentId: number,
  headId: number,
  month: string,
  now: Date,
): Promise<DepartmentMonth | null> {
  const department = (await repos.departments.headedBy(school.id, headId)).find((d) => d.id === departmentId);
  if (!department) return null;
  const { memberIds } = await withMembers(repos.departments, school.id, department);
  const members = new Set(memberIds);
  const summary = await computeSummary(repos, school, 'month', `${month}-01`, now, members);
  const { termGradeOpenDays: openDays, termGradeDueDays: dueDays } = school.policy;
  const termGrades = (
    await repos.compliance.termGradesDue(school.id, summary.from, summary.to, { timezone: school.timezone, openDays, dueDays })
  ).filter((t) => members.has(t.teacherId));
  return { department: { id: department.id, name: department.name }, summary, termGrades };
}

export function departmentFile(report: DepartmentMonth, schoolName: string): ComplianceFile {
  return complianceFile(
    report.summary,
    {
      schoolName,
      title: 'Отчёт методического объединения о заполнении электронного журнала',
      scope: `МО: ${report.department.name}`,
      signatures: ['Руководитель методического объединения'],
      fileStem: `department-${report.department.id}`,
    },
    report.termGrades,
  );
}

/**
 * On the 10th at 08:00 school time: one notice per department to its head about the month
 * before. The claims (compliance_runs 'dept_month', 'YYYY-MM' and 'YYYY-MM:<id>') and the outbox rows are
 * written in the caller's transaction, so two scanners send one report. The figures and the
 * PDF are made when the notice is delivered (src/notifications/compose-compliance.ts).
 */
export async function departmentReports(repos: Repositories, schools: School[], now: Date): Promise<number> {
  const due = schools.filter((s) => {
    const today = localDateOf(now, s.timezone);
    const day = `${today.slice(0, 8)}${String(DEPARTMENT_REPORT_DAY).padStart(2, '0')}`;
    return inWindow(instantAt(day, DEPARTMENT_REPORT_TIME, s.timezone), now);
  });
  // A school-wide claim first, so the rest of the day's ticks cost one statement, not a list per school.
  const schoolRuns = await repos.compliance.claimRuns(
    due.map((s): ComplianceRun => ({ schoolId: s.id, kind: RUN_KIND, periodKey: previousMonth(localDateOf(now, s.timezone)) })),
  );
  const runs: (ComplianceRun & { headId: number; departmentId: number; month: string })[] = [];
  for (const { schoolId, periodKey: month } of schoolRuns) {
    for (const d of await repos.departments.list(schoolId)) {
      runs.push({ schoolId, kind: RUN_KIND, periodKey: `${month}:${d.id}`, headId: d.headId, departmentId: d.id, month });
    }
  }
  if (!runs.length) return 0;
  const claimed = new Set((await repos.compliance.claimRuns(runs)).map((r) => `${r.schoolId}:${r.periodKey}`));
  const mine = runs.filter((r) => claimed.has(`${r.schoolId}:${r.periodKey}`));
  if (!mine.length) return 0;
  const heads = new Map((await repos.compliance.staffByIds([...new Set(mine.map((r) => r.headId))])).map((u) => [u.userId, u]));
  const bySchool = new Map(schools.map((s) => [s.id, s]));
  const releaseAt = releaseAfterQuietHours(now);
  const entries: OutboxEntry[] = [];
  for (const r of mine) {
    const head = heads.get(r.headId);
    if (!head?.active) continue;
    const school = bySchool.get(r.schoolId)!;
    const quiet = quietFor(head, school);
    entries.push({
      schoolId: r.schoolId,
      recipientId: r.headId,
      kind: 'dept_report',
      dedupeKey: `dept-report:${r.departmentId}:${r.month}:${r.headId}`,
      payload: { kind: 'dept_report', departmentId: r.departmentId, month: r.month },
      notBefore: releaseAt(school.timezone, quiet.start, quiet.end),
      deadline: null,
    });
  }
  return repos.compliance.enqueueOnce(entries);
}
