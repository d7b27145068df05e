import { Redis } from 'ioredis';
import { createServices, type Services } from './services.js';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { atMostEvery, withoutPassword, type Logger } from './logger.js';
import { createDbClient, type DbClient } from './db/client.js';
import { systemClock, type Clock } from './domain/shared/clock.js';
import { createHttpServer } from './http/server.js';
import { createNotificationRuntime } from './notifications/runtime.js';
import { createBotSessionStore } from './db/repositories/bot-session-store.js';
import { createBotRuntime, telegramTargetOf, type BotRuntime } from './bot-runtime.js';
import { announceDemo, seedDemoSchool } from './demo/index.js';
import { createComplianceRuntime } from './jobs/compliance-runtime.js';
import { botExtras, botFeatures } from './bot-features.js';
import { createMaxRuntime, maxTargetOf, type MaxRuntime } from './max-runtime.js';
import type { Messenger } from './bot/index.js';
import { createOps, type Metrics } from './ops/index.js';
import { DELIVERY_QUEUE } from './notifications/queue.js';

/** At most one warning per this interval while Redis is unreachable. */
const REDIS_WARNING_INTERVAL_MS = 30_000;
import { createBackupRuntime } from './jobs/backup/runtime.js';

export { createServices, type Services } from './services.js';

export interface AppOptions {
  clock?: Clock;
}

export interface App {
  db: DbClient;
  redis: Redis;
  services: Services;
  http: FastifyInstance | null;
  bot: BotRuntime;
  max: MaxRuntime;
  metrics: Metrics;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: wires the services (services.ts) to the roles this process runs. */
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
        max: maxTargetOf(config) ? { ...maxTargetOf(config)!, ratePerSecond: config.max.ratePerSecond } : null,
        observe: { relayPass: metrics.observeLoop('outbox_relay'), delivery: metrics.observeDelivery },
      })
    : null;
  const features = (messenger: Messenger) => botFeatures(services, config, clock, messenger);
  const botStore = createBotSessionStore(db.db);
  const bot = createBotRuntime({
    config,
    logger,
    access: services.access,
    store: botStore,
    onUsername: (name) => {
      services.botUsername.current = name;
    },
    features: features('telegram'),
    ...botExtras(services),
    observeUpdate: metrics.observeUpdate('telegram'),
  });
  const max = createMaxRuntime({
    config,
    logger,
    access: services.access.forMessenger('max'),
    store: botStore,
    messages: redis,
    onUsername: (name) => {
      services.maxBotUsername.current = name;
    },
    features: features('max'),
    dialogs: (maxUserId, open) => services.access.maxDialog(maxUserId, open),
    ...botExtras(services),
    observeUpdate: metrics.observeUpdate('max'),
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
        extensions: [...bot.extensions, ...max.extensions, ...ops.extensions],
      })
    : null;

  return {
    db,
    redis,
    services,
    http,
    bot,
    max,
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
      await max.start();
      if (bot.mode === 'emulator' && config.emulator.seedDemo)
        await announceDemo(await seedDemoSchool(services, clock), config, logger, { max: max.mode === 'stand-in' });
    },
    async stop() {
      // Stop taking work first, then let in-flight work finish, then close connections.
      await bot.stop();
      await max.stop();
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
