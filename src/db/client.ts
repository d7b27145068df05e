import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { openPostgres } from './connect.js';
import * as schema from './schema/index.js';

export type Database = PostgresJsDatabase<typeof schema>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Pick<
  Database,
  'select' | 'insert' | 'update' | 'delete' | 'execute' | 'selectDistinct' | 'selectDistinctOn' | '$with' | 'with'
>;

export interface DbClient {
  db: Database;
  sql: postgres.Sql;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Statements with at most this many parameters are prepared once per connection. More
 * parameters mostly means a text that varies with the data (a bulk insert, a long id list),
 * which would only fill the connection's statement cache.
 */
export const PREPARE_MAX_PARAMETERS = 64;

type Unsafe = postgres.Sql['unsafe'];

/**
 * The postgres.js client as drizzle should see it: every parameterized statement prepared.
 * drizzle asks postgres.js for an unprepared statement unless the query was built with
 * `.prepare()`, and postgres.js sends an unprepared statement with parameters in two round trips
 * (Parse and Describe, wait for the parameter types, then Bind and Execute), parsed and planned
 * by PostgreSQL every time. Prepared, it is one round trip after the first use on a connection.
 * Transactions and savepoints hand drizzle a client of their own; it is wrapped the same way.
 */
function preparingClient<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  const unsafe: Unsafe = (query, parameters, queryOptions) => {
    const count = parameters?.length ?? 0;
    const prepare = queryOptions?.prepare || (count > 0 && count <= PREPARE_MAX_PARAMETERS);
    return client.unsafe(query, parameters, { ...queryOptions, prepare });
  };
  // The callback is always the last argument (begin and savepoint may take a name or mode first).
  const wrapScope =
    (scope: (...args: never[]) => unknown) =>
    (...args: unknown[]) => {
      const fn = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
      return (scope as (...a: unknown[]) => unknown).apply(client, [
        ...args.slice(0, -1),
        (tx: postgres.TransactionSql) => fn(preparingClient(tx)),
      ]);
    };
  const begin = 'begin' in client ? wrapScope(client.begin as never) : undefined;
  const savepoint = 'savepoint' in client ? wrapScope(client.savepoint as never) : undefined;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') return unsafe;
      if (prop === 'begin' && begin) return begin;
      if (prop === 'savepoint' && savepoint) return savepoint;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/**
 * `prepare: false` turns prepared statements off altogether (every statement then costs the two
 * round trips described above): for a pooler in transaction mode that cannot keep them.
 */
export function createDbClient(url: string, options: { max?: number; prepare?: boolean } = {}): DbClient {
  const sql = openPostgres(url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? true,
    onnotice: () => {},
    transform: { undefined: null },
  });
  const db = drizzle(preparingClient(sql), { schema });
  return {
    db,
    sql,
    async ping() {
      await sql`select 1`;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
