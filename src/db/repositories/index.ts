import type { Repositories } from '../../domain/ports.js';
import type { Executor } from '../client.js';
import { createAccessRepository } from './access-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { createSchoolRepository } from './school-repository.js';

/** Builds every repository over one executor (the pool, or an open transaction). */
export function createRepositories(db: Executor): Repositories {
  return {
    schools: createSchoolRepository(db),
    audit: createAuditRepository(db),
    access: createAccessRepository(db),
  };
}
