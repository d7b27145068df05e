import { ru } from 'date-fns/locale/ru';
import { formatLocalDate, numericDate, type LocalDate } from '../../shared/dates.js';

/** 'YYYY-MM' -> 'сентябрь 2026' (the standalone month name); null (the period row) -> 'за период'. */
export function monthLabel(month: string | null): string {
  if (month === null) return 'за период';
  return formatLocalDate(`${month}-01`, 'LLLL yyyy', ru);
}

export function periodText(from: LocalDate, to: LocalDate): string {
  return `с ${numericDate(from)} по ${numericDate(to)}`;
}

/** A decimal comma, so a Russian spreadsheet reads the cell as a number; empty for null. */
export function num(value: number | null, digits = 1): string {
  if (value === null) return '';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits).replace('.', ',');
}
