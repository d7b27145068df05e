import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, PREPARE_MAX_PARAMETERS, type DbClient } from '../../src/db/client.js';
import { schools } from '../../src/db/schema/index.js';
import { isolatedDatabaseUrl } from '../helpers/app.js';

/**
 * drizzle asks postgres.js for unprepared statements, which cost two round trips and a fresh
 * parse and plan each time; the client prepares them instead. One connection, so that the
 * statements seen in pg_prepared_statements are the ones these queries left behind.
 */
describe('database client: prepared statements', () => {
  let client: DbClient;
  beforeAll(async () => {
    client = createDbClient(await isolatedDatabaseUrl(), { max: 1 });
  });
  afterAll(async () => {
    await client.close();
  });

  const preparedLike = async (fragment: string) => {
    const rows = await client.db.execute(
      sql`select statement from pg_prepared_statements where statement like ${`%${fragment}%`} and statement not like '%pg_prepared_statements%'`,
    );
    return rows.length;
  };

  it('prepares a parameterized drizzle query once and reuses it', async () => {
    const [created] = await client.db.insert(schools).values({ name: 'Подготовленная', timezone: 'Europe/Moscow' }).returning();
    for (let i = 0; i < 3; i++) {
      const [row] = await client.db.select({ name: schools.name }).from(schools).where(eq(schools.id, created!.id));
      expect(row?.name).toBe('Подготовленная');
    }
    expect(await preparedLike('select "name" from "schools" where "schools"."id" = $1')).toBe(1);
  });

  it('prepares the statements of a transaction, which rolls back as before', async () => {
    await expect(
      client.db.transaction(async (tx) => {
        await tx.insert(schools).values({ name: 'Откатится', timezone: 'Europe/Moscow' });
        const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(schools).where(eq(schools.name, 'Откатится'));
        expect(row?.n).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [after] = await client.db.select({ n: sql<number>`count(*)::int` }).from(schools).where(eq(schools.name, 'Откатится'));
    expect(after?.n).toBe(0);
    expect(await preparedLike('where "schools"."name" = $1')).toBe(1);
  });

  it('leaves a statement with many parameters unprepared: its text varies with the data', async () => {
    const ids = Array.from({ length: PREPARE_MAX_PARAMETERS + 1 }, (_, i) => -1 - i);
    expect(await client.db.select({ id: schools.id }).from(schools).where(inArray(schools.id, ids))).toEqual([]);
    expect(await preparedLike(`$${PREPARE_MAX_PARAMETERS + 1})`)).toBe(0);
  });

  it('prepares nothing when turned off (a pooler in transaction mode)', async () => {
    const unprepared = createDbClient(await isolatedDatabaseUrl(), { max: 1, prepare: false });
    try {
      const [created] = await unprepared.db.insert(schools).values({ name: 'Без подготовки', timezone: 'Europe/Moscow' }).returning();
      const [row] = await unprepared.db.select({ name: schools.name }).from(schools).where(eq(schools.id, created!.id));
      expect(row?.name).toBe('Без подготовки');
      const left = await unprepared.db.execute(sql`select count(*)::int as n from pg_prepared_statements`);
      expect(left[0]).toEqual({ n: 0 });
    } finally {
      await unprepared.close();
    }
  });
});
