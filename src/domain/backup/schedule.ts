import { addLocalDays, instantAt, isLocalTime, isoWeekday, isTimeZone, localDateOf } from '../shared/dates.js';

/** When scheduled backups are due: daily or weekly at a wall-clock time in a timezone. */
export interface BackupSchedule {
  every: 'daily' | 'weekly';
  /** ISO weekday (1 = Monday) for weekly backups. */
  weekday: number | null;
  time: string;
  timezone: string;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Reads BACKUP_SCHEDULE: `off`, `daily 03:00` or `weekly sun 03:00`, with an optional IANA
 * timezone after the time (UTC when left out). Null means off; a string is the problem.
 */
export function parseBackupSchedule(text: string): BackupSchedule | null | string {
  const words = text.trim().toLowerCase() === 'off' ? [] : text.trim().split(/\s+/);
  if (!words.length) return null;
  const [every, ...rest] = words;
  let weekday: number | null = null;
  if (every === 'weekly') {
    weekday = WEEKDAYS.indexOf((rest.shift() ?? '').toLowerCase()) + 1;
    if (!weekday) return 'weekly needs a day: mon, tue, wed, thu, fri, sat or sun';
  } else if (every !== 'daily') return 'must be off, "daily HH:MM [timezone]" or "weekly DAY HH:MM [timezone]"';
  const [time = '', timezone = 'UTC', ...extra] = rest;
  if (!isLocalTime(time)) return `the time must be HH:MM, got "${time}"`;
  if (!isTimeZone(timezone) || extra.length) return `unknown timezone "${[timezone, ...extra].join(' ')}"`;
  return { every, weekday, time, timezone };
}

/** The last scheduled instant at or before `now`: the slot a backup taken now belongs to. */
export function latestSlot(schedule: BackupSchedule, now: Date): Date {
  let date = localDateOf(now, schedule.timezone);
  for (;;) {
    const slot = instantAt(date, schedule.time, schedule.timezone);
    if (slot <= now && (schedule.weekday === null || isoWeekday(date) === schedule.weekday)) return slot;
    date = addLocalDays(date, -1);
  }
}
