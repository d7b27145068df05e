import { describe, expect, it } from 'vitest';
import { ru } from 'date-fns/locale/ru';
import { addLocalDays, formatLocalDate, localDateOf, localTimeOf, numericDate } from '../../src/domain/shared/dates.js';
import { inQuietHours } from '../../src/domain/outbox/scheduling.js';
import { monthLabel, periodText } from '../../src/domain/reports/render/format.js';

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

  it('tells the wall-clock time in the timezone, which quiet hours are checked against', () => {
    const instant = new Date('2026-11-27T18:59:00Z');
    expect(localTimeOf(instant, 'Europe/Moscow')).toBe('21:59');
    expect(localTimeOf(instant, 'Asia/Novokuznetsk')).toBe('01:59');
    expect(inQuietHours(instant, 'Europe/Moscow', '22:00', '07:00')).toBe(false);
    expect(inQuietHours(instant, 'Asia/Novokuznetsk', '22:00', '07:00')).toBe(true);
  });

  it('writes dates through one formatting path', () => {
    expect(formatLocalDate('2026-09-01', 'EEEE, d MMMM', ru)).toBe('вторник, 1 сентября');
    expect(formatLocalDate('2028-02-29', 'd MMMM yyyy', ru)).toBe('29 февраля 2028');
    expect(numericDate('2026-03-07')).toBe('07.03.2026');
    expect(periodText('2026-09-01', '2026-10-31')).toBe('с 01.09.2026 по 31.10.2026');
    expect(['2026-01', '2026-05', '2026-09', '2026-12'].map(monthLabel)).toEqual([
      'январь 2026',
      'май 2026',
      'сентябрь 2026',
      'декабрь 2026',
    ]);
    expect(monthLabel(null)).toBe('за период');
  });
});
