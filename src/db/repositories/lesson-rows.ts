import type { Lesson, LessonStatus } from '../../domain/lessons/types.js';
import { getTableColumns } from 'drizzle-orm';
import { lessons } from '../schema/index.js';

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
    room: row.room,
    startsAt: row.startsAt!,
    endsAt: row.endsAt!,
    status: row.status as LessonStatus,
    cancelReason: row.cancelReason,
    topic: row.topic,
    homework: row.homework,
    planItemId: row.planItemId,
    workType: row.workType,
    attendanceFilledAt: row.attendanceFilledAt,
    topicFilledAt: row.topicFilledAt,
    homeworkFilledAt: row.homeworkFilledAt,
  };
}

const lessonColumns = Object.entries(getTableColumns(lessons));

/**
 * A lessons row as `row_to_json` gives it (column names, timestamps as text), mapped as drizzle
 * maps the table's columns: for fixed SQL texts that read a lesson, which cost no query building.
 */
export function lessonFromJson(json: Record<string, unknown>): Lesson {
  return toLesson(
    Object.fromEntries(
      lessonColumns.map(([key, column]) => {
        const value = json[column.name];
        return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
      }),
    ) as typeof lessons.$inferSelect,
  );
}
