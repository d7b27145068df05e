import { describe, expect, it } from 'vitest';
import { periodic } from '../../src/jobs/periodic.js';

describe('periodic (the worker loops)', () => {
  it('runs one at a time, reports each outcome, and stop waits for the run in flight', async () => {
    const release: (() => void)[] = [];
    let calls = 0;
    const outcomes: string[] = [];
    const loop = periodic(() => {
      calls++;
      return new Promise<number>((resolve, reject) => release.push(() => (calls === 2 ? reject(new Error('boom')) : resolve(calls))));
    }, { intervalMs: 0, onDone: (n) => outcomes.push(`done ${n}`), onError: (err) => outcomes.push(`error ${(err as Error).message}`) });

    const first = loop.tick();
    expect(loop.tick()).toBe(first); // a tick during a run joins it
    release.shift()!();
    expect(await first).toBe(1);

    loop.start();
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(2);
    release.shift()!(); // the second run fails: reported, and the loop goes on
    while (calls < 3) await new Promise((r) => setTimeout(r, 5));
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(stopped).toBe(false);
    release.shift()!();
    await stopping;
    expect(outcomes).toEqual(['error boom', 'done 3']);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(3);
  });
});
