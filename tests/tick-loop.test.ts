import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTickLoop } from '../src/tick-loop.js';

/** A pass that stays running until released. */
function gatedRun() {
  let release: () => void = () => {};
  let passes = 0;
  const run = vi.fn(async () => {
    passes++;
    await new Promise<void>((r) => (release = r));
    return passes;
  });
  return { run, release: () => release(), passes: () => passes };
}

describe('tick loop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs passes one after another and never two at once', async () => {
    const g = gatedRun();
    const loop = createTickLoop({ run: g.run, intervalMs: 100, onError: () => {} });
    loop.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(g.passes()).toBe(1);
    // A tick asked for while a pass runs joins it.
    const joined = loop.tick();
    g.release();
    await expect(joined).resolves.toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(g.passes()).toBe(2);
    g.release();
    await loop.stop();
  });

  it('a stop during a running pass waits for it and starts no further pass', async () => {
    const g = gatedRun();
    const loop = createTickLoop({ run: g.run, intervalMs: 10, onError: () => {} });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(g.passes()).toBe(1);
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(stopped).toBe(false);
    g.release();
    await stopping;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(g.passes()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failed pass and goes on', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const loop = createTickLoop({
      run: async () => {
        if (++n === 1) throw new Error('database down');
        return n;
      },
      intervalMs: 10,
      onError: (err) => errors.push(err),
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(25);
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(n).toBeGreaterThanOrEqual(2);
  });
});
