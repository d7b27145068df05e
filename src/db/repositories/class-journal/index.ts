import type { ClassJournalRepository } from '../../../domain/class-journal/types.js';
import type { Executor } from '../../client.js';
import { createAttendanceQueries } from './attendance-queries.js';
import { createGradeQueries } from './grade-queries.js';

/** The class teacher's journal screens (src/domain/class-journal): named queries in two files. */
export function createClassJournalRepository(db: Executor): ClassJournalRepository {
  return { ...createAttendanceQueries(db), ...createGradeQueries(db) };
}
