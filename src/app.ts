import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { atMostEvery, withoutPassword, type Logger } from './logger.js';
import { createDbClient, type DbClient } from './db/client.js';
import { createUnitOfWork } from './db/unit-of-work.js';
import { systemClock, type Clock } from './domain/shared/clock.js';
import { createAccessService } from './domain/access/access-service.js';
import { createMaxLinking } from './domain/access/max-link.js';
import { createSchoolService } from './domain/schools/school-service.js';
import { createJournalService } from './domain/journal/index.js';
import { createJournalNotifier } from './domain/outbox/journal-notifier.js';
import { createPlanUploadService, createScheduleService } from './domain/schedule/index.js';
import { createRosterService } from './domain/roster/roster-service.js';
import { createFamilyService } from './domain/family/index.js';
import { createClassJournal } from './domain/class-journal/index.js';
import { createHttpServer } from './http/server.js';
import { createReportsService } from './domain/reports/index.js';
import { createCourseReportsService } from './domain/reports/course/index.js';
import { createPdfRenderer } from './documents/pdf-renderer.js';
import { createXlsxReader } from './documents/xlsx-reader.js';
import { createAuditService } from './domain/audit/audit-service.js';
import { createArchiveService } from './domain/archive/index.js';
import { createFileArchiveStore } from './jobs/archive/file-store.js';
import { createNotificationRuntime } from './notifications/runtime.js';
import { createBotSessionStore } from './db/repositories/bot-session-store.js';
import { createBotRuntime, telegramTargetOf, type BotRuntime } from './bot-runtime.js';
import { announceDemo, seedDemoSchool } from './demo/index.js';
import { parentFeatures } from './bot/features/parent/index.js';
import { familyAfterLink, studentFeatures } from './bot/features/student/index.js';
import { createComplianceService } from './domain/compliance/index.js';
import { createYearService } from './domain/year/year-service.js';
import { createDepartmentService } from './domain/departments/index.js';
import { createClassFlagService } from './domain/class-daily/index.js';
import { createMovementService } from './domain/movement/index.js';
import { createStaffService } from './domain/staff/index.js';
import { createComplianceRuntime } from './jobs/compliance-runtime.js';
import { teacherFeatures, teacherStatelessFeatures } from './bot/features/teacher/index.js';
import { deputyFeatures } from './bot/features/deputy/index.js';
import { teacherReportsFeature } from './bot/features/teacher-reports/index.js';
import { ktpUploadFeature } from './bot/features/ktp-upload/index.js';
import { downloadTelegramFile } from './telegram/index.js';
import { classDocsFeature } from './bot/features/class-docs/index.js';
import { createClassCodesService } from './domain/access/class-codes.js';
import { createClassDocumentsService } from './domain/reports/class-documents.js';
import { createSlipRenderer } from './documents/slips-renderer.js';
import { classTeacherFeature } from './bot/features/class-teacher/index.js';
import { createOps, type Metrics } from './ops/index.js';
import { DELIVERY_QUEUE } from './notifications/queue.js';

/** At most one warning per this interval while Redis is unreachable. */
const REDIS_WARNING_INTERVAL_MS = 30_000;
import { createBackupService } from './domain/backup/index.js';
import { createPostgresBackupEngine } from './db/backup/postgres-engine.js';
import { createBackupRepository } from './db/repositories/backup-repository.js';
import { knownMigrations } from './db/migrate.js';
import { createBackupFiles } from './jobs/backup/backup-files.js';
import { createBackupRuntime } from './jobs/backup/runtime.js';

export interface AppOptions {
  clock?: Clock;
}

/** Everything built from the configuration, before any role starts. */
export function createServices(config: Config, db: DbClient, clock: Clock) {
  // Filled in when the bot learns its name from getMe; codes issued before that have no link.
  const botUsername: { current: string | null } = { current: null };
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
  });
  const maxLinking = createMaxLinking({ uow, clock });
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
    schools,
    journal,
    schedule,
    planUpload,
    roster,
    access,
    maxLinking,
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

