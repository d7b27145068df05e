import { spawn } from 'node:child_process';

/**
 * libpq's environment for a DATABASE_URL, so pg_dump and pg_restore connect where the product
 * does without the password ever appearing on a command line (where `ps` would show it).
 * The `host=/directory` form (README) becomes PGHOST=/directory, which libpq reads as the Unix
 * socket in it; `sslmode` and the other query parameters libpq knows are passed on too.
 */
export function pgEnvOf(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {};
  const host = u.searchParams.get('host') ?? decodeURIComponent(u.hostname).replace(/^\[|\]$/g, '');
  if (host) env.PGHOST = host;
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = databaseOf(url);
  if (database) env.PGDATABASE = database;
  const params: Record<string, string> = {
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    connect_timeout: 'PGCONNECT_TIMEOUT',
    application_name: 'PGAPPNAME',
  };
  for (const [param, name] of Object.entries(params)) {
    const value = u.searchParams.get(param);
    if (value) env[name] = value;
  }
  return env;
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** `url` on another database of the same server. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

/**
 * Runs a PostgreSQL client program with the connection in its environment. A failure carries
 * the program's last words, with the password (should a server ever echo it) blanked out.
 */
export function runPgTool(program: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  const env = pgEnvOf(url);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    child.on('error', (err) =>
      reject(
        new Error(
          `${program} could not start (${(err as NodeJS.ErrnoException).code ?? err.message}); install the PostgreSQL client programs`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const said = env.PGPASSWORD ? stderr.split(env.PGPASSWORD).join('***') : stderr;
      reject(new Error(`${program} failed (exit ${code}): ${said.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
