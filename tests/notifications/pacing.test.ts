import { describe, expect, it } from 'vitest';
import { limiterFor } from '../../src/notifications/pacing.js';

describe('limiterFor', () => {
  it.each([1, 5, 20, 25, 29, 30])('keeps every one-second span under 30 at %i/s and averages near the rate', (rate) => {
    const { max, duration } = limiterFor(rate);
    const worstSecond = (Math.floor(1000 / duration) + 1) * max;
    expect(worstSecond).toBeLessThanOrEqual(30);
    expect((max * 1000) / duration).toBeGreaterThanOrEqual(rate * 0.95);
    expect((max * 1000) / duration).toBeLessThanOrEqual(rate);
  });
});
