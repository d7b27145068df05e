import type { Clock } from '../shared/clock.js';
import { isLocalDate, localDateOf, type LocalDate } from '../shared/dates.js';
import { teachersOfHead } from '../departments/members.js';
import { ForbiddenError, GoneError, NotFoundError, RateLimitedError, ValidationError } from '../shared/errors.js';
import { actorIdOf, viaOf, type Principal, type Role } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import type { School } from '../schools/types.js';
import { afterQuietHours } from '../outbox/scheduling.js';
import { computeSummary, type ComplianceSummary } from './summary.js';
import { HEAD_ROLE } from './head-scope.js';
import type { DocumentRenderer } from '../reports/types.js';
import { departmentFile, departmentMonth, previousMonth, type DepartmentMonth } from './department-report.js';
import { incomplete, PERIODS, type Period } from './timing.js';

export type * from './types.js';
export type { ComplianceSummary, TeacherCompliance } from './summary.js';
export { computeSummary } from './summary.js';
export { schoolReportFile, type ComplianceFile } from './report-file.js';
export {
  departmentFile,
  departmentMonth,
  previousMonth,
  type DepartmentMonth,
  DEPARTMENT_REPORT_DAY,
  DEPARTMENT_REPORT_TIME,
} from './department-report.js';
export { escalationLessonsFor, getsSchoolAlert, HEAD_ROLE } from './head-scope.js';
export { createComplianceScanner, type ComplianceScanner, type ScanResult, REPORT_TIME, MONTHLY_REPORT_DAY } from './scanner.js';
export { TERM_NOTICE_TIME, termGradeRules } from './term-grades.js';
export type * from './term-types.js';
export { deadlineOf, incomplete, periodRange, PERIODS, type Period } from './timing.js';

/** Who may read the whole school's compliance and nudge any of its teachers. */
export const CONTROL_ROLES: readonly Role[] = ['administrator', 'director', 'deputy_director'];
/** A second nudge of the same teacher and day within this time is refused. */
export const NUDGE_INTERVAL_MS = 10 * 60_000;

export interface ComplianceServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  renderer: DocumentRenderer;
}

/** A head of department's monthly report on demand: the figures and the PDF. */
export interface DepartmentReport extends DepartmentMonth {
  file: { content: Buffer; fileName: string };
}

