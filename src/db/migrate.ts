import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { openPostgres } from './connect.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
/** Any constant works; it only has to be the same in every process of the product. */
const MIGRATION_LOCK = 7_263_001;

/**
 * Creates the database named in `url` when it does not exist yet, so that a fresh machine
 * runs with one command. Needs the right to create databases; otherwise the operator does it.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const probe = openPostgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await probe`select 1`;
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err;
  } finally {
    await probe.end({ timeout: 5 });
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = openPostgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    // Another process created it between our probe and our create: that is fine. PostgreSQL
    // says so with 42P04, or with a unique violation on pg_database when both raced.
    const code = (err as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw err;
  } finally {
    await admin.end({ timeout: 5 });
  }
  return true;
}

/**
 * Applies pending migrations. drizzle's migrator takes no lock, so concurrent starts
 * would race: one connection holds a session advisory lock for the whole run.
 */
export async function runMigrations(url: string): Promise<void> {
  await ensureDatabase(url);
  const sql = openPostgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The migrations this code ships, oldest first, from drizzle's journal. */
export function knownMigrations(): { tag: string; createdAt: number }[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map((e) => ({ tag: e.tag, createdAt: e.when })).sort((a, b) => a.createdAt - b.createdAt);
}
