import type { Repositories } from '../ports.js';
import type { LocalDate } from '../shared/dates.js';
import type { Principal } from '../shared/principal.js';
import type { AttendanceStatus, GradeKind, Lesson, PlanItem } from '../lessons/types.js';
import type { School } from '../schools/types.js';

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'sick', 'excused', 'late'];
export const GRADE_KINDS: readonly GradeKind[] = ['current', 'term', 'year', 'exam'];

/** A lesson with the names a teacher or a report needs next to it. */
export interface LessonRecord {
  lesson: Lesson;
  groupName: string;
  subjectName: string;
  /** Class teacher (классный руководитель) of the lesson's group: may read its journal. */
  classTeacherId: number | null;
}

/**
 * Everything the lesson card and the attendance keyboard need, read together: the lesson with
 * its names, its school (policy, timezone) and closed years, the roster on the lesson date
 * (sorted as `enrolledOn`), the saved marks, the grades (not deleted, by id) and the next
 * unused КТП item.
 */
export interface LessonSnapshot extends LessonRecord {
  school: School;
  closedYears: { fromDate: LocalDate; toDate: LocalDate }[];
  students: RosterStudent[];
  marks: Pick<AttendanceRecord, 'studentId' | 'status' | 'reason' | 'parentExplanation'>[];
  grades: Grade[];
  nextPlanItem: PlanItem | null;
  /** Work type of the КТП item the lesson is linked to, if that item suggests one. */
  planWorkType: string | null;
}

export interface GroupRecord {
  id: number;
  schoolId: number;
  name: string;
  classTeacherId: number | null;
}

export interface RosterStudent {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
}

/** A stay of a student in a group; `toDate` is the last day, inclusive. */
export interface EnrollmentSpan {
  studentId: number;
  groupId: number;
  fromDate: LocalDate;
  toDate: LocalDate | null;
}

export interface AttendanceRecord {
  lessonId: number;
  studentId: number;
  status: AttendanceStatus;
  reason: string | null;
  parentExplanation: string | null;
  markedBy: number | null;
  markedAt: Date;
}

export interface AttendanceWrite {
  lessonId: number;
  studentId: number;
  status: AttendanceStatus;
  reason: string | null;
  markedBy: number | null;
  markedAt: Date;
}

