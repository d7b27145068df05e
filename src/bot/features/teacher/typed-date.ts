import { daysBetween, isLocalDate, type LocalDate } from '../../../domain/shared/dates.js';

/** «12.10», «12.10.2026», «12.10.26», «12/10» or «2026-10-12»; nothing else. */
export const TYPED_DATE = /^\s*(?:(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?|(\d{4}-\d{2}-\d{2}))\s*$/;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar date a teacher typed, or null when it is not a real date. Without a year, the
 * nearest such date to today (so «28.12» typed on 5 January is last December's).
 */
export function parseTypedDate(text: string, today: LocalDate): LocalDate | null {
  const m = TYPED_DATE.exec(text);
  if (!m) return null;
  if (m[4]) return isLocalDate(m[4]) ? m[4] : null;
  const [day, month] = [Number(m[1]), Number(m[2])];
  const at = (year: number) => `${year}-${pad(month)}-${pad(day)}`;
  if (m[3]) {
    const date = at(m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]));
    return isLocalDate(date) ? date : null;
  }
  const year = Number(today.slice(0, 4));
  const candidates = [year - 1, year, year + 1].map(at).filter(isLocalDate);
  if (!candidates.length) return null;
  return candidates.reduce((best, d) => (Math.abs(daysBetween(today, d)) < Math.abs(daysBetween(today, best)) ? d : best));
}
