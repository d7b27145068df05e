import { describe, expect, it } from 'vitest';
import { addLocalDays, localDateOf } from '../../src/domain/shared/dates.js';

describe('local dates', () => {
  it('tells the local date at the edges of the day, also when asked again within the same minute', () => {
    // Moscow is UTC+3: 21:00 UTC is midnight there. The second question of each pair comes in
    // the same minute as the first, so it is answered from the remembered one.
    expect(localDateOf(new Date('2026-11-27T20:59:00Z'), 'Europe/Moscow')).toBe('2026-11-27');
    expect(localDateOf(new Date('2026-11-27T20:59:59.999Z'), 'Europe/Moscow')).toBe('2026-11-27');
    expect(localDateOf(new Date('2026-11-27T21:00:00Z'), 'Europe/Moscow')).toBe('2026-11-28');
    expect(localDateOf(new Date('2026-11-27T21:00:59Z'), 'Europe/Moscow')).toBe('2026-11-28');
    // Another zone asked in the same minute has its own answer; Kathmandu is UTC+5:45.
    expect(localDateOf(new Date('2026-11-27T21:00:30Z'), 'America/New_York')).toBe('2026-11-27');
    expect(localDateOf(new Date('2026-11-27T18:14:59Z'), 'Asia/Kathmandu')).toBe('2026-11-27');
    expect(localDateOf(new Date('2026-11-27T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-11-28');
    // Going back in time is answered afresh too.
    expect(localDateOf(new Date('2026-03-01T00:30:00Z'), 'Europe/Moscow')).toBe('2026-03-01');
    expect(localDateOf(new Date('2026-02-28T20:30:00Z'), 'Europe/Moscow')).toBe('2026-02-28');
    expect(() => localDateOf(new Date('not a date'), 'Europe/Moscow')).toThrow(RangeError);
  });

  it('adds days across months, years and leap days, and refuses a date that does not exist', () => {
    expect(addLocalDays('2026-11-27', 1)).toBe('2026-11-28');
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addLocalDays('2026-03-29', 7)).toBe('2026-04-05');
    expect(addLocalDays('2028-02-29', 365)).toBe('2029-02-28');
    expect(addLocalDays('2026-09-01', 0)).toBe('2026-09-01');
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', 'сегодня']) {
      expect(() => addLocalDays(bad, 1), bad).toThrow(RangeError);
    }
  });
});
