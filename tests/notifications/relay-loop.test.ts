import type { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelay } from '../../src/notifications/relay.js';
import type { DeliveryJob } from '../../src/notifications/queue.js';
import { deliveryHarness, eventually, mark, notificationFixture } from './harness.js';

const MIN = 60_000;

describe('outbox relay loop', () => {
  let h: Awaited<ReturnType<typeof deliveryHarness>>;
  afterEach(async () => h?.close());

  it('a stop during a running pass ends with no further pass and no use of the closed queue', async () => {
    h = await deliveryHarness();
    const f = await notificationFixture(h.app);
    await mark(h.app, f.lessons[0]!, f.student.id, 'absent');
    h.clock.advance(6 * MIN);

    let release: () => void = () => {};
    let closed = false;
    let addsAfterClose = 0;
    let passes = 0;
    let adding = false;
    // The queue the relay writes to, held inside its first add until the test lets it go.
    const queue = {
      async addBulk(jobs: Parameters<Queue<DeliveryJob>['addBulk']>[0]) {
        if (closed) addsAfterClose++;
        adding = true;
        await new Promise<void>((r) => (release = r));
        return h.queue.addBulk(jobs);
      },
    } as unknown as Queue<DeliveryJob>;
    const clock = {
      now: () => {
        passes++;
        return h.clock.now();
      },
    };
    const relay = createRelay({ uow: h.app.services.uow, clock, queue, logger: h.logger, intervalMs: 5 });
    relay.start();
    await eventually(() => adding);
    const stopping = relay.stop();
    release();
    await stopping;
    closed = true;
    const seen = passes;
    // Many intervals later nothing has run: the stop held even though it came mid-pass.
    await new Promise((r) => setTimeout(r, 200));
    expect(passes).toBe(seen);
    expect(addsAfterClose).toBe(0);
  });
});
