import { existsSync } from 'node:fs';
import postgres from 'postgres';

/**
 * Opens postgres.js on a DATABASE_URL, reading libpq's `host` query parameter as psql does: a
 * directory (`postgres://user@localhost/db?host=/var/run/postgresql`) means PostgreSQL's Unix
 * socket in it, on the URL's port. postgres.js alone would pass `host` to the server as a
 * setting and fail to connect. On one machine the socket costs the bot's web process less CPU
 * per statement than TCP over loopback (about a twelfth of the CPU of an update in the bot
 * benchmark), and it needs no open port.
 */
export function openPostgres(url: string, options: postgres.Options<Record<string, never>> = {}): postgres.Sql {
  const socket = unixSocketOf(url);
  return socket ? postgres(socket.url, { ...options, path: socket.path }) : postgres(url, options);
}

/** The socket file and the URL without the `host` parameter, when the URL names a socket directory. */
export function unixSocketOf(url: string): { path: string; url: string } | null {
  const parsed = new URL(url);
  const dir = parsed.searchParams.get('host');
  if (!dir?.startsWith('/')) return null;
  parsed.searchParams.delete('host');
  return { path: `${dir.replace(/\/+$/, '')}/.s.PGSQL.${parsed.port || '5432'}`, url: parsed.toString() };
}

/**
 * `url` (same user, database and port) through the server's own Unix socket, asked of the
 * server over `url`; null when it has no socket directory, or its socket is not on this machine.
 */
export async function localSocketUrlOf(url: string): Promise<string | null> {
  const probe = openPostgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await probe<{ dirs: string }[]>`select current_setting('unix_socket_directories') as dirs`;
    const dir = row!.dirs.split(',').map((d) => d.trim()).find((d) => d.startsWith('/'));
    if (!dir) return null;
    const socketUrl = new URL(url);
    socketUrl.hostname = 'localhost';
    socketUrl.searchParams.set('host', dir);
    return existsSync(unixSocketOf(socketUrl.toString())!.path) ? socketUrl.toString() : null;
  } finally {
    await probe.end();
  }
}