export interface Grade {
  id: number;
  schoolId: number;
  courseId: number;
  lessonId: number | null;
  studentId: number;
  kind: GradeKind;
  term: number | null;
  /** '1'..'5', 'pass' or 'fail'. */
  value: string;
  comment: string | null;
  /** The work type the mark was given for: its lesson's at entry, or as the main journal sent it. */
  workType: string | null;
  date: LocalDate;
  externalId: string | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export type GradeWrite = Pick<
  Grade,
  | 'schoolId'
  | 'courseId'
  | 'lessonId'
  | 'studentId'
  | 'kind'
  | 'term'
  | 'value'
  | 'comment'
  | 'workType'
  | 'date'
  | 'externalId'
  | 'createdBy'
>;

export type { PlanItem };

export interface CourseRef {
  id: number;
  externalId: string;
  groupId: number;
}

export type LessonPatch = Partial<
  Pick<Lesson, 'topic' | 'homework' | 'planItemId' | 'workType' | 'attendanceFilledAt' | 'topicFilledAt' | 'homeworkFilledAt'>
>;

/** Queries of the journal: lessons, attendance, grades, the КТП. */
export interface JournalRepository {
  findLesson(id: number): Promise<LessonRecord | null>;
  /** The lesson and what an attendance tap needs of it, in one statement. */
  lessonSnapshot(id: number): Promise<LessonSnapshot | null>;
  /** Re-reads the lesson and locks its row until the transaction ends: saves of one lesson queue up. */
  lockLesson(id: number): Promise<Lesson | null>;
  /**
   * lockLesson, then lessonSnapshot in a statement of its own that starts once the lock is held
   * (so it sees what a save that held the lock before committed), sent together: one round trip.
   */
  lockedSnapshot(id: number): Promise<LessonSnapshot | null>;
  /** Lessons of a local date where the user is the teacher or the substitute, ordered by start. */
  lessonsOfTeacher(schoolId: number, userId: number, date: LocalDate): Promise<LessonRecord[]>;
  /** Lessons of a group (and of its subgroups) in an inclusive date range, ordered by start. */
  lessonsOfGroup(groupId: number, from: LocalDate, to: LocalDate): Promise<LessonRecord[]>;
  findGroup(id: number): Promise<GroupRecord | null>;
  closedYears(schoolId: number): Promise<{ fromDate: LocalDate; toDate: LocalDate }[]>;
  /** The school and its closed years in one statement: what the edit window and closed years depend on. */
  editContextOf(schoolId: number): Promise<{ school: School; closedYears: { fromDate: LocalDate; toDate: LocalDate }[] } | null>;
  /** Students in the group on that date, sorted by last, first and middle name. */
  enrolledOn(groupId: number, date: LocalDate): Promise<RosterStudent[]>;
  /** Students in the group on any day of the range, with their spans inside the group, sorted by name. */
  enrolledBetween(groupId: number, from: LocalDate, to: LocalDate): Promise<(RosterStudent & { spans: EnrollmentSpan[] })[]>;
  attendanceOf(lessonIds: number[]): Promise<AttendanceRecord[]>;
  /** Inserts or replaces the marks (one per lesson and student); the parent's explanation is kept. */
  saveAttendance(rows: AttendanceWrite[]): Promise<void>;
  updateLesson(id: number, patch: LessonPatch): Promise<Lesson>;
  /** Stamps the attendance part as filled at `at`, unless it already is. */
  markAttendanceFilled(id: number, at: Date): Promise<void>;
  /** First plan item of the course by position that no (not cancelled) lesson of the course uses yet. */
  nextPlanItem(courseId: number): Promise<PlanItem | null>;
  findPlanItem(id: number): Promise<PlanItem | null>;
  /** Grades of the lessons, without deleted ones, ordered by id. */
  gradesOfLessons(lessonIds: number[]): Promise<Grade[]>;
  /** A grade, deleted ones included (`deletedAt` set). */
  findGrade(id: number): Promise<Grade | null>;
  /** New grades created and updated `at` (the service's clock, which the parents' digest window is measured with). */
  insertGrades(rows: GradeWrite[], at: Date): Promise<Grade[]>;
  markGradeDeleted(id: number, at: Date): Promise<Grade>;
  /** Gives the lesson's current (not deleted) grades this work type; returns how many changed. */
  setLessonGradesWorkType(lessonId: number, workType: string | null, at: Date): Promise<number>;
  studentsByExternalIds(schoolId: number, externalIds: string[]): Promise<{ id: number; externalId: string }[]>;
  coursesByExternalIds(schoolId: number, externalIds: string[]): Promise<CourseRef[]>;
  enrollmentsOf(studentIds: number[]): Promise<EnrollmentSpan[]>;
  /** Lessons (not cancelled) of the courses in an inclusive date range: to attach imported grades to them. */
  lessonDatesOf(courseIds: number[], from: LocalDate, to: LocalDate): Promise<{ id: number; courseId: number; date: LocalDate }[]>;
  gradesByExternalIds(schoolId: number, externalIds: string[]): Promise<Grade[]>;
  /** Inserts or updates by (school, externalId); clears `deletedAt`; returns the rows written. */
  upsertExternalGrades(rows: (GradeWrite & { externalId: string })[], at: Date): Promise<Grade[]>;
}

export interface AttendanceChange {
  studentId: number;
  before: { status: AttendanceStatus; reason: string | null } | null;
  after: { status: AttendanceStatus; reason: string | null };
}

/** A grade created (`before` null), changed, or removed (`after` null). */
export interface GradeChange {
  before: Grade | null;
  after: Grade | null;
}

/**
 * Hooks called inside the journal's transaction, with that transaction's repositories, so
 * whatever they write (outbox rows of notices) commits or rolls back with the change itself.
 */
export interface JournalEvents {
  /** `school` is the lesson's school as the change read it (no need to read it again). */
  attendanceChanged(
    repos: Repositories,
    event: { lesson: Lesson; school: School; changes: AttendanceChange[]; principal: Principal },
  ): Promise<void>;
  gradesChanged(repos: Repositories, event: { lesson: Lesson | null; changes: GradeChange[]; principal: Principal }): Promise<void>;
}
