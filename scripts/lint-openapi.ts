// Writes the OpenAPI document the server builds (no database, no network: the routes are only
// registered, never called) and lints it with Redocly's recommended rules. Exits non-zero on
// any error, so CI fails when the document stops serving generated clients.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createHttpServer, type HttpServerDeps } from '../src/http/server.js';

async function writeDocument(path: string): Promise<void> {
  const server = await createHttpServer({
    logger: pino({ level: 'silent' }),
    bodyLimitBytes: 1024,
    health: { checks: {} },
    // Registering a route reads no service; building the document calls none.
    services: {} as HttpServerDeps['services'],
  });
  await server.ready();
  writeFileSync(path, JSON.stringify(server.swagger(), null, 2));
  await server.close();
}

const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
try {
  const file = join(dir, 'openapi.json');
  await writeDocument(file);
  const redocly = join(import.meta.dirname, '..', 'node_modules', '.bin', 'redocly');
  const result = spawnSync(redocly, ['lint', '--extends=recommended', '--format=stylish', file], {
    stdio: 'inherit',
    // Offline and quiet: no usage telemetry, no check for a newer version.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
