import type { ReportsRepository } from '../../../domain/reports/types.js';
import type { Executor } from '../../client.js';
import { createAttendanceReports } from './attendance.js';
import { createCourseReports } from './courses.js';
import { createGradeReports } from './grades.js';
import { createRosterReports } from './roster.js';
import { createWorkLessonReports } from './work-lessons.js';

/** The reports' aggregates: every figure is counted by PostgreSQL, rows are only named and sorted here. */
export function createReportsRepository(db: Executor): ReportsRepository {
  return {
    ...createAttendanceReports(db),
    ...createGradeReports(db),
    ...createRosterReports(db),
    ...createWorkLessonReports(db),
    ...createCourseReports(db),
  };
}
