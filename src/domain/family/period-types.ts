import type { LocalDate } from '../shared/dates.js';
import type { DivisionKind } from '../year/types.js';

/**
 * The stretch of days a child's period screens cover: the study period of the child's grade
 * level that is current (or has just ended), or, with no periods loaded for it, the last two
 * months (`fallback`).
 */
export interface PeriodWindow {
  kind: DivisionKind | null;
  number: number | null;
  from: LocalDate;
  to: LocalDate;
  fallback: boolean;
}

/** One current mark of the period, with the work type it weighs as. */
export interface PeriodMark {
  date: LocalDate;
  value: string;
  /** COALESCE(grade's, lesson's) work type code, with the school's name for it; null for an ordinary mark. */
  workType: { code: string; name: string } | null;
  comment: string | null;
}

export interface SubjectSummary {
  subjectId: number;
  subject: string;
  /** Current marks in the window (pass/fail included). */
  count: number;
  /** Weighted by the school's work types; null without a numeric mark. */
  average: number | null;
  /** The final mark the average suggests; null when there are too few marks or no numeric one. */
  forecast: string | null;
  /** Whether the policy's minimum of current marks is reached. */
  enough: boolean;
  /** The term grade already set for this period, if any. */
  termGrade: string | null;
}

export interface ChildPeriodView {
  student: { id: number; lastName: string; firstName: string };
  period: PeriodWindow;
  /** policy.minCurrentGrades: how many marks a forecast needs. */
  minGrades: number;
  subjects: SubjectSummary[];
}

export interface ChildSubjectView extends Omit<ChildPeriodView, 'subjects'> {
  subject: SubjectSummary;
  marks: PeriodMark[];
}

/** What the period query returns per subject; the service computes averages from it. */
export interface PeriodSubjectRow {
  subjectId: number;
  subject: string;
  marks: { date: LocalDate; value: string; workType: string | null; comment: string | null }[];
  termGrade: string | null;
}

export interface ChildPeriodRepository {
  /** The grade level of the class the student is in on a date; null with no class or no level. */
  gradeLevelOn(studentId: number, date: LocalDate): Promise<number | null>;
  /**
   * In one query: every subject the student takes in [from, to] (courses of the groups they were
   * in, and any subject they have marks in), with the current marks of the window and the latest
   * term grade dated in [from, termTo] (of term `term`, when given). `subjectId` narrows it to one.
   */
  periodGrades(
    studentId: number,
    window: { from: LocalDate; to: LocalDate; termTo: LocalDate; term: number | null },
    subjectId?: number,
  ): Promise<PeriodSubjectRow[]>;
}
