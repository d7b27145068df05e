import type { LocalDate } from '../shared/dates.js';
import type { Locale, Messenger } from '../access/types.js';
import type { AttendanceStatus, GradeKind } from '../lessons/types.js';
import type { DivisionKind } from '../year/types.js';

/**
 * What a notice is about. A notice row stands for "this recipient should be up to date
 * about X": the text is rendered from the current facts at send time, so a correction
 * made before sending changes what is sent, and one made after it edits or follows up.
 */
export type NotificationKind =
  | 'absence'
  | 'grade'
  | 'grade_digest'
  | 'absence_explained'
  | 'reminder'
  | 'escalation'
  | 'report'
  /** A head of department's monthly report (with its PDF) for one department and month. */
  | 'dept_report'
  | 'term_reminder'
  | 'term_escalation'
  | 'class_daily';

export type NotificationStatus = 'pending' | 'queued' | 'sent' | 'failed' | 'cancelled' | 'skipped';

export type NotificationPayload =
  | { kind: 'absence'; studentId: number; date: LocalDate }
  | { kind: 'grade'; gradeId: number }
  | { kind: 'grade_digest'; date: LocalDate }
  | { kind: 'absence_explained'; attendanceId: number }
  | { kind: string; [key: string]: unknown };

export interface OutboxEntry {
  schoolId: number;
  recipientId: number;
  kind: NotificationKind;
  dedupeKey: string;
  payload: NotificationPayload;
  notBefore: Date;
  /** The latest moment the notice may go out (the 24-hour rule for parents). */
  deadline: Date | null;
}

export interface NotificationRecord extends OutboxEntry {
  id: number;
  status: NotificationStatus;
  version: number;
  channel: string | null;
  attempts: number;
  telegramMessageId: number | null;
  /** MAX's id of the sent message (a string `mid`), when it went through MAX. */
  maxMessageId?: string | null;
  sentAt: Date | null;
}

export interface NotificationRepository {
  /**
   * Inserts new rows; an existing row with the same dedupe key is brought back to 'pending'
   * with the new not-before and a bumped version, so the change reaches the recipient.
   */
  upsert(entries: OutboxEntry[]): Promise<void>;
  /** Pending rows that are due, oldest first, with their versions (kind and payload to rank them). */
  due(now: Date, limit: number): Promise<{ id: number; version: number; kind: NotificationKind; payload: NotificationPayload }[]>;
  /** pending -> queued, only for the versions given (a newer version stays pending). */
  markQueued(rows: { id: number; version: number }[], at: Date): Promise<void>;
  /** Rows queued before `before` go back to pending (their job may have been lost with Redis). */
  requeueStale(before: Date): Promise<number>;
  /** Rows queued before `before`, with their versions: the relay checks that their jobs still exist. */
  queuedBefore(before: Date): Promise<{ id: number; version: number }[]>;
  /** queued -> pending for the versions given (their jobs were lost or finished without an outcome). */
  backToPending(rows: { id: number; version: number }[]): Promise<void>;
  /** This database's lifetime id (made on first use), part of every delivery job id. */
  installationId(): Promise<string>;
  /** Pending rows whose deadline is near become due now. */
  hurryNearDeadline(now: Date, horizon: Date): Promise<number>;
  findById(id: number): Promise<NotificationRecord | null>;
  /** `messageId`: Telegram's (a number) or MAX's (a string), kept for later edits; null for e-mail. */
  markSent(id: number, version: number, channel: string, messageId: number | string | null, at: Date): Promise<boolean>;
  markFinal(id: number, version: number, status: 'failed' | 'skipped' | 'cancelled', error: string | null): Promise<void>;
  recordAttempt(id: number, channel: string, outcome: string, error: string | null): Promise<void>;
}

export interface Preferences {
  absences: 'realtime' | 'digest';
  grades: 'realtime' | 'digest' | 'off';
  digestTime: string;
  quietStart: string;
  quietEnd: string;
  emailFallback: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = {
  absences: 'realtime',
  grades: 'realtime',
  digestTime: '19:00',
  quietStart: '21:00',
  quietEnd: '07:30',
  emailFallback: true,
};

/** A guardian who may be told about a student: consent is granted and the account is active. */
export interface Guardian {
  parentId: number;
  studentId: number;
  preferences: Preferences;
}

/** A student's own account that may hear about their grades. */
export interface StudentReader {
  userId: number;
  studentId: number;
  preferences: Preferences;
}

export interface AudienceRepository {
  /** Guardians with an active consent of the given students. */
  guardiansOf(studentIds: number[]): Promise<Guardian[]>;
  /** Active student users of the given students whose age's consent is active (a guardian's under 14, their own from 14). */
  studentsOf(studentIds: number[]): Promise<StudentReader[]>;
}

export type { Messenger };

/** A person's MAX link as delivery sees it. */
export interface MaxReach {
  chatId: number;
  blocked: boolean;
  linkedAt: Date;
}

/** Everything a channel needs to reach one user. */
export interface Recipient {
  userId: number;
  schoolId: number;
  locale: Locale;
  timezone: string;
  telegramChatId: number | null;
  telegramBlocked: boolean;
  /** When the Telegram link was made (null: not linked, or linked before this was kept). */
  telegramLinkedAt?: Date | null;
  /** The MAX link, if the person has one. */
  max?: MaxReach | null;
  /** The messenger chosen in settings; null or absent: the one linked last. */
  preferredMessenger?: Messenger | null;
  email: string | null;
  preferences: Preferences;
  hasConsent: boolean;
  isParent: boolean;
  /** A student user: `hasConsent` is then the consent their age needs. */
  isStudent: boolean;
}

export interface AbsenceFacts {
  studentId: number;
  studentName: string;
  date: LocalDate;
  lessons: { lessonId: number; attendanceId: number; period: number | null; startsAt: Date; subject: string; status: AttendanceStatus }[];
}

export interface GradeFacts {
  gradeId: number;
  studentId: number;
  studentName: string;
  subject: string;
  value: string;
  kind: GradeKind;
  term: number | null;
  /** For a term grade, the kind of study period its term number counts (null: no periods loaded for its class). */
  periodKind: DivisionKind | null;
  date: LocalDate;
  comment: string | null;
  deleted: boolean;
}

export interface DeliveryFactsRepository {
  recipient(userId: number): Promise<Recipient | null>;
  markTelegramBlocked(userId: number): Promise<void>;
  /** MAX answered that the dialog is closed: this person's MAX link is marked blocked. */
  markMaxBlocked(userId: number): Promise<void>;
  absences(studentId: number, date: LocalDate): Promise<AbsenceFacts | null>;
  grade(gradeId: number): Promise<GradeFacts | null>;
  /** Grades of the parent's children (or a student user's own) entered in (from, until]. */
  gradesForDigest(parentId: number, from: Date, until: Date): Promise<GradeFacts[]>;
  /** When the parent's last digest went out, to start the next one where it ended. */
  lastDigestSentAt(parentId: number): Promise<Date | null>;
  /** Is `parentId` a guardian of `studentId` (checked again at send time)? */
  isGuardian(parentId: number, studentId: number): Promise<boolean>;
  /** Is `userId` the student user of `studentId`? */
  isStudentSelf(userId: number, studentId: number): Promise<boolean>;
}
