import { randomBytes } from 'node:crypto';
import { openPostgres } from '../../src/db/connect.js';
import type { TestProject } from 'vitest/node';
import { runMigrations } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
    templateDatabase: string;
    redisUrl: string;
    runId: string;
  }
}

function withDatabase(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Each run gets its own databases (and Redis key prefix), so two runs on one machine never
 * see each other's rows: a migrated template nobody connects to, and the shared test
 * database copied from it. Tests of machinery that scans whole tables (the outbox relay,
 * compliance scans) copy a private database from the template. All are dropped afterwards.
 */
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const prefix = `sj_test_${runId}`;
  const admin = openPostgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${prefix}_tpl`);
  await runMigrations(withDatabase(base, `${prefix}_tpl`));
  await admin.unsafe(`create database ${prefix} template ${prefix}_tpl`);
  project.provide('databaseUrl', withDatabase(base, prefix));
  project.provide('adminDatabaseUrl', base);
  project.provide('templateDatabase', `${prefix}_tpl`);
  project.provide('redisUrl', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  project.provide('runId', runId);
  return async () => {
    const rows = await admin`select datname from pg_database where datname like ${`${prefix}%`}`;
    for (const { datname } of rows) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}
