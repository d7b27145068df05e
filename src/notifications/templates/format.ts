import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { enUS, ru } from 'date-fns/locale';

export type Locale = 'ru' | 'en';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** "23 ноября" / "23 November" for a local date. */
export function formatDay(date: string, locale: Locale): string {
  return format(parseISO(date), 'd MMMM', { locale: locale === 'ru' ? ru : enUS });
}

export function formatTime(instant: Date, tz: string): string {
  return format(new TZDate(instant, tz), 'HH:mm');
}

/** Strips the HTML tags the templates use, for the plain-text part of an e-mail. */
export function toText(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
