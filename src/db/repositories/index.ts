import type { Repositories } from '../../domain/ports.js';
import type { Executor } from '../client.js';
import { createAccessRepository } from './access/index.js';
import { createAuditRepository } from './audit-repository.js';
import { createRosterRepository } from './roster/index.js';
import { createSchoolRepository } from './school-repository.js';
import { createAudienceRepository } from './audience-repository.js';
import { createDeliveryFactsRepository } from './delivery-facts-repository.js';
import { createNotificationRepository } from './notification-repository.js';
import { createJournalRepository } from './journal/index.js';
import { createScheduleRepository } from './schedule/index.js';
import { createFamilyRepository } from './family/index.js';
import { createChildPeriodRepository } from './child-period-repository.js';
import { createReportsRepository } from './reports/index.js';
import { createArchiveRepository } from './archive/index.js';
import { createComplianceRepository } from './compliance/index.js';
import { createOperationsRepository } from './operations-repository.js';
import { createYearRepository } from './year-repository.js';
import { createFinalGradeRepository } from './final-grade-repository.js';
import { createMovementRepository } from './movement-repository.js';
import { createStaffRepository } from './staff-repository.js';
import { createDepartmentRepository } from './department-repository.js';
import { createClassDailyRepository } from './class-daily/index.js';
import { createClassJournalRepository } from './class-journal/index.js';

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
  childPeriods: createChildPeriodRepository,
  reports: createReportsRepository,
  archive: createArchiveRepository,
  compliance: createComplianceRepository,
  operations: createOperationsRepository,
  studyPeriods: createYearRepository,
  finalGrades: createFinalGradeRepository,
  movement: createMovementRepository,
  staff: createStaffRepository,
  departments: createDepartmentRepository,
  classDaily: createClassDailyRepository,
  classJournal: createClassJournalRepository,
};
const NAMES = Object.keys(FACTORIES) as (keyof Repositories)[];
const isName = (name: string | symbol): name is keyof Repositories => typeof name === 'string' && Object.hasOwn(FACTORIES, name);

interface Lazy {
  db: Executor;
  built: Partial<Record<keyof Repositories, unknown>>;
}
const build = (t: Lazy, name: keyof Repositories) => (t.built[name] ??= FACTORIES[name](t.db));

/**
 * One handler for every set: reading a repository builds it on first use, and the set lists
 * every repository as its own enumerable property, so spreading it (a test double overriding
 * one repository) still sees every repository.
 */
const lazily: ProxyHandler<Lazy> = {
  get: (t, name) => (isName(name) ? build(t, name) : undefined),
  has: (_t, name) => isName(name),
  ownKeys: () => NAMES,
  getOwnPropertyDescriptor: (t, name) =>
    isName(name) ? { value: build(t, name), enumerable: true, configurable: true, writable: false } : undefined,
};

/**
 * The repositories over one executor (the pool, or an open transaction), each built on first
 * use: a transaction touches two or three of them, and every attendance save opens one, so
 * building all of them each time showed in the profile of a save.
 *
 * A proxy rather than getters defined on each set: V8 allocates the accessor pair of such a
 * property in the old generation, where every set with getters held its transaction's objects
 * alive through young-generation collections until the next full one (docs/bot.md, "Garbage
 * collection").
 */
export function createRepositories(db: Executor): Repositories {
  return new Proxy<Lazy>({ db, built: {} }, lazily) as unknown as Repositories;
}
