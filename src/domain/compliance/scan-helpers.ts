import { afterQuietHours } from '../outbox/scheduling.js';
import type { School } from '../schools/types.js';
import type { StaffMember } from './types.js';

/** A run whose time passed longer ago than this (the workers were down) is not sent any more. */
const RUN_WINDOW_MS = 24 * 3_600_000;

export function inWindow(at: Date, now: Date): boolean {
  return at <= now && now.getTime() - at.getTime() < RUN_WINDOW_MS;
}

/** The recipient's own quiet hours, else the school's. */
export function quietFor(staff: StaffMember | undefined, school: School) {
  return { start: staff?.quietStart ?? school.policy.quietHoursStart, end: staff?.quietEnd ?? school.policy.quietHoursEnd };
}

/** Caches a function of a few strings and numbers by its arguments. */
export function memo<A extends (string | number)[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(...args);
      cache.set(key, value);
    }
    return value;
  };
}

/** Staff by school, in the order given. */
export function bySchoolOf(staff: StaffMember[]): Map<number, StaffMember[]> {
  const out = new Map<number, StaffMember[]>();
  for (const u of staff) {
    const list = out.get(u.schoolId);
    if (list) list.push(u);
    else out.set(u.schoolId, [u]);
  }
  return out;
}

/**
 * afterQuietHours(now, …) once per timezone and quiet hours: the local-date formatter is cached,
 * but each call still converts wall-clock times in the zone (TZDate), and a scan asks for
 * thousands of recipients who share a handful of zones and quiet hours.
 */
export function releaseAfterQuietHours(now: Date): (tz: string, start: string, end: string) => Date {
  return memo((tz: string, start: string, end: string) => afterQuietHours(now, tz, start, end));
}
