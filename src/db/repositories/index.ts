import type { Repositories } from '../../domain/ports.js';
import type { Executor } from '../client.js';
import { createAccessRepository } from './access-repository.js';
import { createAuditRepository } from './audit-repository.js';
import { createRosterRepository } from './roster-repository.js';
import { createSchoolRepository } from './school-repository.js';
import { createAudienceRepository } from './audience-repository.js';
import { createDeliveryFactsRepository } from './delivery-facts-repository.js';
import { createNotificationRepository } from './notification-repository.js';
import { createJournalRepository } from './journal/index.js';
import { createScheduleRepository } from './schedule/index.js';
import { createFamilyRepository } from './family-repository.js';
import { createReportsRepository } from './reports/index.js';
import { createArchiveRepository } from './archive/index.js';
import { createComplianceRepository } from './compliance/index.js';

const FACTORIES: { [K in keyof Repositories]: (db: Executor) => Repositories[K] } = {
  schools: createSchoolRepository,
  audit: createAuditRepository,
  notifications: createNotificationRepository,
  audience: createAudienceRepository,
  deliveryFacts: createDeliveryFactsRepository,
  journal: createJournalRepository,
  schedule: createScheduleRepository,
  roster: createRosterRepository,
  access: createAccessRepository,
  family: createFamilyRepository,
  reports: createReportsRepository,
  archive: createArchiveRepository,
  compliance: createComplianceRepository,
};
const NAMES = Object.keys(FACTORIES) as (keyof Repositories)[];

/**
 * The repositories over one executor (the pool, or an open transaction), each built on first
 * use: a transaction touches two or three of them, and every attendance save opens one, so
 * building all of them each time showed in the profile of a save. The getters are the object's
 * own and enumerable, so spreading it (a test double overriding one repository) still sees
 * every repository.
 */
export function createRepositories(db: Executor): Repositories {
  const built: Partial<Record<keyof Repositories, unknown>> = {};
  const repos = {} as Repositories;
  for (const name of NAMES) {
    Object.defineProperty(repos, name, { enumerable: true, get: () => (built[name] ??= FACTORIES[name](db)) });
  }
  return repos;
}
