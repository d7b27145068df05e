/**
 * A background loop of one process: runs `run` now and then every `intervalMs` after the
 * previous pass ended, never two passes at once. `stop()` waits for a pass in flight and
 * guarantees no pass starts after it: the caller closes its connections right after.
 */
export interface TickLoop<T> {
  /** One pass now, or the one already running. */
  tick(): Promise<T>;
  start(): void;
  stop(): Promise<void>;
}

export interface TickLoopOptions<T> {
  run: () => Promise<T>;
  intervalMs: number;
  /** A failed pass is reported and the loop goes on (the next pass retries). */
  onError: (err: unknown) => void;
  onResult?: (result: T) => void;
  /** Told how long each pass took and whether it succeeded (the metrics' loop durations). */
  observePass?: (seconds: number, ok: boolean) => void;
}

export function createTickLoop<T>(opts: TickLoopOptions<T>): TickLoop<T> {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<T> | null = null;
  let stopped = true;

  const tick = () => {
    running ??= opts.run().finally(() => {
      running = null;
    });
    return running;
  };

  const loop = async () => {
    timer = null;
    if (stopped) return;
    const started = performance.now();
    try {
      const result = await tick();
      opts.observePass?.((performance.now() - started) / 1000, true);
      opts.onResult?.(result);
    } catch (err) {
      opts.observePass?.((performance.now() - started) / 1000, false);
      opts.onError(err);
    }
    // A stop() during the pass must not be undone by scheduling the next one.
    if (!stopped) timer = setTimeout(loop, opts.intervalMs);
  };

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
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
