/**
 * What the bot benchmark's comparison processes (floor.ts, stock-bot.ts) share with the product's
 * web role: its configuration from the same environment, its database pool, domain services and
 * bot session store, and a Fastify server on PORT with /readyz. Each process then adds its own
 * webhook route on WEBHOOK_PATH.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createServices } from '../../src/services.js';
import { deriveWebhookSecret } from '../../src/bot/transport.js';
import { createConfig } from '../../src/config.js';
import { createDbClient } from '../../src/db/client.js';
import { createBotSessionStore } from '../../src/db/repositories/bot-session-store.js';
import { systemClock } from '../../src/domain/shared/clock.js';

export async function startTargetProcess(route: (deps: TargetDeps) => void | Promise<void>): Promise<void> {
  const config = createConfig(process.env);
  const db = createDbClient(config.databaseUrl, { max: config.databasePoolSize, prepare: config.databasePrepare });
  const services = createServices(config, db, systemClock);
  const http = Fastify({ logger: false, bodyLimit: config.http.bodyLimitBytes });
  http.get('/readyz', async () => ({ ok: true }));
  await route({
    http,
    services,
    store: createBotSessionStore(db.db),
    clock: systemClock,
    token: config.telegram.token!,
    apiRoot: config.telegram.apiRoot!,
    secret: deriveWebhookSecret(config.telegram.token!),
  });
  await http.listen({ host: '127.0.0.1', port: config.http.port });
  process.on('SIGTERM', () => {
    void http
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

export interface TargetDeps {
  http: FastifyInstance;
  services: ReturnType<typeof createServices>;
  store: ReturnType<typeof createBotSessionStore>;
  clock: typeof systemClock;
  token: string;
  apiRoot: string;
  secret: string;
}
