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
    const dir = row!.dirs
      .split(',')
      .map((d) => d.trim())
      .find((d) => d.startsWith('/'));
    if (!dir) return null;
    const socketUrl = new URL(url);
    socketUrl.hostname = 'localhost';
    socketUrl.searchParams.set('host', dir);
    return existsSync(unixSocketOf(socketUrl.toString())!.path) ? socketUrl.toString() : null;
  } finally {
    await probe.end();
  }
}

/** Errors that mean "nobody answers at that address yet", worth waiting for at start-up. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  'CONNECT_TIMEOUT',
  '57P03',
]);

export class PostgresUnreachableError extends Error {
  constructor(
    readonly reason: string,
    readonly attempts: number,
  ) {
    super(`PostgreSQL is not reachable: ${reason}`);
    this.name = 'PostgresUnreachableError';
  }
}

const reasonOf = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  if (e.message) return e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message;
  return e.code ?? String(err);
};

/**
 * Waits until PostgreSQL at `url` answers, trying `attempts` times with doubling delays from
 * `firstDelayMs` (a container started before its database, a database restarting). A database
 * that does not exist yet counts as reachable: the migrations create it. Any other error
 * (a wrong password, say) is not worth waiting for.
 */
export async function waitForPostgres(
  url: string,
  options: { attempts?: number; firstDelayMs?: number; onRetry?: (attempt: number, delayMs: number, reason: string) => void } = {},
): Promise<void> {
  const attempts = options.attempts ?? 5;
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    const probe = openPostgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await probe`select 1`;
      return;
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code === '3D000') return;
      if (!UNREACHABLE.has(code) || attempt >= attempts) throw new PostgresUnreachableError(reasonOf(err), attempt);
      options.onRetry?.(attempt, delay, reasonOf(err));
    } finally {
      await probe.end({ timeout: 1 }).catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay *= 2;
  }
}
