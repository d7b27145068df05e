import type { Lesson, LessonStatus } from '../../domain/lessons/types.js';
import type { lessons } from '../schema/index.js';

/** The one mapping of a lessons row to the domain type; every repository that reads lessons uses it. */
export function toLesson(row: typeof lessons.$inferSelect): Lesson {
  return {
    id: row.id,
    schoolId: row.schoolId,
    courseId: row.courseId,
    groupId: row.groupId,
    teacherId: row.teacherId,
    substituteId: row.substituteId,
    externalId: row.externalId,
    date: row.date,
    period: row.period,
    startsAt: row.startsAt!,
    endsAt: row.endsAt!,
    status: row.status as LessonStatus,
    cancelReason: row.cancelReason,
    topic: row.topic,
    homework: row.homework,
    planItemId: row.planItemId,
    attendanceFilledAt: row.attendanceFilledAt,
    topicFilledAt: row.topicFilledAt,
    homeworkFilledAt: row.homeworkFilledAt,
  };
}
