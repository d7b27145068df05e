import type { LocalDate } from '../../shared/dates.js';

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** 'YYYY-MM' -> 'сентябрь 2026'; null (the period row) -> 'за период'. */
export function monthLabel(month: string | null): string {
  if (month === null) return 'за период';
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

/** 'YYYY-MM-DD' -> 'DD.MM.YYYY', as Russian documents write dates. */
export function ruDate(date: LocalDate): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

export function periodText(from: LocalDate, to: LocalDate): string {
  return `с ${ruDate(from)} по ${ruDate(to)}`;
}

/** A decimal comma, so a Russian spreadsheet reads the cell as a number; empty for null. */
export function num(value: number | null, digits = 1): string {
  if (value === null) return '';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits).replace('.', ',');
}
