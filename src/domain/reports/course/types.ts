import type { LocalDate } from '../../shared/dates.js';
import type { DivisionKind } from '../../year/types.js';

/** The subject teacher's reports over their own courses (docs/reports.md, «Отчёты учителя»). */
export const COURSE_REPORT_KINDS = ['course-sheet', 'course-attendance', 'teacher-plan'] as const;
export type CourseReportKind = (typeof COURSE_REPORT_KINDS)[number];

/** A course as the teacher's report screens name it. */
export interface TeacherCourse {
  courseId: number;
  groupId: number;
  /** «5А», or «7А (гр. 1)» for a subgroup. */
  groupName: string;
  subjectName: string;
  gradeLevel: number | null;
}

/** A study period of the class a ведомость may cover; `term` null: no periods loaded, the school year so far. */
export interface SheetPeriod {
  term: number | null;
  /** How the class's year is divided; null without periods. */
  kind: DivisionKind | null;
  /** '1 четверть'; 'учебный год' without periods. */
  name: string;
  from: LocalDate;
  to: LocalDate;
}

/** One student of the period ведомость. */
export interface CourseSheetRow {
  studentId: number;
  studentName: string;
  /** Current marks of the period, oldest first, with their weight (work type) in the average. */
  marks: { value: string; date: LocalDate; weight: number }[];
  /** Weighted by the school's work types, two decimals; null without a numeric mark. */
  average: number | null;
  /** The term grade of the period, if set. */
  periodGrade: string | null;
}

/** One student's marks in the course's lessons of a month (held lessons up to today). */
export interface CourseAttendanceRow {
  studentId: number;
  studentName: string;
  lessons: number;
  absent: number;
  sick: number;
  excused: number;
  late: number;
  missed: number;
}

/** What the database counts for one of the teacher's courses from the year's start to a date. */
export interface TeacherPlanCounts {
  courseId: number;
  groupName: string;
  subjectName: string;
  /** courses.planned_hours (the curriculum). */
  plannedHours: number | null;
  /** Topics and hours of the КТП (plan_items). */
  ktpTopics: number;
  ktpHours: number;
  /** Lessons in the schedule up to the date, cancelled ones included. */
  scheduled: number;
  /** Held (not cancelled) up to the date; a substitute's lesson is held. */
  held: number;
  /** Held lessons with a topic entered. */
  topicsEntered: number;
}

export interface TeacherPlanRow extends TeacherPlanCounts {
  /**
   * Lessons behind the plan: the lessons the timetable has had by the date (no more than the
   * КТП's hours when a КТП is loaded) less the lessons held with a topic; never below 0.
   */
  lag: number;
}

export interface CourseReportRows {
  'course-sheet': CourseSheetRow;
  'course-attendance': CourseAttendanceRow;
  'teacher-plan': TeacherPlanRow;
}

/** The named queries behind the teacher's reports (db/repositories/reports/courses.ts). */
export interface CourseReportQueries {
  /** The courses a teacher teaches in a school, by class then subject (Russian order). */
  teacherCourses(schoolId: number, teacherId: number): Promise<TeacherCourse[]>;
  /**
   * Per student of the course's group: held lessons of the course from..to on days the student
   * was in the group, and the marks of those lessons; by name.
   */
  courseAttendance(courseId: number, from: LocalDate, to: LocalDate): Promise<CourseAttendanceRow[]>;
  /** Every course of the teacher with its counts over from..to; by class then subject. */
  teacherPlan(schoolId: number, teacherId: number, from: LocalDate, to: LocalDate): Promise<TeacherPlanCounts[]>;
}
