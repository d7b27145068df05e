import type { LocalDate } from '../shared/dates.js';
import type { DivisionKind } from '../year/types.js';

/**
 * 'reminder': from the due date minus termGradeReminderDays (not before entry opens) until the
 * due date. 'overdue': from the day after the due date until the period's last day, at least
 * that one day (a period whose grades are due on its last day is escalated the day after it).
 */
export type TermGradeStage = 'reminder' | 'overdue';

/** One school's question "which periods are at this stage on this local date", with its policy's days. */
export interface TermGradeRules {
  schoolId: number;
  date: LocalDate;
  stage: TermGradeStage;
  openDays: number;
  dueDays: number;
  reminderDays: number;
}

/** A course whose class lacks term grades of a period at the stage asked for. */
export interface TermGradeGap {
  schoolId: number;
  courseId: number;
  teacherId: number;
  teacherName: string;
  groupName: string;
  subject: string;
  periodKind: DivisionKind;
  periodNumber: number;
  /** The due date of the period's term grades. */
  due: LocalDate;
  /** Students of the class in the period (enrolled on some day from entry opening to the period's end). */
  students: number;
  /** Of them, without a term grade of the period in this course. */
  missing: number;
}

/** Per teacher, the term grades of the periods whose due date falls in a month: one per student and course. */
export interface TermGradeTally {
  teacherId: number;
  /** Entered by the end of the due date (school time). */
  onTime: number;
  late: number;
  missing: number;
}

/** The term-grade facts compliance reads; part of ComplianceRepository. */
export interface TermGradeQueries {
  /**
   * The term grades due from `from` to `to` in one school (due = a period's last day − dueDays),
   * for the students of each class course that had lessons in the period (enrolled on some day
   * from entry opening to the period's end), by teacher.
   */
  termGradesDue(
    schoolId: number,
    from: LocalDate,
    to: LocalDate,
    rules: { timezone: string; openDays: number; dueDays: number },
  ): Promise<TermGradeTally[]>;
  /**
   * Which of these school dates have a study period at the stage asked for and no compliance run
   * `runKind` of that date yet (study periods and run keys only: what every tick asks).
   */
  termStagesDue(rules: TermGradeRules[], runKind: string): Promise<TermGradeRules[]>;
  /** Teachers with at least one gap, per school, for the rules given (one statement for all schools). */
  termGradeTeachers(rules: TermGradeRules[]): Promise<{ schoolId: number; teacherId: number }[]>;
  /** The gaps of one school (of one teacher when given), by teacher name, class and subject. */
  termGradeGaps(rules: TermGradeRules, teacherId?: number): Promise<TermGradeGap[]>;
}
