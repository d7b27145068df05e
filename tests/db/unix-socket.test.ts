import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { createDbClient } from '../../src/db/client.js';
import { localSocketUrlOf, unixSocketOf } from '../../src/db/connect.js';
import { createConfig } from '../../src/config.js';

/** The test run's database through its server's socket, asked over the run's own (TCP) URL. */
async function socketUrl(): Promise<string> {
  const url = await localSocketUrlOf(inject('databaseUrl'));
  if (!url) throw new Error('the test PostgreSQL has no Unix socket on this machine to test with');
  return url;
}

describe('DATABASE_URL with a socket directory (libpq host=/dir)', () => {
  it('reads the directory and the port into the socket file, and drops the parameter', () => {
    expect(unixSocketOf('postgres://app@localhost/journal?host=/var/run/postgresql')).toEqual({
      path: '/var/run/postgresql/.s.PGSQL.5432',
      url: 'postgres://app@localhost/journal',
    });
    expect(unixSocketOf('postgres://app@localhost:5433/journal?host=%2Ftmp%2F&sslmode=disable')).toEqual({
      path: '/tmp/.s.PGSQL.5433',
      url: 'postgres://app@localhost:5433/journal?sslmode=disable',
    });
    // A host name in the parameter is not a socket: postgres.js gets the URL as it is.
    expect(unixSocketOf('postgres://app@localhost/journal?host=db.internal')).toBeNull();
    expect(unixSocketOf('postgres://app@127.0.0.1:5432/journal')).toBeNull();
  });

  it('connects through the socket: the product client, the same database, no TCP peer', async () => {
    const url = await socketUrl();
    // The configuration accepts it as it is.
    expect(createConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    const client = createDbClient(url, { max: 1 });
    try {
      const [row] = await client.db.execute<{ db: string; peer: string | null }>(
        sql`select current_database() as db, inet_server_addr()::text as peer`,
      );
      expect(row!.db).toBe(new URL(inject('databaseUrl')).pathname.slice(1));
      expect(row!.peer).toBeNull();
    } finally {
      await client.close();
    }
    // The same question over TCP has a peer address, so the check above can tell them apart.
    const tcp = createDbClient(inject('databaseUrl'), { max: 1 });
    try {
      const [row] = await tcp.db.execute<{ peer: string | null }>(sql`select inet_server_addr()::text as peer`);
      expect(row!.peer).not.toBeNull();
    } finally {
      await tcp.close();
    }
  });
});
