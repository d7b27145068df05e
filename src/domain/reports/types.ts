import type { LocalDate } from '../shared/dates.js';
import type { CourseReportQueries } from './course/types.js';

export const REPORT_KINDS = [
  'attendance-summary',
  'class-attendance',
  'grades-summary',
  'class-results',
  'class-sizes',
  'movement',
  'plan-fulfilment',
  'parent-linking',
  'control-works',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ReportFormat = 'json' | 'csv' | 'pdf';

/** A period (both ends inclusive, school-local dates) and one group or the whole school (`groupId` null). */
export interface ReportQuery {
  schoolId: number;
  from: LocalDate;
  to: LocalDate;
  groupId: number | null;
}

/** Counts of student-lessons by mark: н (absent), б (sick), у (excused), оп (late). */
export interface AttendanceCounts {
  /** Lessons held (not cancelled) while the student was in the group. */
  lessons: number;
  absent: number;
  sick: number;
  excused: number;
  late: number;
  /** absent + sick + excused: a late student was at the lesson. */
  missed: number;
  /** missed / lessons × 100, one decimal; null without lessons. */
  missedPercent: number | null;
}

/** `month` is 'YYYY-MM'; null marks the row for the whole period. */
export interface AttendanceSummaryRow extends AttendanceCounts {
  groupId: number;
  groupName: string;
  studentId: number;
  studentName: string;
  month: string | null;
}

export interface ClassAttendanceRow extends AttendanceCounts {
  groupId: number;
  groupName: string;
  month: string | null;
  /** Students in the group on any day of the month (or period). */
  students: number;
  /** Distinct lessons held; `lessons` counts student-lessons. */
  lessonsHeld: number;
}

export interface GradesSummaryRow {
  groupId: number;
  groupName: string;
  studentId: number;
  studentName: string;
  courseId: number;
  subjectName: string;
  /** Current grades in date order. */
  current: string[];
  /** Average of the numeric current grades, two decimals. */
  average: number | null;
  terms: { term: number; value: string }[];
  year: string | null;
}

export interface ClassResultsRow {
  groupId: number;
  groupName: string;
  students: number;
  /** Students with at least one final grade. */
  assessed: number;
  excellent: number;
  good: number;
  oneThree: number;
  withThrees: number;
  failing: number;
  notAssessed: number;
  /** (excellent + good) / assessed × 100. */
  qualityPercent: number | null;
  /** (assessed − failing) / assessed × 100. */
  successPercent: number | null;
}

export interface ClassSizeRow {
  groupId: number;
  groupName: string;
  atStart: number;
  arrived: number;
  departed: number;
  atEnd: number;
}

export interface MovementRow {
  date: LocalDate;
  kind: 'arrival' | 'departure';
  studentId: number;
  studentName: string;
  groupId: number;
  groupName: string;
  /** The group the student came from (arrival) or went to (departure) the adjacent day, if any. */
  otherGroupName: string | null;
  reason: string | null;
}

export interface PlanFulfilmentRow {
  courseId: number;
  groupId: number;
  groupName: string;
  subjectName: string;
  teacherName: string;
  /** Hours of the curriculum (courses.planned_hours). */
  curriculumHours: number | null;
  /** Sum of the КТП items' hours. */
  ktpHours: number;
  /** Lessons in the schedule for the period, cancelled ones included. */
  lessonsPlanned: number;
  lessonsCancelled: number;
  /** Not cancelled; a substituted lesson is held. */
  lessonsHeld: number;
  substituted: number;
  heldPercent: number | null;
  ktpPercent: number | null;
}

export interface ParentLinkingRow {
  groupId: number;
  groupName: string;
  /** Students in the group on the last day of the period. */
  students: number;
  withLinkedParent: number;
  linkedPercent: number | null;
}

/** A held lesson of one of the given work types, as the database finds it (names and periods still raw). */
export interface WorkLessonRecord {
  groupId: number;
  groupName: string;
  courseId: number;
  subjectName: string;
  lessonId: number;
  date: LocalDate;
  /** Who held it: the substitute when there was one. */
  teacherName: string;
  topic: string | null;
  /** The code of the school's work type. */
  workType: string;
  periodKind: string | null;
  periodNumber: number | null;
}

/** A lesson held as one of the works the regulations list per class and subject (контрольная, лабораторная, практическая). */
export interface ControlWorkRow extends Omit<WorkLessonRecord, 'periodKind' | 'periodNumber'> {
  /** The type's name as the school prints it, and its report group. */
  workTypeName: string;
  report: 'control' | 'laboratory' | 'practical';
  /** The study period of the class's grade level the lesson falls in ('2 четверть'); null when no periods are loaded. */
  period: string | null;
}

export interface RegionDailyRow {
  schoolId: number;
  schoolName: string;
  lessonsHeld: number;
  studentLessons: number;
  absent: number;
  sick: number;
  excused: number;
  late: number;
}

export interface ReportRows {
  'attendance-summary': AttendanceSummaryRow;
  'class-attendance': ClassAttendanceRow;
  'grades-summary': GradesSummaryRow;
  'class-results': ClassResultsRow;
  'class-sizes': ClassSizeRow;
  movement: MovementRow;
  'plan-fulfilment': PlanFulfilmentRow;
  'parent-linking': ParentLinkingRow;
  'control-works': ControlWorkRow;
}

/**
 * The aggregates behind the reports, computed by the database. Rows come sorted: groups by
 * name, students by last, first and middle name (Russian order), months ascending with the
 * period row (month null) last.
 */
export interface ReportsRepository extends CourseReportQueries {
  attendanceSummary(q: ReportQuery): Promise<AttendanceSummaryRow[]>;
  classAttendance(q: ReportQuery): Promise<ClassAttendanceRow[]>;
  gradesSummary(q: ReportQuery): Promise<GradesSummaryRow[]>;
  classResults(q: ReportQuery): Promise<ClassResultsRow[]>;
  classSizes(q: ReportQuery): Promise<ClassSizeRow[]>;
  movement(q: ReportQuery): Promise<MovementRow[]>;
  planFulfilment(q: ReportQuery): Promise<PlanFulfilmentRow[]>;
  parentLinking(q: ReportQuery): Promise<ParentLinkingRow[]>;
  /**
   * Held (not cancelled) lessons whose work type is one of `workTypes`, sorted by group name,
   * subject, date and start, each with the study period its group's grade level has on its date.
   */
  workLessons(q: ReportQuery, workTypes: readonly string[]): Promise<WorkLessonRecord[]>;
  /** Every school on one date: what a regional authority looks at each morning. */
  regionDaily(date: LocalDate): Promise<RegionDailyRow[]>;
}

/** A table as printed: headers and cells already formatted. */
export interface ReportTable {
  columns: { header: string; width: number; align?: 'left' | 'right' | 'center' }[];
  rows: string[][];
}

/** Everything a printable document shows. */
export interface ReportDocument {
  title: string;
  schoolName: string;
  /** 'с 01.09.2026 по 31.05.2027'. */
  period: string;
  /** 'Класс: 5А' or 'Все классы'. */
  scope: string;
  table: ReportTable;
  /** Lines printed under the table, before the signatures (the class's totals). */
  notes?: string[];
  /** Lines for signatures under the table ('Заместитель директора по УВР'). */
  signatures: string[];
}

/** Renders a document as PDF; implemented outside the domain (pdfkit with the DejaVu font). */
export interface DocumentRenderer {
  pdf(document: ReportDocument): Promise<Buffer>;
}
