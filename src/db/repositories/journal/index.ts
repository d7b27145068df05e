import type { JournalRepository } from '../../../domain/journal/types.js';
import type { Executor } from '../../client.js';
import { createLessonQueries } from './lesson-queries.js';
import { createMarkQueries } from './mark-queries.js';
import { createRosterQueries } from './roster-queries.js';
import { createSnapshotQueries } from './snapshot-queries.js';

export function createJournalRepository(db: Executor): JournalRepository {
  return { ...createLessonQueries(db), ...createRosterQueries(db), ...createMarkQueries(db), ...createSnapshotQueries(db) };
}
