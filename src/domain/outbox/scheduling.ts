import { addLocalDays, instantAt, localDateOf, localTimeOf } from '../shared/dates.js';

const MINUTE = 60_000;
export const NOTICE_DEADLINE_MS = 24 * 60 * MINUTE;
/** Margin left before the 24-hour deadline for queueing and retries; the outbox and the relay use it too. */
export const DEADLINE_MARGIN_MS = 30 * MINUTE;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Is `instant` inside the quiet hours [start, end) of the school's timezone (they may wrap midnight)? */
export function inQuietHours(instant: Date, tz: string, start: string, end: string): boolean {
  const now = minutesOf(localTimeOf(instant, tz));
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return false;
  return s < e ? now >= s && now < e : now >= s || now < e;
}

/** The end of the quiet hours that contain `instant`, or `instant` itself outside them. */
export function afterQuietHours(instant: Date, tz: string, start: string, end: string): Date {
  if (!inQuietHours(instant, tz, start, end)) return instant;
  const today = localDateOf(instant, tz);
  const endToday = instantAt(today, end, tz);
  return endToday > instant ? endToday : instantAt(addLocalDays(today, 1), end, tz);
}

/** The next occurrence of a local time at or after `instant`. */
export function nextLocalTime(instant: Date, tz: string, time: string): Date {
  const today = localDateOf(instant, tz);
  const at = instantAt(today, time, tz);
  return at >= instant ? at : instantAt(addLocalDays(today, 1), time, tz);
}

/** Never later than the 24-hour rule allows, whatever quiet hours or digest times say. */
export function capToDeadline(notBefore: Date, createdAt: Date): { notBefore: Date; deadline: Date } {
  const deadline = new Date(createdAt.getTime() + NOTICE_DEADLINE_MS);
  const latest = new Date(deadline.getTime() - DEADLINE_MARGIN_MS);
  return { notBefore: notBefore > latest ? latest : notBefore, deadline };
}
