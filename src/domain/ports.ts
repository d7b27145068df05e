import type { AuditRepository } from './audit/types.js';
import type { SchoolRepository } from './schools/types.js';
import type { AudienceRepository, DeliveryFactsRepository, NotificationRepository } from './notifications/types.js';
import type { JournalRepository } from './journal/types.js';
import type { ScheduleRepository } from './schedule/types.js';
import type { ComplianceRepository } from './compliance/types.js';

/**
 * Every repository the domain uses. The db layer implements them; a service receives a
 * UnitOfWork and opens a transaction when a change spans several of them.
 */
export interface Repositories {
  schools: SchoolRepository;
  audit: AuditRepository;
  notifications: NotificationRepository;
  audience: AudienceRepository;
  deliveryFacts: DeliveryFactsRepository;
  journal: JournalRepository;
  schedule: ScheduleRepository;
  compliance: ComplianceRepository;
}

export interface UnitOfWork {
  repos: Repositories;
  /** Runs `fn` in one database transaction; repositories passed to it write inside it. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}
