import type { LocalDate } from '../shared/dates.js';
import type { Role } from '../shared/principal.js';

/** A scheduled lesson of a departing person from the leaving date: their own or one they were to substitute. */
export interface LessonToReassign {
  lessonId: number;
  courseId: number;
  subject: string;
  groupId: number;
  groupName: string;
  date: LocalDate;
  period: number | null;
  startsAt: Date;
  teacherId: number;
  substituteId: number | null;
  substituteName: string | null;
}

/** A lesson of a course from the handover date, with what decides whether it may move. */
export interface CourseLesson {
  id: number;
  date: LocalDate;
  period: number | null;
  startsAt: Date;
  teacherId: number;
  substituteId: number | null;
  /** Attendance or topic is in the journal: the lesson was given, by the teacher who filled it. */
  filled: boolean;
}

export interface StaffRepository {
  /** The Telegram account linked to the user now, if any. */
  telegramUserIdOf(userId: number): Promise<number | null>;
  /** Flips `active`; false when it already had that value (a concurrent call won). */
  setActive(userId: number, active: boolean): Promise<boolean>;
  /** Remembers that this account's access ended with the user's deactivation (the bot says so). */
  markAccessClosed(telegramUserId: number, userId: number): Promise<void>;
  /** The same for a MAX account whose link ended with the user's deactivation. */
  markMaxAccessClosed(maxUserId: number, userId: number): Promise<void>;
  /** Unused, unrevoked codes of the user (what a deactivation revokes). */
  unusedCodes(userId: number): Promise<number>;
  /** Scheduled lessons on or after `from` the user teaches or substitutes, by date and start. */
  lessonsFrom(userId: number, from: LocalDate): Promise<LessonToReassign[]>;
  /** Every lesson of the course on or after `from`, by date and start. */
  courseLessonsFrom(courseId: number, from: LocalDate): Promise<CourseLesson[]>;
  /** Gives the lessons to the teacher; a substitution by that same teacher ends (they are the teacher now). */
  reassignLessons(lessonIds: number[], teacherId: number): Promise<void>;
  setCourseTeacher(courseId: number, teacherId: number): Promise<void>;
  /** "Фамилия Имя Отчество" by user id. */
  names(userIds: number[]): Promise<Map<number, string>>;
}

export interface DeactivationInput {
  date?: LocalDate;
  reason?: string;
  dryRun?: boolean;
}

export interface StaffUserRef {
  id: number;
  name: string;
  roles: Role[];
  active: boolean;
}

/** The lessons of one course that need someone else, and how to give them to that someone. */
export interface CourseToReassign {
  courseId: number;
  subject: string;
  groupId: number;
  groupName: string;
  /** 'teacher': their own course; 'substitute': lessons of a colleague's course they were to substitute. */
  as: 'teacher' | 'substitute';
  lessons: { lessonId: number; date: LocalDate; period: number | null; startsAt: Date; substitute: { id: number; name: string } | null }[];
  /** The API call that reassigns them. */
  hint: string;
}

export interface DeactivationReport {
  dryRun: boolean;
  user: StaffUserRef;
  date: LocalDate;
  reason: string | null;
  /** The Telegram link ended (or, in a dry run, would end). */
  telegramUnlinked: boolean;
  /** The MAX link ended (or, in a dry run, would end). */
  maxUnlinked: boolean;
  /** Unused codes revoked (or that would be). */
  codesRevoked: number;
  lessons: { total: number; courses: CourseToReassign[] };
}

export interface HandoverInput {
  teacherId?: number;
  teacherExternalId?: string;
  from: LocalDate;
  dryRun?: boolean;
}

export type NotMovedReason = 'closed_year' | 'already_filled';

export interface HandoverReport {
  dryRun: boolean;
  course: { id: number; subject: string; groupId: number };
  from: LocalDate;
  previousTeacher: { id: number; name: string };
  newTeacher: { id: number; name: string };
  moved: { lessonId: number; date: LocalDate; period: number | null; startsAt: Date; substituteCleared: boolean }[];
  notMoved: { lessonId: number; date: LocalDate; period: number | null; reason: NotMovedReason }[];
}
