import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { consents, users } from '../../src/db/schema/index.js';
import { localDateOf } from '../../src/domain/shared/dates.js';
import { createSchool, isolatedDatabaseUrl, testConfig } from '../helpers/app.js';
import { seeder } from '../helpers/seed.js';
import { startBotApiRecorder } from './bot-api-recorder.js';

/**
 * The compose topology (compose.yml) as plain processes from the built dist/: two web processes
 * on two ports sharing the webhook traffic, two workers, one PostgreSQL database and one Redis
 * prefix of their own, and a recorder in place of Telegram's Bot API. A school day goes through
 * it: teachers mark absences in the bot, parents are told, idle teachers are reminded.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const TOKEN = '123456789:TopologyTestTokenNotARealBot_abcd';
const SECRET = 'topology-test-secret';
/** The Node command of `npm run start:prod` without its `node`: the flags and dist/main.js. */
const PROD_ARGS = pkg.scripts['start:prod']!.split(/\s+/).slice(1);

/** A fixed-offset zone where it is late morning now: lessons of the morning are over, quiet hours far. */
function lateMorningZone(): string {
  const offset = 10 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

interface Proc {
  child: ChildProcess;
  lines: string[];
  port: number | null;
  metricsUrl?: string;
}

const METRICS_TOKEN = 'topology-metrics-token-0001';

/** A port nobody listens on now (the workers serve their metrics on one each). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The sum of a metric's samples whose labels include every given pair (Prometheus text format). */
function sumOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

function startProcess(role: 'web' | 'worker', env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, PROD_ARGS, {
    cwd: root,
    env: { PATH: process.env.PATH, ...env, APP_ROLE: role, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const proc: Proc = { child, lines: [], port: null };
  let pending = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}:\n${proc.lines.join('\n')}`)));
    child.stdout!.on('data', (c: Buffer) => {
      const parts = (pending + c.toString('utf8')).split('\n');
      pending = parts.pop()!;
      for (const line of parts) {
        proc.lines.push(line);
        const entry = JSON.parse(line) as { msg: string; address?: string };
        if (role === 'web' && entry.msg === 'http server listening') {
          proc.port = Number(new URL(entry.address!).port);
          resolve(proc);
        }
        // A worker has started its relay, delivery worker and scanner once its bot part is settled.
        if (role === 'worker' && entry.msg === 'database migrations are up to date') resolve(proc);
      }
    });
  });
}

describe('the compose topology from dist/', () => {
  let app: App;
  let api: Awaited<ReturnType<typeof startBotApiRecorder>>;
  const procs: Proc[] = [];
  let webPorts: number[] = [];
  const perPort = new Map<number, number>();
  let updateId = 1;

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    const databaseUrl = await isolatedDatabaseUrl();
    api = await startBotApiRecorder();
    const base = testConfig({ DATABASE_URL: databaseUrl });
    // Seeds the school through the product's own services; it serves nothing.
    app = await createApp(base, pino({ level: 'silent' }));
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: base.redis.url,
      REDIS_PREFIX: base.redis.prefix,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      PUBLIC_URL: 'https://journal.example.test',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    };
    const webEnv = { ...env, METRICS_TOKEN };
    const [m1, m2] = [await freePort(), await freePort()];
    procs.push(
      ...(await Promise.all([
        startProcess('web', webEnv),
        startProcess('web', webEnv),
        startProcess('worker', { ...env, METRICS_PORT: String(m1) }),
        startProcess('worker', { ...env, METRICS_PORT: String(m2) }),
      ])),
    );
    procs[2]!.metricsUrl = `http://127.0.0.1:${m1}/metrics`;
    procs[3]!.metricsUrl = `http://127.0.0.1:${m2}/metrics`;
    webPorts = procs.filter((p) => p.port !== null).map((p) => p.port!);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null) return resolve();
            p.child.removeAllListeners('exit');
            p.child.once('exit', () => resolve());
            p.child.kill('SIGTERM');
          }),
      ),
    );
    await app?.stop();
    await api?.close();
  });

  /** One update to the webhook; the web processes take turns, as behind the proxy. */
  async function deliver(update: Record<string, unknown>) {
    const port = webPorts[updateId % webPorts.length]!;
    perPort.set(port, (perPort.get(port) ?? 0) + 1);
    const res = await fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: updateId++, ...update }),
    });
    expect(res.status).toBe(200);
    await res.text();
  }
  const chat = (id: number) => ({ id, type: 'private', first_name: 'T' });
  const from = (id: number) => ({ id, is_bot: false, first_name: 'T' });
  const say = (chatId: number, text: string) =>
    deliver({ message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: chat(chatId), from: from(chatId), text } });
  const press = (chatId: number, data: string) => {
    const shown = api.keyboardOf(chatId);
    return deliver({
      callback_query: {
        id: `q${updateId}`,
        chat_instance: 'c',
        from: from(chatId),
        data,
        message: {
          message_id: shown.messageId,
          date: 1,
          chat: chat(chatId),
          text: shown.text,
          reply_markup: { inline_keyboard: shown.inline },
        },
      },
    });
  };
  const buttonOf = (chatId: number, prefix: string) => {
    const button = api
      .keyboardOf(chatId)
      .inline.flat()
      .find((b) => b.callback_data.startsWith(prefix));
    if (!button) throw new Error(`no ${prefix} button in chat ${chatId}`);
    return button.callback_data;
  };

  it('sends every absence notice and every reminder exactly once', async () => {
    const timezone = lateMorningZone();
    const today = localDateOf(new Date(), timezone);
    const { school } = await createSchool(app, { timezone });
    await app.services.schools.updatePolicy({ kind: 'system' }, school.id, { absenceGraceMinutes: 0, workingDays: [1, 2, 3, 4, 5, 6, 7] });
    const seed = seeder(app, school.id, timezone);
    const link = (userId: number, chatId: number) =>
      app.db.db
        .update(users)
        .set({ telegramUserId: chatId, telegramChatId: chatId, telegramStatus: 'active', linkedAt: new Date() })
        .where(eq(users.id, userId));
    const chatBase = 8_000_000 + (process.pid % 1000) * 1000;

    // Teachers who mark their lesson in the bot: one absent child each, whose parent is told.
    const marking: { chatId: number; lessonId: number; parentChat: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const teacher = await seed.user(['teacher']);
      await link(teacher.id, chatBase + i);
      const group = await seed.group(`${5 + i}А`);
      // Sorted by name, the absent child is the first button of the attendance keyboard.
      const absent = await seed.student(group.id, { lastName: 'Абрамов', firstName: `Иван${i}` });
      await seed.student(group.id, { lastName: 'Яковлева', firstName: 'Ольга' });
      const parent = await seed.user(['parent']);
      await link(parent.id, chatBase + 100 + i);
      await seed.guardian(parent.id, absent.id);
      await app.db.db.insert(consents).values({ parentId: parent.id, version: '1', via: 'bot' });
      const lesson = await seed.lesson(await seed.course(group.id, teacher.id), today, '12:00');
      marking.push({ chatId: chatBase + i, lessonId: lesson.id, parentChat: chatBase + 100 + i });
    }
    // Teachers whose morning lesson is over and not filled: the after-lesson reminder is due now.
    const idle: number[] = [];
    for (let i = 0; i < 4; i++) {
      const teacher = await seed.user(['teacher']);
      await link(teacher.id, chatBase + 200 + i);
      const group = await seed.group(`${9 + i}Б`);
      await seed.student(group.id);
      await seed.lesson(await seed.course(group.id, teacher.id), today, '08:30');
      idle.push(chatBase + 200 + i);
    }

    // The teachers mark in turn, each update to the next web process.
    for (const t of marking) {
      await say(t.chatId, 'Сегодня');
      await press(t.chatId, `l1:${t.lessonId}`);
      await press(t.chatId, `a1:${t.lessonId}`);
      await press(t.chatId, api.keyboardOf(t.chatId).inline.flat()[0]!.callback_data);
      await press(t.chatId, buttonOf(t.chatId, 's1:'));
    }
    expect([...perPort.keys()].sort()).toEqual([...webPorts].sort());
    for (const n of perPort.values()) expect(n).toBeGreaterThanOrEqual(7);

    // Wait until nothing is left to send, then a little longer for any duplicate to show.
    const open = async () =>
      Number(
        (
          await app.db.sql`select count(*)::int as n from notifications where school_id = ${school.id} and status in ('pending', 'queued')`
        )[0]!.n,
      );
    const until = Date.now() + 90_000;
    while (
      (await open()) > 0 ||
      idle.some((c) => api.sentTo(c).length === 0) ||
      marking.some((t) => api.sentTo(t.parentChat).length === 0)
    ) {
      if (Date.now() > until) {
        const teacherChat = api.calls
          .filter((c) => Number(c.body.chat_id) === marking[0]!.chatId)
          .map((c) => [c.method, c.body.text, JSON.stringify(c.body.reply_markup)]);
        throw new Error(
          `not everything was sent: ${JSON.stringify(await app.db.sql`select kind, status, last_error from notifications where school_id = ${school.id}`)}\n${JSON.stringify(teacherChat, null, 1)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 3000));

    for (const t of marking) {
      const notices = api.sentTo(t.parentChat);
      expect(notices).toHaveLength(1);
      expect(String(notices[0]!.body.text)).toContain('Абрамов');
    }
    for (const chatId of idle) expect(api.sentTo(chatId)).toHaveLength(1);
    const rows = await app.db.sql<{ kind: string; status: string; n: number }[]>`
      select kind, status, count(*)::int as n from notifications where school_id = ${school.id} group by kind, status order by kind`;
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(marking.length + idle.length);
    const claims = await app.db.sql<
      { n: number }[]
    >`select count(*)::int as n from lesson_reminders r join lessons l on l.id = r.lesson_id where l.school_id = ${school.id}`;
    expect(claims[0]!.n).toBe(idle.length);
    // The day in the metrics: every update counted by the web process that took it, every
    // notice by the worker that sent it, both loops timed; no chat id in any label.
    const webTexts = await Promise.all(
      webPorts.map((port) =>
        fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text()),
      ),
    );
    const workerTexts = await Promise.all(procs.filter((p) => p.metricsUrl).map((p) => fetch(p.metricsUrl!).then((r) => r.text())));
    expect(webTexts.reduce((n, t) => n + sumOf(t, 'sj_bot_updates_total', { messenger: 'telegram', outcome: 'ok' }), 0)).toBe(updateId - 1);
    expect(webTexts.reduce((n, t) => n + sumOf(t, 'sj_bot_updates_total', { outcome: 'error' }), 0)).toBe(0);
    expect(webTexts.reduce((n, t) => n + sumOf(t, 'sj_http_requests_total', { route: '/telegram/webhook', status: '200' }), 0)).toBe(
      updateId - 1,
    );
    expect(workerTexts.reduce((n, t) => n + sumOf(t, 'sj_deliveries_total', { channel: 'telegram', outcome: 'sent' }), 0)).toBe(
      marking.length + idle.length,
    );
    for (const t of workerTexts) {
      expect(sumOf(t, 'sj_loop_duration_seconds_count', { loop: 'outbox_relay' })).toBeGreaterThan(0);
      expect(sumOf(t, 'sj_loop_duration_seconds_count', { loop: 'compliance_scan' })).toBeGreaterThan(0);
      expect(sumOf(t, 'sj_outbox_rows', { status: 'pending' })).toBe(0);
    }
    for (const text of [...webTexts, ...workerTexts]) {
      for (const t of marking) expect(text).not.toContain(String(t.parentChat));
    }
    // No process fell over on the way.
    for (const p of procs) expect(p.child.exitCode).toBeNull();
  }, 180_000);
});
