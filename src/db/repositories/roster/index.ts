import type { RosterRepository } from '../../../domain/roster/types.js';
import type { Executor } from '../../client.js';
import { createReadQueries } from './read-queries.js';
import { createPeopleWriteQueries } from './people-writes.js';
import { createEnrollmentWriteQueries } from './enrollment-writes.js';

export function createRosterRepository(db: Executor): RosterRepository {
  return { ...createReadQueries(db), ...createPeopleWriteQueries(db), ...createEnrollmentWriteQueries(db) };
}
