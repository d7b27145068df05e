import type { UnitOfWork } from '../../ports.js';
import type { Clock } from '../../shared/clock.js';
import { localDateOf, numericDate, type LocalDate } from '../../shared/dates.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { isSchoolAdmin } from '../../journal/access.js';
import type { Principal } from '../../shared/principal.js';
import { weightedAverage } from '../../year/final-grades.js';
import { weightOf } from '../../year/work-types.js';
import { reportCsv } from '../render/csv.js';
import { monthLabel, periodText } from '../render/format.js';
import type { DocumentRenderer, ReportDocument } from '../types.js';
import { monthRange, openCourse, schoolOf, sheetPeriodsOf, withLag, yearStartOf } from './scope.js';
import { COURSE_TABLES } from './tables.js';
import type { CourseReportKind, CourseReportRows, SheetPeriod, TeacherCourse } from './types.js';

export type * from './types.js';
export { COURSE_REPORT_KINDS } from './types.js';

export interface CourseReportsDeps {
  uow: UnitOfWork;
  renderer: DocumentRenderer;
  clock: Clock;
}

/** Which report, of what: a course's ведомость of a period (its term; the current period by default), a course's month, a teacher's КТП. */
export type CourseReportRequest =
  | { kind: 'course-sheet'; courseId: number; term?: number | null }
  | { kind: 'course-attendance'; courseId: number; month?: string | null }
  | { kind: 'teacher-plan'; teacherId?: number | null };

export interface CourseReportResult<K extends CourseReportKind = CourseReportKind> {
  kind: K;
  title: string;
  school: { id: number; name: string };
  from: LocalDate;
  to: LocalDate;
  /** The course reported on; null for the КТП over all of a teacher's courses. */
  course: TeacherCourse | null;
  teacher: { id: number; name: string };
  /** '1 четверть', 'октябрь 2026', or the date the КТП is counted to. */
  periodName: string;
  rows: CourseReportRows[K][];
}

export interface CourseFile {
  content: Buffer;
  fileName: string;
  contentType: string;
  /** What the file covers, for a caption. */
  about: Pick<CourseReportResult, 'kind' | 'course' | 'from' | 'to' | 'periodName'>;
}

/**
 * The subject teacher's reports over their own courses (docs/reports.md). A teacher reads only
 * the courses they teach; the school's administration and API key read any of the school's.
 */
export interface CourseReportsService {
  /** The acting teacher's courses, by class then subject; empty for a user who teaches none. */
  myCourses(principal: Principal): Promise<TeacherCourse[]>;
  /** The study periods a ведомость of the course may cover, and the current one. */
  sheetPeriods(principal: Principal, courseId: number): Promise<{ course: TeacherCourse; periods: SheetPeriod[]; current: SheetPeriod }>;
  report(principal: Principal, request: CourseReportRequest): Promise<CourseReportResult>;
  /** The report as a file for the bot or the API: CSV for a spreadsheet, PDF to print and sign. */
  document(principal: Principal, request: CourseReportRequest, format: 'csv' | 'pdf'): Promise<CourseFile>;
}

const fullName = (u: { lastName: string; firstName: string; middleName: string | null }) =>
  [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' ');
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-');

