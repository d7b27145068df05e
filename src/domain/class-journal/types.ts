import type { LocalDate } from '../shared/dates.js';
import type { AbsenceAnswer, PeriodWindow } from '../family/index.js';
import type { AttendanceStatus, LessonStatus } from '../lessons/types.js';

export type { PeriodWindow };

/** A class (or a club) with what its screens need to know about it. */
export interface ClassRecord {
  id: number;
  schoolId: number;
  name: string;
  gradeLevel: number | null;
  classTeacherId: number | null;
}

export interface ClassStudent {
  id: number;
  lastName: string;
  firstName: string;
}

/** One student's place in one lesson: the lessons of the class and of its subgroups and clubs the student is in. */
export interface StudentLessonRow {
  lessonId: number;
  date: LocalDate;
  period: number | null;
  startsAt: Date;
  subject: string;
  groupName: string;
  status: LessonStatus;
  /** Attendance of the lesson was saved (a lesson not filled yet shows no marks). */
  filled: boolean;
  studentId: number;
  /** The student's mark; null for "present" by default (no row) as well. */
  mark: AttendanceStatus | null;
  parentExplanation: AbsenceAnswer | null;
}

export interface ClassGradeRow {
  studentId: number;
  subjectId: number;
  value: string;
  workType: string | null;
  date: LocalDate;
}

export interface ClassJournalRepository {
  group(groupId: number): Promise<ClassRecord | null>;
  /** Students in the group on any day of [from, to], by name. */
  studentsBetween(groupId: number, from: LocalDate, to: LocalDate): Promise<ClassStudent[]>;
  /**
   * Every lesson of [from, to] of each student while in the group: the group's own, its
   * subgroups' and the clubs' the student was enrolled in on the lesson's day.
   */
  studentLessons(groupId: number, from: LocalDate, to: LocalDate): Promise<StudentLessonRow[]>;
  /** Subjects taught to the group and its subgroups, by name. */
  subjects(groupId: number): Promise<{ id: number; name: string }[]>;
  /** Current marks in [from, to] of the group's students (while in it or not) in the group's subjects, by date. */
  currentGrades(groupId: number, from: LocalDate, to: LocalDate): Promise<ClassGradeRow[]>;
}

/** A mark other than present in one lesson. */
export interface DayMark {
  studentId: number;
  name: string;
  mark: Exclude<AttendanceStatus, 'present'>;
}

export interface DayLesson {
  lessonId: number;
  period: number | null;
  subject: string;
  groupName: string;
  state: 'cancelled' | 'notFilled' | 'filled';
  marks: DayMark[];
}

/** A student absent without a reason (н) on the day, with the parent's answer to the notice. */
export interface UnexplainedAbsence {
  studentId: number;
  name: string;
  lessons: { period: number | null; subject: string }[];
  /** Every lesson of the day the student had was missed. */
  wholeDay: boolean;
  parentAnswer: AbsenceAnswer | null;
}

export interface ClassDayView {
  group: { id: number; name: string };
  timezone: string;
  date: LocalDate;
  previous: LocalDate;
  next: LocalDate;
  unexplained: UnexplainedAbsence[];
  lessons: DayLesson[];
}

export interface AbsenceCounts {
  /** б and у, in lessons. */
  excused: number;
  /** н, in lessons. */
  unexcused: number;
  /** Of the unexcused lessons, those the parent answered «болеет» or «уважительная» (not yet made б/у by the school). */
  parentExplained: number;
  /** оп, in lessons. */
  late: number;
  /** Whole days missed (every lesson of the day): with every mark б/у, or with a н. */
  excusedDays: number;
  unexcusedDays: number;
}

export interface ClassAbsenceView {
  group: { id: number; name: string };
  timezone: string;
  span: 'week' | 'month';
  from: LocalDate;
  to: LocalDate;
  previous: LocalDate;
  next: LocalDate;
  /** Students with something to count, by name; the rest had none. */
  students: (AbsenceCounts & { studentId: number; name: string })[];
  studentCount: number;
  totals: AbsenceCounts;
}

export interface SubjectAverage {
  subjectId: number;
  subject: string;
  /** The mean of the students' weighted averages; null with no numeric mark. */
  average: number | null;
  /** Students with at least one mark. */
  graded: number;
  /** Students whose average is failing (< 2.5). */
  failing: number;
}

export interface ClassGradesView {
  group: { id: number; name: string };
  period: PeriodWindow;
  studentCount: number;
  subjects: SubjectAverage[];
}

export interface SheetRow {
  studentId: number;
  name: string;
  marks: string[];
  average: number | null;
}

export interface ClassSheetView {
  group: { id: number; name: string };
  period: PeriodWindow;
  subject: { id: number; name: string };
  rows: SheetRow[];
  average: number | null;
}

export type RiskReason = { kind: 'failing'; average: number } | { kind: 'recentTwos'; twos: number; of: number };

export interface RiskEntry {
  studentId: number;
  name: string;
  subject: string;
  reasons: RiskReason[];
}

export interface ClassRiskView {
  group: { id: number; name: string };
  period: PeriodWindow;
  /** policy.riskRecentTwos: how many 2s among the last three marks put a student at risk. */
  recentTwos: number;
  entries: RiskEntry[];
}
