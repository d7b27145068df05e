import type { LocalDate } from '../shared/dates.js';
import type { LessonPart } from '../schools/policy.js';

export type LessonStatus = 'scheduled' | 'cancelled';
export type AttendanceStatus = 'present' | 'absent' | 'sick' | 'excused' | 'late';
export type GradeKind = 'current' | 'term' | 'year' | 'exam';

/** A lesson as the journal sees it: shared by the schedule, the journal, the bot and the jobs. */
export interface Lesson {
  id: number;
  schoolId: number;
  courseId: number;
  groupId: number;
  teacherId: number;
  substituteId: number | null;
  externalId: string | null;
  date: LocalDate;
  period: number | null;
  /** The room («Кабинет») when the schedule gives one. */
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  status: LessonStatus;
  cancelReason: string | null;
  topic: string | null;
  homework: string | null;
  planItemId: number | null;
  /** Code of the school's work type (policy.workTypes), null for an ordinary lesson. */
  workType: string | null;
  attendanceFilledAt: Date | null;
  topicFilledAt: Date | null;
  homeworkFilledAt: Date | null;
}

/** One topic of a course's calendar-thematic plan (КТП). */
export interface PlanItem {
  id: number;
  courseId: number;
  position: number;
  topic: string;
  hours: number;
  /** Work type suggested for the lesson that covers the topic; null for an ordinary lesson. */
  workType: string | null;
}

/** The teacher who must fill a lesson: the substitute when there is one. */
export function responsibleTeacherId(lesson: Pick<Lesson, 'teacherId' | 'substituteId'>): number {
  return lesson.substituteId ?? lesson.teacherId;
}

/** Parts of a lesson still missing under the school's policy. */
export function missingParts(
  lesson: Pick<Lesson, 'attendanceFilledAt' | 'topicFilledAt' | 'homeworkFilledAt'>,
  required: readonly LessonPart[],
): LessonPart[] {
  const filled: Record<LessonPart, boolean> = {
    attendance: lesson.attendanceFilledAt !== null,
    topic: lesson.topicFilledAt !== null,
    homework: lesson.homeworkFilledAt !== null,
  };
  return required.filter((part) => !filled[part]);
}