export function createCourseReportsService(deps: CourseReportsDeps): CourseReportsService {
  const { uow, renderer, clock } = deps;
  const repos = uow.repos;

  async function teacherOf(schoolId: number, teacherId: number) {
    const user = await repos.access.findUser(schoolId, teacherId);
    if (!user) throw new NotFoundError('Teacher', teacherId);
    return { id: user.id, name: fullName(user) };
  }

  async function report(principal: Principal, request: CourseReportRequest): Promise<CourseReportResult> {
    if (request.kind === 'teacher-plan') {
      if (principal.kind === 'system') throw new ForbiddenError('The КТП report is read as a teacher or as the school');
      const teacherId = request.teacherId ?? (principal.kind === 'user' ? principal.userId : null);
      if (teacherId === null) throw new ValidationError('Invalid report parameters', [{ path: 'teacherId', message: 'is required' }]);
      if (principal.kind === 'user' && teacherId !== principal.userId && !isSchoolAdmin(principal, principal.schoolId))
        throw new ForbiddenError('The КТП report is for the teacher and the school administration');
      const school = await schoolOf(repos, principal.schoolId);
      const teacher = await teacherOf(school.id, teacherId);
      const today = localDateOf(clock.now(), school.timezone);
      const from = yearStartOf(today);
      const rows = (await repos.reports.teacherPlan(school.id, teacherId, from, today)).map(withLag);
      return { ...head('teacher-plan', school), from, to: today, course: null, teacher, periodName: `на ${numericDate(today)}`, rows };
    }
    const cls = await openCourse(repos, principal, request.courseId);
    const school = await schoolOf(repos, cls.schoolId);
    const today = localDateOf(clock.now(), school.timezone);
    const teacher = await teacherOf(school.id, cls.teacherId);
    const course: TeacherCourse = {
      courseId: cls.courseId,
      groupId: cls.groupId,
      groupName: cls.groupName,
      subjectName: cls.subjectName,
      gradeLevel: cls.gradeLevel,
    };
    if (request.kind === 'course-attendance') {
      const range = monthRange(request.month, today);
      const rows = await repos.reports.courseAttendance(cls.courseId, range.from, range.to);
      return {
        ...head('course-attendance', school),
        from: range.from,
        to: range.to,
        course,
        teacher,
        periodName: monthLabel(range.month),
        rows,
      };
    }
    const { periods, current } = await sheetPeriodsOf(repos, cls, today);
    const period = request.term == null ? current : periods.find((p) => p.term === request.term);
    if (!period) throw new NotFoundError('Study period', request.term ?? 0);
    const sheet = await repos.finalGrades.periodSheet(cls, period.from, period.to, { kind: 'term', term: period.term }, period.from);
    const { workTypes } = school.policy;
    const rows = sheet.map((r) => ({
      studentId: r.student.id,
      studentName: fullName(r.student),
      marks: r.marks.map((m) => ({ value: m.value, date: m.date, weight: weightOf(workTypes, m.workType) })),
      average: weightedAverage(r.marks, workTypes),
      periodGrade: r.final?.value ?? null,
    }));
    return { ...head('course-sheet', school), from: period.from, to: period.to, course, teacher, periodName: period.name, rows };
  }

  return {
    report,
    async myCourses(principal) {
      if (principal.kind !== 'user') return [];
      return repos.reports.teacherCourses(principal.schoolId, principal.userId);
    },
    async sheetPeriods(principal, courseId) {
      const cls = await openCourse(repos, principal, courseId);
      const school = await schoolOf(repos, cls.schoolId);
      const found = await sheetPeriodsOf(repos, cls, localDateOf(clock.now(), school.timezone));
      const course = {
        courseId: cls.courseId,
        groupId: cls.groupId,
        groupName: cls.groupName,
        subjectName: cls.subjectName,
        gradeLevel: cls.gradeLevel,
      };
      return { course, ...found };
    },
    async document(principal, request, format) {
      const r = await report(principal, request);
      const spec = COURSE_TABLES[r.kind] as { table(rows: unknown[], periodName: string): ReportDocument['table'] };
      const table = spec.table(r.rows, r.periodName);
      const scope = r.course ? `${r.course.groupName}_${r.course.subjectName}` : r.teacher.name.split(' ')[0]!;
      const base = safe([r.kind, scope, r.from, r.to].join('_'));
      const about = { kind: r.kind, course: r.course, from: r.from, to: r.to, periodName: r.periodName };
      if (format === 'csv') return { content: reportCsv(table), fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', about };
      const document: ReportDocument = {
        title: r.course ? `${r.title}: ${r.periodName}` : r.title,
        schoolName: r.school.name,
        period: periodText(r.from, r.to),
        scope: r.course
          ? `Класс: ${r.course.groupName}. Предмет: ${r.course.subjectName}. Учитель: ${r.teacher.name}`
          : `Учитель: ${r.teacher.name}`,
        table,
        signatures: ['Учитель', 'Заместитель директора по УВР'],
      };
      return { content: await renderer.pdf(document), fileName: `${base}.pdf`, contentType: 'application/pdf', about };
    },
  };
}

function head<K extends CourseReportKind>(kind: K, school: { id: number; name: string }) {
  return { kind, title: COURSE_TABLES[kind].title, school: { id: school.id, name: school.name } };
}
