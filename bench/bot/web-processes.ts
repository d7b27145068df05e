/**
 * The product's web role as production runs it: `src/main.ts` in processes of their own, each
 * on its own port, started with the same command line as `npm start`. The benchmark process
 * plays Telegram (it posts the updates and answers the Bot API), so its own work is not
 * counted against the processes under test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The Node flags of `npm start` (the words before `--import`): the web role runs here as it runs there. */
const START_FLAGS: readonly string[] = (() => {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts.start ?? '').split(/\s+/);
  return words.slice(1, words.indexOf('--import'));
})();
/**
 * BENCH_WEB_NODE_FLAGS: more Node flags for the web processes (--trace-gc, say), after the start
 * flags so they can override them; their standard output, where such flags and the logs write,
 * is then shown.
 */
const EXTRA_FLAGS = (process.env.BENCH_WEB_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/** Every Node flag a web process under test runs with. */
export const WEB_NODE_FLAGS: readonly string[] = [...START_FLAGS, ...EXTRA_FLAGS];

export interface WebProcess {
  port: number;
  pid: number;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`web process exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`web process on port ${port} was not ready within a minute`);
}

/**
 * Starts `count` web processes with `env` on top of this process's environment.
 * `profileDir`: each process writes a V8 CPU profile there when it stops. `entry`: another
 * script to run the same way (the comparison's floor or stock bot) instead of `src/main.ts`.
 */
export async function startWebProcesses(count: number, env: Record<string, string>, profileDir?: string, entry = MAIN) {
  const children: ChildProcess[] = [];
  const processes: WebProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const flags = [...WEB_NODE_FLAGS, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', entry];
      const child = spawn(process.execPath, flags, {
        env: { ...process.env, ...env, APP_ROLE: 'web', PORT: String(port) },
        stdio: ['ignore', EXTRA_FLAGS.length ? 'inherit' : 'ignore', 'inherit'],
      });
      children.push(child);
      await waitReady(port, child);
      processes.push({ port, pid: child.pid! });
    }
  } catch (err) {
    for (const c of children) c.kill('SIGKILL');
    throw err;
  }
  return {
    processes,
    /**
     * CPU time the web processes have used so far, in ms: the scheduler's on-CPU time of every
     * thread (Linux /proc/<pid>/task/<tid>/schedstat, in nanoseconds, so one update can be
     * measured on its own).
     */
    async cpuMs(): Promise<number | null> {
      try {
        let ns = 0;
        for (const p of processes) {
          for (const tid of await readdir(`/proc/${p.pid}/task`)) {
            ns += Number((await readFile(`/proc/${p.pid}/task/${tid}/schedstat`, 'utf8')).split(' ')[0]);
          }
        }
        return ns / 1e6;
      } catch {
        return null;
      }
    },
    async stop(): Promise<void> {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
