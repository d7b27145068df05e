import type { LocalDate } from '../shared/dates.js';

/** The preset reasons of a subject teacher's flag, in the order the bot offers them. */
export const FLAG_REASONS = ['unprepared', 'late', 'truancy', 'failing', 'behaviour'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/**
 * One school's daily message run: its day, the window of grades it reports (from the previous
 * run's digest time to this one's, so a grade is reported once), and the rules it applies.
 */
export interface ClassDailyQuery {
  schoolId: number;
  date: LocalDate;
  since: Date;
  until: Date;
  /** policy.absentDaysInARow */
  absentDays: number;
  /** The failing marks of the school's scale ('2', '1', 'fail'). */
  failing: string[];
}

export type NewsSection = 'absentToday' | 'streak' | 'failing' | 'flag';

/** One line of a class teacher's daily message. */
export interface ClassNews {
  section: NewsSection;
  classId: number;
  className: string;
  studentId: number;
  studentName: string;
  /** The subject of a grade or of the flagging teacher's lesson. */
  subject: string | null;
  /** A failing mark and its kind; the number of lessons missed today. */
  value: string | null;
  gradeKind: 'current' | 'term' | 'year' | null;
  term: number | null;
  lessons: number | null;
  /** Who flagged the student, and why. */
  teacherName: string | null;
  reason: FlagReason | null;
}

export interface NewFlag {
  schoolId: number;
  studentId: number;
  lessonId: number;
  teacherId: number;
  reason: FlagReason;
  createdAt: Date;
}

/** What the daily message reads and claims; the db layer implements it. */
export interface ClassDailyRepository {
  /** The latest earlier run day of each school (the day before `date` it ran). */
  previousRuns(days: { schoolId: number; date: LocalDate }[]): Promise<Map<number, LocalDate>>;
  /** Gives every flag of these schools not in a message yet to the message of `date`; returns how many. */
  takeFlags(days: { schoolId: number; date: LocalDate }[]): Promise<number>;
  /** Class teachers (active or not: the scanner checks) with at least one line to report. */
  teachersWithNews(queries: ClassDailyQuery[]): Promise<{ teacherId: number; schoolId: number }[]>;
  /** Every line of one class teacher's message, by class, section and student. */
  newsFor(teacherId: number, query: ClassDailyQuery): Promise<ClassNews[]>;
  insertFlag(flag: NewFlag): Promise<number>;
}
