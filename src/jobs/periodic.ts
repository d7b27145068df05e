/**
 * Runs `run` now and then `intervalMs` after each run ends, one run at a time: `tick()` during a
 * run returns that run, and `stop()` waits for it. For the loops of worker processes that need no
 * Redis to arbitrate because each piece of work is claimed by a unique row in PostgreSQL.
 */
export function periodic<T>(run: () => Promise<T>, options: { intervalMs: number; onDone?(value: T): void; onError?(err: unknown): void }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<T> | null = null;
  let stopped = true;

  const tick = () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    tick,
    start() {
      stopped = false;
      const loop = async () => {
        try {
          options.onDone?.(await tick());
        } catch (err) {
          options.onError?.(err);
        }
        if (!stopped) timer = setTimeout(loop, options.intervalMs);
      };
      timer = setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}
