import { ConfigError, createConfig, type Config } from './config.js';
import { createLogger, withoutPassword, type Logger } from './logger.js';
import { createApp } from './app.js';
import { PostgresUnreachableError, waitForPostgres } from './db/connect.js';
import { runMigrations } from './db/migrate.js';

/** Start-up waits 1 + 2 + 4 + 8 s for PostgreSQL (a container started before its database), then gives up. */
const POSTGRES_ATTEMPTS = 5;

function configOrExit(): Config {
  try {
    return createConfig(process.env, process.argv.slice(2));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee README.md, section "Configuration".\n`);
      process.exit(2);
    }
    throw err;
  }
}

async function main(config: Config, logger: Logger): Promise<void> {
  const databaseUrl = withoutPassword(config.databaseUrl);
  await waitForPostgres(config.databaseUrl, {
    attempts: POSTGRES_ATTEMPTS,
    onRetry: (attempt, delayMs, reason) =>
      logger.warn({ attempt, retryInMs: delayMs }, `PostgreSQL at DATABASE_URL=${databaseUrl} is not reachable (${reason}); retrying`),
  });
  await runMigrations(config.databaseUrl);
  logger.info('database migrations are up to date');
  const app = await createApp(config, logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000).unref();
    try {
      await app.stop();
      clearTimeout(force);
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.start();
}

const config = configOrExit();
const logger = createLogger(config.logLevel, config.logFormat);
main(config, logger).catch((err) => {
  // One log line, in the log's own format: an operator's collector should not get a bare stack trace.
  if (err instanceof PostgresUnreachableError) {
    logger.fatal(
      { attempts: err.attempts },
      `PostgreSQL at DATABASE_URL=${withoutPassword(config.databaseUrl)} cannot be used (${err.reason}); giving up after ${err.attempts} attempt${err.attempts === 1 ? '' : 's'}`,
    );
  } else {
    logger.fatal({ err }, 'failed to start');
  }
  process.exit(1);
});
