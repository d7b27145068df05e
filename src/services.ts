import type { Config } from './config.js';
import type { DbClient } from './db/client.js';
import type { Clock } from './domain/shared/clock.js';
import { createUnitOfWork } from './db/unit-of-work.js';
import { createAccessService } from './domain/access/access-service.js';
import { createSchoolService } from './domain/schools/school-service.js';
import { createJournalService } from './domain/journal/index.js';
import { createJournalNotifier } from './domain/outbox/journal-notifier.js';
import { createPlanUploadService, createScheduleService } from './domain/schedule/index.js';
import { createRosterService } from './domain/roster/roster-service.js';
import { createFamilyService } from './domain/family/index.js';
import { createClassJournal } from './domain/class-journal/index.js';
import { createReportsService } from './domain/reports/index.js';
import { createCourseReportsService } from './domain/reports/course/index.js';
import { createPdfRenderer } from './documents/pdf-renderer.js';
import { createXlsxReader } from './documents/xlsx-reader.js';
import { createAuditService } from './domain/audit/audit-service.js';
import { createArchiveService } from './domain/archive/index.js';
import { createFileArchiveStore } from './jobs/archive/file-store.js';
import { createBotSessionStore } from './db/repositories/bot-session-store.js';
import { createComplianceService } from './domain/compliance/index.js';
import { createYearService } from './domain/year/year-service.js';
import { createDepartmentService } from './domain/departments/index.js';
import { createClassFlagService } from './domain/class-daily/index.js';
import { createMovementService } from './domain/movement/index.js';
import { createStaffService } from './domain/staff/index.js';
import { createClassCodesService } from './domain/access/class-codes.js';
import { createClassDocumentsService } from './domain/reports/class-documents.js';
import { createSlipRenderer } from './documents/slips-renderer.js';
import { createBackupService } from './domain/backup/index.js';
import { createPostgresBackupEngine } from './db/backup/postgres-engine.js';
import { createBackupRepository } from './db/repositories/backup-repository.js';
import { knownMigrations } from './db/migrate.js';
import { createBackupFiles } from './jobs/backup/backup-files.js';

/** Everything built from the configuration, before any role starts. */
export function createServices(config: Config, db: DbClient, clock: Clock) {
  // Filled in when the bot learns its name from getMe; codes issued before that have no link.
  const botUsername: { current: string | null } = { current: null };
  // Filled in when the MAX bot learns its name; until then codes carry no MAX deep link.
  const maxBotUsername: { current: string | null } = { current: null };
  const uow = createUnitOfWork(db.db);
  const schools = createSchoolService({ uow, clock });
  const journal = createJournalService({ uow, clock, events: createJournalNotifier({ clock }) });
  const schedule = createScheduleService({ uow, clock });
  const roster = createRosterService({ uow, clock });
  // The pending upload waits in the bot's durable store (PostgreSQL), beside its conversations.
  const planUpload = createPlanUploadService({ schedule, uow, store: createBotSessionStore(db.db), clock, sheets: createXlsxReader() });
  const family = createFamilyService({ uow, clock });
  const classJournal = createClassJournal({ uow, clock });
  const access = createAccessService({
    uow,
    clock,
    ttlDays: config.invites.ttlDays,
    botUsername: () => botUsername.current ?? config.telegram.botUsername,
    maxBotUsername: () => maxBotUsername.current ?? config.max.botUsername,
  });
  const renderer = createPdfRenderer();
  const reports = createReportsService({ uow, renderer });
  const courseReports = createCourseReportsService({ uow, renderer, clock });
  const classCodes = createClassCodesService({ uow, clock, access, renderer: createSlipRenderer() });
  const classDocuments = createClassDocumentsService({ uow, clock, reports, renderer });
  const audit = createAuditService({ uow });
  const archive = createArchiveService({ uow, clock, store: createFileArchiveStore(config.archive.dir) });
  const compliance = createComplianceService({ uow, clock, renderer });
  const year = createYearService({ uow, clock });
  const movement = createMovementService({ uow, clock });
  const staff = createStaffService({ uow, clock });
  const departments = createDepartmentService({ uow });
  const classFlags = createClassFlagService({ uow, clock });
  const backup = createBackupService({
    engine: createPostgresBackupEngine(config.databaseUrl),
    files: createBackupFiles(config.backup.dir),
    records: createBackupRepository(db.db),
    clock,
    known: knownMigrations(),
    policy: { schedule: config.backup.schedule, keep: config.backup.keep },
  });
  // One entry per service; keep one per line so parallel branches merge cleanly.
  return {
    uow,
    botUsername,
    maxBotUsername,
    schools,
    journal,
    schedule,
    planUpload,
    roster,
    access,
    family,
    classJournal,
    reports,
    courseReports,
    classCodes,
    classDocuments,
    audit,
    archive,
    compliance,
    year,
    movement,
    staff,
    departments,
    classFlags,
    backup,
    renderer,
  };
}
export type Services = ReturnType<typeof createServices>;
