import type { Locale } from '../domain/access/types.js';
import { en } from './en.js';
import { escapeHtml } from './format.js';
import { ru, type MessageKey, type Messages } from './ru.js';

export { escapeHtml, htmlToText, pluralEn, pluralRu } from './format.js';
export { formatDate, formatDay, formatDayMonth, formatMonth, formatTime } from './dates.js';
export type { Locale } from '../domain/access/types.js';
export type { MessageKey, Messages };

const catalogues: Record<Locale, Messages> = { ru, en };

type ParamsOf<K extends MessageKey> = Messages[K] extends (p: infer P) => string ? [params: P] : [];
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

/** Strings and lists of strings (joined by the catalogue) are what may carry user text. */
const escapeParam = (v: unknown): unknown => (typeof v === 'string' ? escapeHtml(v) : Array.isArray(v) ? v.map(escapeParam) : v);

/** String parameters are escaped here, once, so no feature can forget it. */
export function translator(locale: Locale): Translate {
  const messages = catalogues[locale] ?? ru;
  return ((key: MessageKey, params?: Record<string, unknown>) => {
    const message = messages[key] as string | ((p: Record<string, unknown>) => string);
    if (typeof message === 'string') return message;
    const safe = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, escapeParam(v)]));
    return message(safe);
  }) as Translate;
}

/** The label of `key` in every language: what a button press may arrive as. */
export function allLabels(key: MessageKey): string[] {
  return [
    ...new Set(
      Object.values(catalogues)
        .map((m) => m[key])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ];
}
