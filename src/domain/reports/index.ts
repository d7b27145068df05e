import type { UnitOfWork, Repositories } from '../ports.js';
import { daysBetween, isLocalDate, type LocalDate } from '../shared/dates.js';
import { ForbiddenError, NotFoundError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { sameSchool, type Principal } from '../shared/principal.js';
import type { School } from '../schools/types.js';
import { controlWorkRows, reportedWorkTypes } from './control-works.js';
import { reportCsv } from './render/csv.js';
import { periodText } from './render/format.js';
import { TABLES } from './render/tables.js';
import {
  REPORT_KINDS,
  type DocumentRenderer,
  type RegionDailyRow,
  type ReportDocument,
  type ReportKind,
  type ReportQuery,
  type ReportRows,
} from './types.js';

export type * from './types.js';
export { REPORT_KINDS } from './types.js';
export { reportCsv } from './render/csv.js';

/** A year and a month: long enough for a school year with its summer, short enough to stay cheap. */
export const MAX_REPORT_DAYS = 400;

export interface ReportsServiceDeps {
  uow: UnitOfWork;
  renderer: DocumentRenderer;
}

export interface ReportParams {
  from: LocalDate;
  to: LocalDate;
  /** One group, or the whole school when absent or null. */
  groupId?: number | null;
}

export interface ReportResult<K extends ReportKind> {
  kind: K;
  title: string;
  school: { id: number; name: string };
  from: LocalDate;
  to: LocalDate;
  group: { id: number; name: string } | null;
  rows: ReportRows[K][];
}

export interface ReportFile {
  content: Buffer;
  /** 'attendance-summary_5А_2026-09-01_2026-09-30.pdf'. */
  fileName: string;
  contentType: string;
}

/**
 * The school's statistical reports (see docs/reports.md for every figure and how it is counted).
 *
 * Who may read them: the school's API key, the system, the administrator, director and deputy
 * director of the school; the class teacher for their own group. A group of another school is
 * reported missing (NotFoundError); a bad period raises ValidationError.
 */
export interface ReportsService {
  /** The report's rows as data (the HTTP API's JSON). */
  report<K extends ReportKind>(principal: Principal, schoolId: number, kind: K, params: ReportParams): Promise<ReportResult<K>>;
  /**
   * The report as a file: CSV for a spreadsheet or PDF to print and sign. This is the function
   * the bot calls when a deputy director asks for a report:
   * `document({ kind: 'user', userId, schoolId, roles: ['deputy_director'] }, schoolId,
   * 'attendance-summary', { from, to, groupId }, 'pdf')` gives `{ content, fileName }`
   * ready for `ctx.replyWithDocument(new InputFile(content, fileName))`.
   */
  document(principal: Principal, schoolId: number, kind: ReportKind, params: ReportParams, format: 'csv' | 'pdf'): Promise<ReportFile>;
  /** Every school's attendance on one date; system principal only (a regional authority's view). */
  regionDaily(principal: Principal, date: LocalDate): Promise<RegionDailyRow[]>;
}

const LOADERS: { [K in ReportKind]: (repos: Repositories, q: ReportQuery, school: School) => Promise<ReportRows[K][]> } = {
  'attendance-summary': (r, q) => r.reports.attendanceSummary(q),
  'class-attendance': (r, q) => r.reports.classAttendance(q),
  'grades-summary': (r, q) => r.reports.gradesSummary(q),
  'class-results': (r, q) => r.reports.classResults(q),
  'class-sizes': (r, q) => r.reports.classSizes(q),
  movement: (r, q) => r.reports.movement(q),
  'plan-fulfilment': (r, q) => r.reports.planFulfilment(q),
  'parent-linking': (r, q) => r.reports.parentLinking(q),
  'control-works': async (r, q, school) => {
    const types = school.policy.workTypes;
    const codes = reportedWorkTypes(types).map((w) => w.code);
    return codes.length ? controlWorkRows(await r.reports.workLessons(q, codes), types) : [];
  },
};

const CLASS_REPORTS = new Set<ReportKind>(['attendance-summary', 'class-attendance', 'grades-summary', 'class-results', 'control-works']);
const ADMIN_ROLES = new Set(['administrator', 'director', 'deputy_director']);

function validate(kind: string, params: ReportParams): void {
  const details: ErrorDetail[] = [];
  if (!(REPORT_KINDS as readonly string[]).includes(kind))
    details.push({ path: 'kind', message: `must be one of ${REPORT_KINDS.join(', ')}` });
  if (!isLocalDate(params.from)) details.push({ path: 'from', message: 'must be a date YYYY-MM-DD' });
  if (!isLocalDate(params.to)) details.push({ path: 'to', message: 'must be a date YYYY-MM-DD' });
  if (!details.length && params.from > params.to) details.push({ path: 'to', message: 'must not be before from' });
  if (!details.length && daysBetween(params.from, params.to) >= MAX_REPORT_DAYS)
    details.push({ path: 'to', message: `the period may span at most ${MAX_REPORT_DAYS} days` });
  if (details.length) throw new ValidationError('Invalid report parameters', details);
}

export function createReportsService(deps: ReportsServiceDeps): ReportsService {
  const { uow, renderer } = deps;

  async function report<K extends ReportKind>(
    principal: Principal,
    schoolId: number,
    kind: K,
    params: ReportParams,
  ): Promise<ReportResult<K>> {
    validate(kind, params);
    const repos = uow.repos;
    if (!sameSchool(principal, schoolId)) throw new NotFoundError('School', schoolId);
    const school = await repos.schools.findById(schoolId);
    if (!school) throw new NotFoundError('School', schoolId);
    const groupId = params.groupId ?? null;
    let group: ReportResult<K>['group'] = null;
    let classTeacher = false;
    if (groupId !== null) {
      const found = await repos.journal.findGroup(groupId);
      if (!found || found.schoolId !== schoolId) throw new NotFoundError('Group', groupId);
      group = { id: found.id, name: found.name };
      classTeacher = principal.kind === 'user' && found.classTeacherId === principal.userId;
    }
    const admin = principal.kind !== 'user' || principal.roles.some((r) => ADMIN_ROLES.has(r));
    if (!admin && !classTeacher) throw new ForbiddenError('Reports are for the school administration and the class teacher of the group');
    const rows = await LOADERS[kind](repos, { schoolId, from: params.from, to: params.to, groupId }, school);
    return { kind, title: TABLES[kind].title, school: { id: school.id, name: school.name }, from: params.from, to: params.to, group, rows };
  }

  return {
    report,
    async document(principal, schoolId, kind, params, format) {
      const result = await report(principal, schoolId, kind, params);
      const table = (TABLES[kind].table as (rows: unknown[]) => ReportDocument['table'])(result.rows);
      const base = [kind, result.group?.name ?? 'школа', params.from, params.to].join('_').replace(/[\\/:*?"<>|\s]+/g, '-');
      if (format === 'csv') return { content: reportCsv(table), fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8' };
      const document: ReportDocument = {
        title: result.title,
        schoolName: result.school.name,
        period: periodText(params.from, params.to),
        scope: result.group ? `Класс: ${result.group.name}` : 'Все классы',
        table,
        signatures:
          CLASS_REPORTS.has(kind) && result.group
            ? ['Классный руководитель', 'Заместитель директора по УВР']
            : ['Заместитель директора по УВР', 'Директор'],
      };
      return { content: await renderer.pdf(document), fileName: `${base}.pdf`, contentType: 'application/pdf' };
    },
    async regionDaily(principal, date) {
      if (principal.kind !== 'system') throw new ForbiddenError('The regional summary is for the system only');
      if (!isLocalDate(date)) throw new ValidationError('Invalid date', [{ path: 'date', message: 'must be a date YYYY-MM-DD' }]);
      return uow.repos.reports.regionDaily(date);
    },
  };
}
