import { count, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { App } from '../../src/app.js';

export async function countRows(app: App, table: PgTable, where?: SQL): Promise<number> {
  const [row] = await app.db.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}
