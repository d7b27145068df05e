import { describe, expect, it } from 'vitest';
import { limiterFor, SAFE_MESSAGES_PER_SECOND } from '../../src/notifications/pacing.js';

const worstSecond = ({ max, duration }: { max: number; duration: number }) => (Math.floor(1000 / duration) + 1) * max;
const average = ({ max, duration }: { max: number; duration: number }) => (max * 1000) / duration;

describe('limiterFor', () => {
  it.each([1, 5, 20, 25])('keeps every one-second span under the safe ceiling at %i/s and averages at least 95 %% of it', (rate) => {
    const limiter = limiterFor(rate);
    expect(worstSecond(limiter)).toBeLessThanOrEqual(SAFE_MESSAGES_PER_SECOND);
    expect(average(limiter)).toBeGreaterThanOrEqual(rate * 0.95);
    expect(average(limiter)).toBeLessThanOrEqual(rate);
  });

  it.each([28, 30])('lowers %i/s to what stays under the ceiling', (rate) => {
    const limiter = limiterFor(rate);
    expect(worstSecond(limiter)).toBeLessThanOrEqual(SAFE_MESSAGES_PER_SECOND);
    expect(average(limiter)).toBeGreaterThan(24);
  });
});
