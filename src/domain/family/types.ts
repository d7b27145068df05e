import type { LocalDate } from '../shared/dates.js';
import type { AttendanceStatus, GradeKind, LessonStatus } from '../lessons/types.js';
import type { Preferences } from '../outbox/types.js';

/** The parent's answer to an absence notice. */
export type AbsenceAnswer = 'sick' | 'excused' | 'unknown';
export const ABSENCE_ANSWERS: readonly AbsenceAnswer[] = ['sick', 'excused', 'unknown'];

export interface ConsentRecord {
  id: number;
  parentId: number;
  version: string;
  grantedAt: Date;
  withdrawnAt: Date | null;
}

export interface ConsentStatus {
  granted: boolean;
  /** Version of the active consent (or of the last one, when withdrawn). */
  version: string | null;
  grantedAt: Date | null;
  withdrawnAt: Date | null;
  /** The version of the text shown now. */
  currentVersion: string;
}

export interface Child {
  studentId: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  schoolId: number;
  schoolName: string;
  timezone: string;
  /** Groups the child is in today (a class and clubs). */
  groups: { id: number; name: string }[];
}

export interface ChildGrade {
  id: number;
  lessonId: number | null;
  subject: string;
  value: string;
  kind: GradeKind;
  term: number | null;
  comment: string | null;
  date: LocalDate;
}

export interface ChildLesson {
  lessonId: number;
  date: LocalDate;
  period: number | null;
  /** The room («Кабинет») when the schedule gives one. */
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  subject: string;
  groupName: string;
  status: LessonStatus;
  topic: string | null;
  homework: string | null;
  attendance: { status: AttendanceStatus; parentExplanation: string | null } | null;
  grades: ChildGrade[];
}

export interface ChildDay {
  date: LocalDate;
  lessons: ChildLesson[];
  /** Grades of the day that belong to no lesson (term grades from the main journal). */
  otherGrades: ChildGrade[];
}

export interface ChildView {
  student: { id: number; lastName: string; firstName: string };
  timezone: string;
  from: LocalDate;
  to: LocalDate;
  /** Days from `from` to `to` that have lessons or grades, in order. */
  days: ChildDay[];
}

export interface StoredData {
  lastName: string;
  firstName: string;
  middleName: string | null;
  email: string | null;
  phone: string | null;
  telegramLinked: boolean;
  /** Linked in MAX (an active or blocked link). */
  maxLinked: boolean;
  children: string[];
  preferences: Preferences;
  consent: ConsentStatus;
}

export interface ClassParent {
  parentId: number;
  name: string;
  telegramLinked: boolean;
  telegramBlocked: boolean;
  /** A MAX link, active or blocked. */
  maxLinked: boolean;
  /** The MAX link was refused (the person blocked the bot there). */
  maxBlocked: boolean;
  hasEmail: boolean;
  consent: boolean;
}

export interface ClassOverview {
  group: { id: number; name: string };
  date: LocalDate;
  students: { studentId: number; lastName: string; firstName: string; parents: ClassParent[] }[];
}

export interface AbsenceRow {
  attendanceId: number;
  lessonId: number;
  groupId: number;
  classTeacherId: number | null;
  status: AttendanceStatus;
  parentExplanation: string | null;
}

/** What the class teacher's notice about a parent's answer says, read at send time. */
export interface ExplanationFacts {
  studentId: number;
  studentName: string;
  date: LocalDate;
  explanation: AbsenceAnswer | null;
  /** Class teachers of the groups of the absent lessons: who may receive it. */
  classTeacherIds: number[];
  lessons: { period: number | null; subject: string; status: AttendanceStatus }[];
}

/** A student user's pupil and the consents that may cover showing them their own journal. */
export interface StudentAccount {
  userId: number;
  studentId: number;
  schoolId: number;
  lastName: string;
  firstName: string;
  birthDate: LocalDate | null;
  /** The student's own active consent (what a 14+ student needs). */
  ownConsent: boolean;
  /** Some current guardian (active user, guardianship not ended) has an active consent (what an under-14 needs). */
  guardianConsent: boolean;
}

export interface FamilyRepository {
  /** The active student user's account; null for anyone else. */
  studentAccount(userId: number, onDate: LocalDate): Promise<StudentAccount | null>;
  lastConsent(parentId: number): Promise<ConsentRecord | null>;
  insertConsent(row: { parentId: number; version: string; at: Date; recordedBy: number | null; via: string }): Promise<ConsentRecord>;
  /** Stamps the active consent withdrawn; null when there was none. */
  withdrawConsent(parentId: number, at: Date): Promise<ConsentRecord | null>;
  childrenOf(parentId: number, onDate: LocalDate): Promise<Omit<Child, 'schoolName' | 'timezone'>[]>;
  isGuardian(parentId: number, studentId: number): Promise<boolean>;
  /** Whether the parent was the guardian of a child who has left the school (withdrawn or graduated). */
  hasFormerChildren(parentId: number): Promise<boolean>;
  student(studentId: number): Promise<{ id: number; schoolId: number; lastName: string; firstName: string } | null>;
  /** Lessons of the groups the student was in on each day of [from, to], with the student's mark. */
  lessonsOfStudent(studentId: number, from: LocalDate, to: LocalDate): Promise<Omit<ChildLesson, 'grades'>[]>;
  gradesOfStudent(studentId: number, from: LocalDate, to: LocalDate): Promise<ChildGrade[]>;
  preferences(userId: number): Promise<Preferences | null>;
  savePreferences(userId: number, prefs: Preferences, at: Date): Promise<void>;
  /** Marks other than present of the student's scheduled lessons on a date. */
  absencesOn(studentId: number, date: LocalDate): Promise<AbsenceRow[]>;
  setExplanation(attendanceIds: number[], answer: AbsenceAnswer, at: Date): Promise<void>;
  explanationFacts(studentId: number, date: LocalDate): Promise<ExplanationFacts | null>;
  storedData(userId: number): Promise<Omit<StoredData, 'children' | 'preferences' | 'consent'> | null>;
  groupsOfClassTeacher(userId: number): Promise<{ id: number; name: string }[]>;
  classParents(groupId: number, onDate: LocalDate): Promise<ClassOverview['students']>;
}
