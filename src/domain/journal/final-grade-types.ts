import type { LocalDate } from '../shared/dates.js';
import type { RosterStudent } from './types.js';

/** A course with what its final grades depend on: the class's grade level (its study periods) and the names a screen shows. */
export interface CourseClass {
  courseId: number;
  schoolId: number;
  groupId: number;
  teacherId: number;
  subjectName: string;
  groupName: string;
  gradeLevel: number | null;
}

/** A current grade of a period as averages need it; the work type is the grade's own, else its lesson's. */
export interface PeriodMark {
  value: string;
  date: LocalDate;
  workType: string | null;
}

/** The final grade a student already has (the latest one not deleted). */
export interface SetFinalGrade {
  id: number;
  value: string;
  date: LocalDate;
  /** Set when it came from the school's main journal: then it is changed there. */
  externalId: string | null;
}

export interface PeriodSheetRow {
  student: RosterStudent;
  marks: PeriodMark[];
  final: SetFinalGrade | null;
}

/** The named queries of final grades. */
export interface FinalGradeRepository {
  courseClass(courseId: number): Promise<CourseClass | null>;
  /** courseClass, locking the course row until the transaction ends: final-grade writes of one course queue up. */
  lockCourse(courseId: number): Promise<CourseClass | null>;
  /**
   * In one statement: the students in the group on any day of from..to (by name), each with the
   * course's current grades dated inside from..to and their latest final grade of `kind` (and `term`).
   */
  periodSheet(
    course: Pick<CourseClass, 'courseId' | 'groupId'>,
    from: LocalDate,
    to: LocalDate,
    final: { kind: 'term' | 'year'; term: number | null },
    /**
     * The roster is everyone in the class on some day from here to `to`: a student who left
     * before the term grades opened needs none (the term-grade reminders count the same way).
     */
    rosterFrom: LocalDate,
  ): Promise<PeriodSheetRow[]>;
}
