import { afterQuietHours } from '../outbox/scheduling.js';
import type { StaffMember } from './types.js';

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
