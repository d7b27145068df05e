import { openPostgres } from '../../src/db/connect.js';
import { inject, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/db/migrate.js';

describe('runMigrations', () => {
  it('creates a missing database and lets several processes migrate it at once', async () => {
    const url = new URL(inject('adminDatabaseUrl'));
    url.pathname = `/${inject('templateDatabase').replace(/_tpl$/, '')}_fresh_${process.pid}`;
    // Four starts at the same moment: the advisory lock lets one migrate and the others find it done.
    await Promise.all([1, 2, 3, 4].map(() => runMigrations(url.toString())));
    const sql = openPostgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const files = (await import('node:fs')).readdirSync(new URL('../../migrations', import.meta.url)).filter((f) => f.endsWith('.sql'));
      expect(row!.n).toBe(files.length);
      const tables = await sql`select 1 from information_schema.tables where table_name = 'lessons'`;
      expect(tables).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });
});
