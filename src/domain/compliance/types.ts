import type { LocalDate } from '../shared/dates.js';
import type { Role } from '../shared/principal.js';
import type { LessonPart } from '../schools/policy.js';
import type { School } from '../schools/types.js';
import type { OutboxEntry } from '../outbox/types.js';
import type { TermGradeQueries } from './term-types.js';

/** 'after' the lesson ended, 'before' the fill deadline (the last one, never held by quiet hours). */
export type ReminderPoint = 'after' | 'before';

/** What the reminder scan needs of one school's policy, in a form a single SQL statement can use. */
export interface ReminderRules {
  schoolId: number;
  timezone: string;
  /** Local 'HH:MM'; '24:00' is the next midnight. */
  fillDeadline: string;
  afterMinutes: number;
  beforeMinutes: number;
  parts: LessonPart[];
  workingDays: number[];
}

export interface ClaimedReminder {
  lessonId: number;
  point: ReminderPoint;
  teacherId: number;
  schoolId: number;
  date: LocalDate;
}

/** A school-wide run: the escalation of a day ('escalation', '2026-11-23'), a report ('report_week', Monday). */
export interface ComplianceRun {
  schoolId: number;
  kind: string;
  periodKey: string;
}

export interface StaffMember {
  userId: number;
  schoolId: number;
  roles: readonly Role[];
  name: string;
  active: boolean;
  /** From the user's preferences; null when they never set them (the school policy applies). */
  quietStart: string | null;
  quietEnd: string | null;
}

/** A lesson as compliance sees it: who must fill it, and what is filled when. */
export interface ComplianceLesson {
  lessonId: number;
  schoolId: number;
  date: LocalDate;
  period: number | null;
  startsAt: Date;
  endsAt: Date;
  /** The responsible teacher: the substitute when there is one. */
  teacherId: number;
  teacherName: string;
  /** False once the teacher was deactivated: the lesson still counts, and someone else must take it. */
  teacherActive: boolean;
  groupName: string;
  subject: string;
  attendanceFilledAt: Date | null;
  topicFilledAt: Date | null;
  homeworkFilledAt: Date | null;
}

/** Counts of one teacher's lessons in a period; `pending` lessons are not due yet. */
export interface TeacherTally {
  teacherId: number;
  teacherName: string;
  lessons: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
}

export interface TallyRules {
  timezone: string;
  fillDeadline: string;
  parts: LessonPart[];
  workingDays: number[];
}

/** The facts compliance reads and the claims it writes; the db layer implements it. */
export interface ComplianceRepository extends TermGradeQueries {
  /** Every school with its resolved policy (a region has a few thousand). */
  schools(): Promise<School[]>;
  /**
   * Claims every reminder point that is due at `now` for incomplete, scheduled lessons that
   * ended after `since`, skipping holidays and non-working days; returns only what this call
   * claimed (a point claimed by another process is not returned again).
   */
  claimDueReminders(rules: ReminderRules[], now: Date, since: Date): Promise<ClaimedReminder[]>;
  /** Inserts the runs not done yet and returns those this call inserted. */
  claimRuns(runs: ComplianceRun[]): Promise<ComplianceRun[]>;
  /** Which of these school days are working days with at least one lesson missing a required part. */
  daysWithMissing(days: { schoolId: number; date: LocalDate; parts: LessonPart[] }[]): Promise<{ schoolId: number; date: LocalDate }[]>;
  /** The responsible teachers (substitute or teacher) of each school day's lessons missing a required part. */
  teachersWithMissing(
    days: { schoolId: number; date: LocalDate; parts: LessonPart[] }[],
  ): Promise<{ schoolId: number; date: LocalDate; teacherId: number }[]>;
  /** Active users of the schools holding any of the roles. */
  staffWithRoles(schoolIds: number[], roles: Role[]): Promise<StaffMember[]>;
  /** Users by id (inactive ones included, `active` says so). */
  staffByIds(userIds: number[]): Promise<StaffMember[]>;
  /** Inserts outbox rows whose dedupe key is new; an existing row is left alone. Returns how many were new. */
  enqueueOnce(entries: OutboxEntry[]): Promise<number>;
  /** State of a notice by dedupe key, to throttle repeated nudges. */
  /**
   * State of a notice by dedupe key. `dueAt` (its not-before) and `sentAt` are stamped with
   * the service's clock, unlike the row's creation time, which is the database's.
   */
  noticeState(dedupeKey: string): Promise<{ status: string; sentAt: Date | null; dueAt: Date } | null>;
  /** Scheduled lessons of a date the user must fill (own without substitute, or substituted), by start. */
  lessonsOfTeacherDay(teacherId: number, date: LocalDate): Promise<ComplianceLesson[]>;
  /** Scheduled lessons of a school date, by teacher and start. */
  lessonsOfSchoolDay(schoolId: number, date: LocalDate): Promise<ComplianceLesson[]>;
  isHoliday(schoolId: number, date: LocalDate): Promise<boolean>;
  /** Per responsible teacher: lessons of [from, to] on working days that are not holidays, by fill time against the deadline. */
  tally(schoolId: number, from: LocalDate, to: LocalDate, rules: TallyRules, now: Date): Promise<TeacherTally[]>;
}