export interface App {
  db: DbClient;
  redis: Redis;
  services: Services;
  http: FastifyInstance | null;
  bot: BotRuntime;
  metrics: Metrics;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: the one place that wires every layer together. */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const db = createDbClient(config.databaseUrl, { max: config.databasePoolSize, prepare: config.databasePrepare });
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
  // ioredis reconnects on its own; while Redis is away it fails every second or two, so one line in a while says enough.
  const redisDown = atMostEvery(REDIS_WARNING_INTERVAL_MS);
  const warnRedisDown = (reason: string) =>
    redisDown(() =>
      logger.warn(
        `Redis at REDIS_URL=${withoutPassword(config.redis.url)} is not reachable (${reason}); retrying in the background, notices stay pending until it is back`,
      ),
    );
  redis.on('error', (err: Error) => warnRedisDown(err.message));
  redis.on('ready', () => {
    if (redisDown.reset()) logger.info('Redis is reachable again');
  });
  const services = createServices(config, db, clock);
  const ops = createOps({
    role: config.role,
    redis,
    prefix: config.redis.prefix,
    queueNames: [DELIVERY_QUEUE],
    metrics: { ...config.metrics, host: config.http.host },
    dashboard: config.dashboard,
    sources: {
      outbox: () => services.uow.repos.operations.outboxHealth(clock.now()),
      lastBackupAt: () => services.backup.lastSuccessfulBackupAt(),
    },
    logger,
    onRedisError: warnRedisDown,
  });
  const { metrics } = ops;
  const runsWeb = config.role === 'all' || config.role === 'web';
  const runsWorker = config.role === 'all' || config.role === 'worker';
  const notifications = runsWorker
    ? createNotificationRuntime({
        uow: services.uow,
        clock,
        logger,
        redisUrl: config.redis.url,
        prefix: config.redis.prefix,
        telegram: telegramTargetOf(config),
        mail: config.mail,
        renderer: services.renderer,
        ratePerSecond: config.telegram.ratePerSecond,
        max: config.max.token ? { token: config.max.token, apiRoot: config.max.apiRoot, ratePerSecond: config.max.ratePerSecond } : null,
        observe: { relayPass: metrics.observeLoop('outbox_relay'), delivery: metrics.observeDelivery },
      })
    : null;
  const bot = createBotRuntime({
    config,
    logger,
    access: services.access,
    store: createBotSessionStore(db.db),
    onUsername: (name) => {
      services.botUsername.current = name;
    },
    // The teacher features come first: their open questions must see a button press before anyone else.
    features: [
      ...teacherFeatures({ journal: services.journal, schools: services.schools, clock, classFlags: services.classFlags }),
      teacherReportsFeature({ courseReports: services.courseReports, clock }),
      ktpUploadFeature({
        plans: services.planUpload,
        download: (filePath, maxBytes) => downloadTelegramFile(telegramTargetOf(config), filePath, maxBytes),
      }),
      ...deputyFeatures({ compliance: services.compliance, reports: services.reports, roster: services.roster, clock }),
      ...parentFeatures({ family: services.family }),
      classDocsFeature({ codes: services.classCodes, documents: services.classDocuments, family: services.family, clock }),
      classTeacherFeature({ family: services.family, classJournal: services.classJournal }),
      ...studentFeatures({ family: services.family }),
    ],
    stateless: teacherStatelessFeatures(),
    afterLink: familyAfterLink(services.family),
    observeUpdate: metrics.observeUpdate('telegram'),
  });

  const scanner = runsWorker
    ? createComplianceRuntime({ uow: services.uow, clock, logger, observePass: metrics.observeLoop('compliance_scan') })
    : null;
  const backups =
    runsWorker && config.backup.schedule
      ? createBackupRuntime({
          backup: services.backup,
          logger,
          observePass: metrics.observeLoop('backup_schedule'),
          observeBackup: metrics.observeBackup,
        })
      : null;

  const http = runsWeb
    ? await createHttpServer({
        logger,
        bodyLimitBytes: config.http.bodyLimitBytes,
        health: {
          checks: {
            postgres: () => db.ping(),
            redis: async () => {
              await redis.ping();
            },
          },
        },
        services,
        observeRequest: metrics.observeRequest,
        extensions: [...bot.extensions, ...ops.extensions],
      })
    : null;

  return {
    db,
    redis,
    services,
    http,
    bot,
    metrics,
    async start() {
      // A queue handle may already have started connecting the shared connection.
      if (redis.status === 'wait') await redis.connect().catch((err: Error) => warnRedisDown(err.message));
      await notifications?.start();
      scanner?.start();
      backups?.start();
      if (http) {
        const address = await http.listen({ host: config.http.host, port: config.http.port });
        logger.info({ address, role: config.role }, 'http server listening');
      }
      await ops.start();
      await bot.start();
      if (bot.mode === 'emulator' && config.emulator.seedDemo) await announceDemo(await seedDemoSchool(services, clock), config, logger);
    },
    async stop() {
      // Stop taking work first, then let in-flight work finish, then close connections.
      await bot.stop();
      if (http) await http.close();
      await scanner?.stop();
      await backups?.stop();
      await notifications?.stop();
      await ops.stop();
      redis.disconnect();
      await db.close();
    },
  };
}
