import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/bot.js';
import { isolatedDatabaseUrl, testConfig } from '../helpers/app.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  lines: string[];
  stderr: string;
  exited: Promise<number | null>;
  /** Resolves with the first log line that satisfies `test` (60 s at most: start-up is slow on a busy machine). */
  lineWhere(test: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  stop(): void;
}

/** `npm start` as a person runs it (src/main.ts), with stdout a pipe as under a process manager. */
function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { lines: [] as string[], stderr: '' };
  let pending = '';
  child.stdout.on('data', (c: Buffer) => {
    const parts = (pending + c.toString('utf8')).split('\n');
    pending = parts.pop()!;
    run.lines.push(...parts);
  });
  child.stderr.on('data', (c: Buffer) => {
    run.stderr += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    get lines() {
      return run.lines;
    },
    get stderr() {
      return run.stderr;
    },
    exited,
    async lineWhere(test) {
      const until = Date.now() + 60_000;
      for (;;) {
        const found = run.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find(test);
        if (found) return found;
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no such log line in:\n${run.lines.join('\n')}\n${run.stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => child.kill('SIGTERM'),
  };
}

const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as { level: number; msg: string });

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character starts a terminal colour code
const TERMINAL_COLOUR = /\x1b\[[0-9;]*m/g;

describe('start-up with a dependency unreachable', () => {
  it('PostgreSQL: retries with backoff, then exits 1 with one line naming DATABASE_URL without its password', async () => {
    const port = await freePort();
    const run = start({ DATABASE_URL: `postgres://postgres:s3cret-pw@127.0.0.1:${port}/journal`, LOG_FORMAT: 'auto' });
    expect(await run.exited).toBe(1);
    expect(run.stderr).toBe('');
    const entries = parsed(run.lines); // every line is a JSON log line: no bare stack trace
    const safeUrl = `DATABASE_URL=postgres://postgres:***@127.0.0.1:${port}/journal`;
    expect(entries.filter((e) => e.level === 40 && e.msg.includes(safeUrl) && e.msg.includes('retrying'))).toHaveLength(4);
    const last = entries.at(-1)!;
    expect(last.level).toBe(60);
    expect(last.msg).toContain(safeUrl);
    expect(last.msg).toContain('ECONNREFUSED');
    expect(last.msg).toContain('giving up after 5 attempts');
    expect(run.lines.join('\n')).not.toContain('s3cret-pw');
  }, 90_000);

  it('Redis: serves, answers not-ready, and warns once naming REDIS_URL without its password, with no stack traces', async () => {
    const port = await freePort();
    const run = start({
      DATABASE_URL: await isolatedDatabaseUrl(),
      REDIS_URL: `redis://:s3cret-pw@127.0.0.1:${port}`,
      REDIS_PREFIX: testConfig().redis.prefix,
      APP_ROLE: 'all',
      PORT: '0',
      EMULATOR_PORT: String(await freePort()),
      DEMO_SEED: 'false',
    });
    try {
      const listening = await run.lineWhere((e) => e.msg === 'http server listening');
      const address = String(listening.address);
      expect((await fetch(`${address}/healthz`)).status).toBe(200);
      expect((await fetch(`${address}/readyz`)).status).toBe(503);
      // The workers' connections retry meanwhile; give them a few rounds of failing.
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      run.stop();
    }
    expect(await run.exited).toBe(0);
    expect(run.stderr).toBe('');
    const warnings = parsed(run.lines).filter((e) => e.level >= 40);
    const aboutRedis = warnings.filter((w) => w.msg.includes('REDIS_URL'));
    expect(aboutRedis).toHaveLength(1);
    expect(aboutRedis[0]!.msg).toContain(`REDIS_URL=redis://:***@127.0.0.1:${port}`);
    expect(aboutRedis[0]!.msg).toContain('retrying in the background');
    // The only other warning is the answer to our own /readyz.
    expect(warnings.filter((w) => !w.msg.includes('REDIS_URL')).map((w) => w.msg)).toEqual(['readiness probe failed']);
    expect(run.lines.join('\n')).not.toContain('s3cret-pw');
  }, 90_000);
});

describe('LOG_FORMAT', () => {
  const logOnce = (format: string, tty: boolean) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { createLogger } from './src/logger.ts'; createLogger('info', ${JSON.stringify(format)}, ${tty}).info({ lessonId: 7 }, 'saved');`,
      ],
      { cwd: root, encoding: 'utf8' },
    ).stdout.replace(TERMINAL_COLOUR, '');

  it('writes JSON lines by default and when auto is not on a terminal', () => {
    for (const out of [logOnce('json', true), logOnce('auto', false)]) expect(JSON.parse(out)).toMatchObject({ msg: 'saved', lessonId: 7 });
  });

  it('pretty-prints when asked or when auto is on a terminal', () => {
    for (const out of [logOnce('pretty', false), logOnce('auto', true)]) {
      expect(out).toMatch(/INFO.*saved/);
      expect(out).toContain('lessonId: 7');
      expect(() => JSON.parse(out)).toThrow();
    }
  });
});
