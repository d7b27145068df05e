import type { Locale } from '../domain/access/types.js';

/** Everything that is not our own catalogue text goes through this before HTML parse mode. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Russian has three plural forms: 1 урок, 2 урока, 5 уроков (and 11–14 take the third:
 * 11 уроков, 21 урок, 22 урока, 111 уроков).
 */
export function pluralRu(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs >= 11 && abs <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

export function pluralEn(n: number, forms: readonly [one: string, other: string]): string {
  return Math.abs(n) === 1 ? forms[0] : forms[1];
}

const intlLocale = (locale: Locale) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

// Building an Intl.DateTimeFormat costs far more than formatting with one: keep them per options.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, timezone: string, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timezone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: timezone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "1 октября 2026 г." / "1 October 2026", as the date is in the school's timezone. */
export function formatDate(instant: Date, timezone: string, locale: Locale): string {
  return formatter(locale, timezone, 'date', { day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
}

/** "среда, 1 октября" for headings of a school day. */
export function formatDay(instant: Date, timezone: string, locale: Locale): string {
  return formatter(locale, timezone, 'day', { weekday: 'long', day: 'numeric', month: 'long' }).format(instant);
}

export function formatTime(instant: Date, timezone: string, locale: Locale): string {
  return formatter(locale, timezone, 'time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}