export function createComplianceService({ uow, clock, renderer }: ComplianceServiceDeps) {
  /** The school of the caller; the API key and control roles only. Another school's id looks missing. */
  /** Whom the nudged teacher is told asked for the reminder; the API key is the school's administration. */
  async function askerOf(principal: Principal): Promise<{ role: 'deputy' | 'director' | 'administrator'; name: string } | null> {
    if (principal.kind !== 'user') return null;
    const [me] = await uow.repos.compliance.staffByIds([principal.userId]);
    if (!me) return null;
    const role = me.roles.includes('deputy_director') ? 'deputy' : me.roles.includes('director') ? 'director' : 'administrator';
    return { role, name: me.name };
  }

  async function schoolFor(principal: Principal, schoolId?: number): Promise<School> {
    const id = principal.kind === 'system' ? schoolId : principal.schoolId;
    if (id === undefined || (schoolId !== undefined && schoolId !== id)) throw new NotFoundError('School', schoolId);
    if (principal.kind === 'user' && !principal.roles.some((r) => CONTROL_ROLES.includes(r) || r === HEAD_ROLE)) {
      throw new NotFoundError('Compliance report');
    }
    const school = await uow.repos.schools.findById(id);
    if (!school) throw new NotFoundError('School', id);
    return school;
  }

  /** The teachers the caller may see: undefined for the whole school; a head's departments otherwise. */
  async function teachersFor(principal: Principal, schoolId: number): Promise<ReadonlySet<number> | undefined> {
    if (principal.kind !== 'user' || principal.roles.some((r) => CONTROL_ROLES.includes(r))) return undefined;
    const teachers = await teachersOfHead(uow.repos.departments, schoolId, principal.userId);
    if (!teachers.size) throw new ForbiddenError('You head no department');
    return teachers;
  }

  return {
    /**
     * Per teacher (the responsible one: the substitute when there is one) in the day, ISO week or
     * month containing `date` (default: today in the school's timezone): lessons on time, filled
     * late, missing (deadline passed, still incomplete) and pending (not due yet), worst first.
     * For the API key, and users with the administrator, director or deputy_director role; a head of
     * department sees their departments' teachers only (ForbiddenError when they head none).
     */
    async summary(principal: Principal, input: { period: Period; date?: LocalDate; schoolId?: number }): Promise<ComplianceSummary> {
      const details = [];
      if (!PERIODS.includes(input.period)) details.push({ path: 'period', message: `must be one of ${PERIODS.join(', ')}` });
      if (input.date !== undefined && !isLocalDate(input.date)) details.push({ path: 'date', message: 'must be a date YYYY-MM-DD' });
      if (details.length) throw new ValidationError('The report request is invalid', details);
      const school = await schoolFor(principal, input.schoolId);
      const now = clock.now();
      const only = await teachersFor(principal, school.id);
      return computeSummary(uow.repos, school, input.period, input.date ?? localDateOf(now, school.timezone), now, only);
    },

    /** The departments the caller heads (the head's «Контроль» offers a monthly PDF for each). */
    async departmentsOf(principal: Principal): Promise<{ id: number; name: string }[]> {
      if (principal.kind !== 'user') return [];
      return (await uow.repos.departments.headedBy(principal.schoolId, principal.userId)).map((d) => ({ id: d.id, name: d.name }));
    },

    /**
     * The monthly report of a department the caller heads, for `month` ('YYYY-MM'; default the
     * calendar month before today, what the 10th's report covers), with its PDF. A department the
     * caller does not head (another's, another school's, a forged id) is NotFoundError.
     */
    async departmentReport(principal: Principal, departmentId: number, month?: string): Promise<DepartmentReport> {
      if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        throw new ValidationError('The month is invalid', [{ path: 'month', message: 'must be YYYY-MM' }]);
      if (principal.kind !== 'user') throw new NotFoundError('Department', departmentId);
      const school = await uow.repos.schools.findById(principal.schoolId);
      if (!school) throw new NotFoundError('School', principal.schoolId);
      const now = clock.now();
      const report = await departmentMonth(
        uow.repos,
        school,
        departmentId,
        principal.userId,
        month ?? previousMonth(localDateOf(now, school.timezone)),
        now,
      );
      if (!report) throw new NotFoundError('Department', departmentId);
      const file = departmentFile(report, school.name);
      return { ...report, file: { content: await renderer.pdf(file.document), fileName: file.fileName } };
    },

    /**
     * Queues a reminder to `teacherId` listing what is still missing of the lessons of `date`
     * (the bot's «Напомнить» button). Returns how many lessons it lists; nothing is queued when
     * none are missing. The same teacher and day again within 10 minutes raises RateLimitedError.
     */
    async nudge(principal: Principal, teacherId: number, date: LocalDate): Promise<{ queued: boolean; lessons: number }> {
      if (!isLocalDate(date)) throw new ValidationError('The date is invalid', [{ path: 'date', message: 'must be a date YYYY-MM-DD' }]);
      const school = await schoolFor(principal);
      const [teacher] = await uow.repos.compliance.staffByIds([teacherId]);
      if (!teacher || teacher.schoolId !== school.id) throw new NotFoundError('Teacher', teacherId);
      // A head may remind their departments' teachers only; another's looks missing, like another school's.
      const only = await teachersFor(principal, school.id);
      if (only && !only.has(teacherId)) throw new NotFoundError('Teacher', teacherId);
      // A stale «Напомнить» of a teacher who left since: said so, not "not found".
      if (!teacher.active) throw new GoneError('The teacher was deactivated', 'deactivated');
      const now = clock.now();
      const lessons = incomplete(await uow.repos.compliance.lessonsOfTeacherDay(teacherId, date), school.policy.requiredParts).filter(
        (l) => l.endsAt <= now,
      );
      if (!lessons.length) return { queued: false, lessons: 0 };
      const dedupeKey = `nudge:${teacherId}:${date}`;
      const last = await uow.repos.compliance.noticeState(dedupeKey);
      const lastAt = last ? (last.sentAt ?? last.dueAt) : null;
      if (lastAt && now.getTime() - lastAt.getTime() < NUDGE_INTERVAL_MS && last!.status !== 'skipped') {
        throw new RateLimitedError(
          'This teacher was reminded a moment ago',
          Math.ceil((NUDGE_INTERVAL_MS - (now.getTime() - lastAt.getTime())) / 1000),
        );
      }
      const askedBy = await askerOf(principal);
      const quiet = { start: teacher.quietStart ?? school.policy.quietHoursStart, end: teacher.quietEnd ?? school.policy.quietHoursEnd };
      await uow.transaction(async (repos) => {
        await repos.notifications.upsert([
          {
            schoolId: school.id,
            recipientId: teacherId,
            kind: 'reminder',
            dedupeKey,
            payload: { kind: 'reminder', teacherId, date, point: 'nudge', askedBy },
            notBefore: afterQuietHours(now, school.timezone, quiet.start, quiet.end),
            deadline: null,
          },
        ]);
        await repos.audit.record([
          {
            schoolId: school.id,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'teacher',
            entityId: teacherId,
            action: 'nudge',
            after: { date, lessons: lessons.map((l) => l.lessonId) },
          },
        ]);
      });
      return { queued: true, lessons: lessons.length };
    },
  };
}

export type ComplianceService = ReturnType<typeof createComplianceService>;
