import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { IN_USE, type BackupEngine, type DatabaseFacts, type RestoredDatabase } from '../../domain/backup/index.js';
import { openPostgres } from '../connect.js';
import { databaseOf, runPgTool, withDatabase } from './pg-env.js';

/** The table of backup outcomes: its rows describe files, not the journal, and stay out of dumps. */
const OWN_TABLE = 'backups';
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Schema version and rows per table, all read by `sql` (in one snapshot when it is a transaction). */
async function factsOf(sql: postgres.Sql | postgres.TransactionSql): Promise<DatabaseFacts> {
  const tables = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> ${OWN_TABLE} order by 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from public.${quote(name)}`);
    counts[name] = row!.n;
  }
  const [journal] = await sql<{ present: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as present`;
  let schema = { migrations: 0, lastCreatedAt: 0 };
  if (journal!.present) {
    const [row] = await sql.unsafe<{ n: number; last: string | null }[]>(
      'select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations',
    );
    schema = { migrations: row!.n, lastCreatedAt: Number(row!.last ?? 0) };
  }
  return { schema, tables: counts };
}

/** A database name of at most 63 bytes that starts like the configured one (tests drop by prefix). */
function derivedName(base: string, what: string): string {
  return `${base.slice(0, 63 - what.length - 1)}_${what}`;
}

/**
 * The BackupEngine over PostgreSQL's own tools. A dump runs pg_dump on a snapshot exported by a
 * repeatable-read transaction that counts the rows in that same snapshot, so the manifest and the
 * dump agree even while the product writes. Restores go into a new database made from template0
 * (`--no-owner --no-acl`, so a new machine with other roles works); promoting renames the
 * configured database away and the restored one into its place in one transaction.
 */
export function createPostgresBackupEngine(databaseUrl: string): BackupEngine {
  const database = databaseOf(databaseUrl);
  const maintenanceUrl = withDatabase(databaseUrl, 'postgres');
  const admin = async <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
    const sql = openPostgres(maintenanceUrl, { max: 1, onnotice: () => {} });
    try {
      return await fn(sql);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  const drop = (name: string) => admin((sql) => sql.unsafe(`drop database if exists ${quote(name)} with (force)`).then(() => {}));

  return {
    database,
    async dump(path) {
      const sql = openPostgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        return await sql.begin('isolation level repeatable read read only', async (tx) => {
          const [snapshot] = await tx<{ id: string }[]>`select pg_export_snapshot() as id`;
          const facts = await factsOf(tx);
          // The snapshot stays importable only while this transaction is open.
          await runPgTool(
            'pg_dump',
            ['--format=custom', `--snapshot=${snapshot!.id}`, `--exclude-table-data=public.${OWN_TABLE}`, '--file', path],
            databaseUrl,
          );
          return facts;
        });
      } finally {
        await sql.end({ timeout: 5 });
      }
    },

    otherSessions: () =>
      admin(async (sql) => {
        const [row] = await sql<
          { n: number }[]
        >`select count(*)::int as n from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
        return row!.n;
      }),

    async restoreToNew(path, purpose): Promise<RestoredDatabase> {
      const name = derivedName(database, `${purpose}_${randomBytes(4).toString('hex')}`);
      await admin((sql) => sql.unsafe(`create database ${quote(name)} template template0`));
      let facts: DatabaseFacts;
      try {
        await runPgTool(
          'pg_restore',
          ['--no-owner', '--no-acl', '--exit-on-error', '--dbname', name, path],
          withDatabase(databaseUrl, name),
        );
        const sql = openPostgres(withDatabase(databaseUrl, name), { max: 1, onnotice: () => {} });
        try {
          facts = await factsOf(sql);
        } finally {
          await sql.end({ timeout: 5 });
        }
      } catch (err) {
        await drop(name).catch(() => {});
        throw err;
      }
      return {
        name,
        facts,
        drop: () => drop(name),
        promote: () =>
          admin(async (sql) => {
            const keptAs = derivedName(database, `pre_restore_${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}`);
            try {
              await sql.begin(async (tx) => {
                const [current] = await tx<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${database}`;
                if (current!.n) await tx.unsafe(`alter database ${quote(database)} rename to ${quote(keptAs)}`);
                await tx.unsafe(`alter database ${quote(name)} rename to ${quote(database)}`);
              });
            } catch (err) {
              if ((err as { code?: string }).code === '55006') {
                throw new Error(IN_USE);
              }
              throw err;
            }
            return keptAs;
          }),
      };
    },
  };
}
