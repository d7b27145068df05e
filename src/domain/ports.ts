import type { AccessRepository } from './access/types.js';
import type { AuditRepository } from './audit/types.js';
import type { RosterRepository } from './roster/types.js';
import type { SchoolRepository } from './schools/types.js';
import type { AudienceRepository, DeliveryFactsRepository, NotificationRepository } from './outbox/types.js';
import type { JournalRepository } from './journal/types.js';
import type { ScheduleRepository } from './schedule/types.js';
import type { FamilyRepository } from './family/types.js';
import type { ChildPeriodRepository } from './family/period-types.js';
import type { ReportsRepository } from './reports/types.js';
import type { ArchiveRepository } from './archive/types.js';
import type { ComplianceRepository } from './compliance/types.js';
import type { OperationsRepository } from './operations/types.js';
import type { StudyPeriodRepository } from './year/types.js';
import type { FinalGradeRepository } from './journal/final-grade-types.js';
import type { MovementRepository } from './movement/types.js';
import type { StaffRepository } from './staff/types.js';
import type { DepartmentRepository } from './departments/types.js';
import type { ClassDailyRepository } from './class-daily/types.js';
import type { ClassJournalRepository } from './class-journal/types.js';

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
  roster: RosterRepository;
  access: AccessRepository;
  family: FamilyRepository;
  childPeriods: ChildPeriodRepository;
  reports: ReportsRepository;
  archive: ArchiveRepository;
  compliance: ComplianceRepository;
  operations: OperationsRepository;
  studyPeriods: StudyPeriodRepository;
  finalGrades: FinalGradeRepository;
  movement: MovementRepository;
  staff: StaffRepository;
  departments: DepartmentRepository;
  classDaily: ClassDailyRepository;
  classJournal: ClassJournalRepository;
}

export interface UnitOfWork {
  repos: Repositories;
  /** Runs `fn` in one database transaction; repositories passed to it write inside it. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}
