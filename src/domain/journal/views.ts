import type { LocalDate } from '../shared/dates.js';
import type { LessonPart } from '../schools/policy.js';
import type { AttendanceStatus, GradeKind, Lesson, LessonStatus } from '../lessons/types.js';
import type { WorkType } from '../year/work-types.js';
import type { AttendanceRecord, Grade, PlanItem, RosterStudent, EnrollmentSpan } from './types.js';

/** Why a lesson cannot be changed (the `reason` of ReadOnlyError). */
export type ReadOnlyReason = 'cancelled' | 'edit_window' | 'closed_year' | 'not_started';

/** Whether the caller may change a part of the lesson now; `not_allowed`: they may only read it. */
export interface Editability {
  editable: boolean;
  reason: ReadOnlyReason | 'not_allowed' | null;
}

/** One line of a teacher's day. */
export interface DayLesson {
  lessonId: number;
  groupId: number;
  groupName: string;
  subjectName: string;
  period: number | null;
  startsAt: Date;
  endsAt: Date;
  status: LessonStatus;
  /** The caller substitutes for the lesson's teacher. */
  isSubstitute: boolean;
  /** The caller is the one who must fill it (the substitute when there is one). */
  isResponsible: boolean;
  missing: LessonPart[];
  /** Topic, homework and grades. */
  editable: Editability;
  /** Attendance: also closed before the lesson day. */
  attendanceEditable: Editability;
}

export interface LessonStudent extends RosterStudent {
  attendance: Pick<AttendanceRecord, 'status' | 'reason' | 'parentExplanation'> | null;
}

/** A lesson as the bot and the API show it. */
export interface LessonView {
  lesson: Lesson;
  groupName: string;
  subjectName: string;
  /** Students of the group on the lesson date, by last name then first name. */
  students: LessonStudent[];
  grades: Grade[];
  /** The next КТП topic not used by any lesson of the course yet. */
  suggestedTopic: PlanItem | null;
  /** The work type of the lesson's КТП item while the lesson has none: one tap to take it. */
  suggestedWorkType: string | null;
  /** The school's work types: what the lesson's type may be set to. */
  workTypes: readonly WorkType[];
  missing: LessonPart[];
  editable: Editability;
  attendanceEditable: Editability;
}

export interface GroupJournalLesson {
  lesson: Lesson;
  subjectName: string;
  attendance: Pick<AttendanceRecord, 'studentId' | 'status' | 'reason' | 'parentExplanation'>[];
  grades: Grade[];
}

export interface GroupJournal {
  group: { id: number; name: string };
  from: LocalDate;
  to: LocalDate;
  /** Everyone in the group on any day of the range, with the spans they were there. */
  students: (RosterStudent & { spans: EnrollmentSpan[] })[];
  lessons: GroupJournalLesson[];
}

export type AttendanceInput = { allPresent: true } | { marks: { studentId: number; status: AttendanceStatus; reason?: string | null }[] };

/** Free text or a КТП item; the item wins when both are given. */
export type TopicInput = { topic?: string; planItemId?: number };

export interface GradeInput {
  studentId: number;
  /** A mark as text, or as a number the way a main journal may send it. */
  value: string | number;
  /** 'current' unless given. */
  kind?: GradeKind;
  /** Required for term grades (1..4). */
  term?: number | null;
  comment?: string | null;
}

export interface ImportGradeItem {
  externalId: string;
  studentExternalId: string;
  courseExternalId: string;
  date: LocalDate;
  kind: GradeKind;
  term?: number | null;
  value: string | number;
  comment?: string | null;
  /** Code or Russian name of one of the school's work types; none when absent or null. */
  workType?: string | null;
}

/** An item as a main journal sends it: every field is checked (and reported) by the import. */
export type ImportGradeDraft = { [K in keyof ImportGradeItem]?: K extends 'kind' ? string : ImportGradeItem[K] };

export interface ImportGradesResult {
  created: number;
  updated: number;
  unchanged: number;
}
