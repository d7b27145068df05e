import type { Repositories } from '../../domain/ports.js';
import type { Executor } from '../client.js';
import { createAuditRepository } from './audit-repository.js';
import { createRosterRepository } from './roster-repository.js';
import { createSchoolRepository } from './school-repository.js';

/** Builds every repository over one executor (the pool, or an open transaction). */
export function createRepositories(db: Executor): Repositories {
  return {
    schools: createSchoolRepository(db),
    audit: createAuditRepository(db),
    roster: createRosterRepository(db),
  };
}
