import { randomBytes } from 'node:crypto';
import { openPostgres } from '../../src/db/connect.js';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import { FAST_PATH } from './fast-path.js';

let counter = 0;

/** A unique Redis prefix per test app: queues of parallel tests never meet. */
export function uniquePrefix(): string {
  return `sjt:${inject('runId')}:${process.pid}:${++counter}:${randomBytes(2).toString('hex')}`;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return createConfig({
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: uniquePrefix(),
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TELEGRAM_FAST_PATH: String(FAST_PATH),
    // No MAX stand-in on a fixed port: test files run side by side (tests/max start their own).
    MAX_STAND_IN_PORT: '0',
    ...env,
  });
}

/** A private database copied from the run's migrated template (fast: no migrations run). */
export async function isolatedDatabaseUrl(): Promise<string> {
  const name = `${inject('templateDatabase').replace(/_tpl$/, '')}_${process.pid}_${++counter}`;
  const admin = openPostgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  role?: 'all' | 'web' | 'worker';
  /** For tests of machinery that scans whole tables: no other test's rows are visible. */
  isolatedDatabase?: boolean;
}

/** The real composition root over the test database; nothing is started until you call start(). */
export async function createTestApp(options: TestAppOptions = {}): Promise<App> {
  const database: Record<string, string> = options.isolatedDatabase ? { DATABASE_URL: await isolatedDatabaseUrl() } : {};
  const config = testConfig({ APP_ROLE: options.role ?? 'web', ...database, ...options.env });
  return createApp(config, createLogger(config.logLevel), { clock: options.clock });
}

/** A school with an API key, created through the service the CLI uses. */
export async function createSchool(app: App, input: { name?: string; timezone?: string } = {}) {
  const { school, apiKey } = await app.services.schools.create(
    { kind: 'system' },
    {
      name: input.name ?? `Школа ${++counter}`,
      timezone: input.timezone ?? 'Europe/Moscow',
    },
  );
  return { school, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

/** A clock tests move by hand. */
export function manualClock(start: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (to) => {
      now = new Date(to);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}
