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

/** Builds every repository over one executor (the pool, or an open transaction). */
export function createRepositories(db: Executor): Repositories {
  return {
    schools: createSchoolRepository(db),
    audit: createAuditRepository(db),
    notifications: createNotificationRepository(db),
    audience: createAudienceRepository(db),
    deliveryFacts: createDeliveryFactsRepository(db),
    journal: createJournalRepository(db),
    schedule: createScheduleRepository(db),
    roster: createRosterRepository(db),
    access: createAccessRepository(db),
    family: createFamilyRepository(db),
    reports: createReportsRepository(db),
    archive: createArchiveRepository(db),
    compliance: createComplianceRepository(db),
  };
}
