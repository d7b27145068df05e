import os from 'node:os';
import { openPostgres } from '../../src/db/connect.js';
import { createConfig } from '../../src/config.js';
import { createDbClient } from '../../src/db/client.js';
import { createServices } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import { localDateOf } from '../../src/domain/shared/dates.js';
import { createNotificationRuntime } from '../../src/notifications/runtime.js';
import { withBenchDatabase } from '../lib/database.js';
import { startStubProcess } from '../lib/telegram-stub-process.js';
import { absentThreeTimes } from './merge-scenario.js';
import { seedAbsences } from './seed.js';

const N = Number(process.env.BENCH_NOTICES ?? 20_000);
const RATE = Number(process.env.TELEGRAM_RATE_PER_SECOND ?? 25);

/**
 * `npm run bench -- notify`: N absence notices to N distinct chats through a stub that
 * answers 429 like Telegram. Targets: no 429, sustained ≥ 95 % of the rate, total ≤ 1.05 × N / rate.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const config = createConfig({ DATABASE_URL: url, TELEGRAM_RATE_PER_SECOND: String(RATE), REDIS_PREFIX: `sjbench${Date.now().toString(36)}` });
    const db = createDbClient(url);
    const services = createServices(config, db, systemClock);
    const { school } = await services.schools.create({ kind: 'system' }, { name: 'Бенчмарк', timezone: 'Europe/Moscow' });
    const sql = openPostgres(url, { max: 2, onnotice: () => {} });
    await seedAbsences(sql, school.id, N, localDateOf(new Date(), school.timezone));
    const stub = await startStubProcess();
    const runtime = createNotificationRuntime({
      uow: services.uow, clock: systemClock, logger: createLogger('error'), redisUrl: config.redis.url, prefix: config.redis.prefix,
      telegram: { token: '1:bench', apiRoot: stub.apiRoot }, mail: config.mail, ratePerSecond: RATE,
    });
    console.log(`notices: ${N} to distinct chats, configured rate ${RATE}/s, floor ${(N / RATE).toFixed(1)} s`);
    const started = performance.now();
    await runtime.start();
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const [row] = await sql<{ open: number }[]>`select count(*)::int as open from notifications where status in ('pending','queued')`;
      const open = row!.open;
      if (open === 0) break;
    }
    const total = (performance.now() - started) / 1000;
    await runtime.stop();
    const [done] = await sql<{ sent: number }[]>`select count(*)::int as sent from notifications where status = 'sent'`;
    const sent = done!.sent;
    const seen = await stub.stats();
    const span = (seen.last - seen.first) / 1000;
    console.log(`sent: ${sent}, telegram 429 answers: ${seen.rejected}`);
    console.log(`sustained: ${(sent / span).toFixed(2)} msg/s (${((100 * sent) / span / RATE).toFixed(1)} % of the rate)`);
    console.log(`most in any one-second window: ${seen.maxPerSecond}`);
    console.log(`total: ${total.toFixed(1)} s = ${(total / (N / RATE)).toFixed(3)} × the floor (load average ${os.loadavg()[0]!.toFixed(1)})`);
    stub.close();
    await sql.end();

    const merged = await absentThreeTimes(url, config);
    console.log(`messages to the parent of a child absent from 3 lessons in one day: ${merged.messages} (plus ${merged.edits} edits)`);
    await db.close();
  });
}
