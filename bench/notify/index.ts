import os from 'node:os';
import { openPostgres } from '../../src/db/connect.js';
import { createConfig } from '../../src/config.js';
import { createDbClient } from '../../src/db/client.js';
import { createServices } from '../../src/services.js';
import { createLogger } from '../../src/logger.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import { localDateOf } from '../../src/domain/shared/dates.js';
import { createNotificationRuntime } from '../../src/notifications/runtime.js';
import { withBenchDatabase } from '../lib/database.js';
import { startStubProcess } from '../lib/telegram-stub-process.js';
import { absentThreeTimes } from './merge-scenario.js';
import { seedBacklog } from './seed.js';

const N = Number(process.env.BENCH_NOTICES ?? 20_000);
const URGENT = Number(process.env.BENCH_URGENT ?? 100);
const RATE = Number(process.env.TELEGRAM_RATE_PER_SECOND ?? 25);
/** How long an absence may wait behind the backlog. */
const URGENT_TARGET_S = 60;

/**
 * `npm run bench -- notify`: N grade notices queued to N distinct chats through a stub that
 * answers 429 like Telegram; a minute in (or a third of the floor, if shorter), URGENT absence
 * notices become due behind them. Targets: no 429, sustained ≥ 95 % of the rate, total ≤ 1.05 ×
 * the floor (all notices / rate), every absence out within 60 s of becoming due.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const config = createConfig({
      DATABASE_URL: url,
      TELEGRAM_RATE_PER_SECOND: String(RATE),
      REDIS_PREFIX: `sjbench${Date.now().toString(36)}`,
    });
    const db = createDbClient(url);
    const services = createServices(config, db, systemClock);
    const { school } = await services.schools.create({ kind: 'system' }, { name: 'Бенчмарк', timezone: 'Europe/Moscow' });
    const sql = openPostgres(url, { max: 2, onnotice: () => {} });
    await seedBacklog(sql, school.id, N, URGENT, localDateOf(new Date(), school.timezone));
    const stub = await startStubProcess();
    const runtime = createNotificationRuntime({
      uow: services.uow,
      clock: systemClock,
      logger: createLogger('error'),
      redisUrl: config.redis.url,
      prefix: config.redis.prefix,
      telegram: { token: '1:bench', apiRoot: stub.apiRoot },
      mail: config.mail,
      renderer: services.renderer,
      ratePerSecond: RATE,
    });
    const total = N + URGENT;
    const floor = total / RATE;
    const urgentAfterMs = Math.min(URGENT_TARGET_S, floor / 3) * 1000;
    console.log(
      `notices: ${N} grade notices queued to distinct chats, then ${URGENT} absences due after ${(urgentAfterMs / 1000).toFixed(0)} s; configured rate ${RATE}/s, floor ${floor.toFixed(1)} s`,
    );
    const started = performance.now();
    await runtime.start();
    let urgentDue: Date | null = null;
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      if (!urgentDue && performance.now() - started >= urgentAfterMs) {
        const [row] = await sql<
          { at: Date }[]
        >`update notifications set not_before = now() where kind = 'absence' and status = 'pending' returning now() as at`;
        urgentDue = row?.at ?? new Date();
      }
      const [row] = await sql<{ open: number }[]>`select count(*)::int as open from notifications where status in ('pending','queued')`;
      if (urgentDue && row!.open === 0) break;
    }
    const elapsed = (performance.now() - started) / 1000;
    await runtime.stop();
    const [done] = await sql<{ sent: number }[]>`select count(*)::int as sent from notifications where status = 'sent'`;
    const sent = done!.sent;
    const [urgent] = await sql<{ within: number; worst: number | null }[]>`
      select count(*) filter (where sent_at <= ${urgentDue!} + make_interval(secs => ${URGENT_TARGET_S}))::int as within,
             max(extract(epoch from sent_at - ${urgentDue!}))::float8 as worst
      from notifications where kind = 'absence' and status = 'sent'`;
    const seen = await stub.stats();
    const span = (seen.last - seen.first) / 1000;
    const sustained = sent / span;
    console.log(`sent: ${sent}, telegram 429 answers: ${seen.rejected}, most in any one-second window at the stub: ${seen.maxPerSecond}`);
    console.log(
      `absences sent within ${URGENT_TARGET_S} s of becoming due: ${urgent!.within} of ${URGENT} (slowest ${(urgent!.worst ?? NaN).toFixed(1)} s)`,
    );
    console.log(
      `summary: sustained ${sustained.toFixed(2)} msg/s = ${(sustained / RATE).toFixed(3)} × the configured rate; total ${elapsed.toFixed(1)} s = ${(elapsed / floor).toFixed(3)} × the floor (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    stub.close();
    await sql.end();

    const merged = await absentThreeTimes(url, config);
    console.log(`messages to the parent of a child absent from 3 lessons in one day: ${merged.messages} (plus ${merged.edits} edits)`);
    await db.close();
  });
}
