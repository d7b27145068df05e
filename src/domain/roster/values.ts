import { isCalendarDate } from '../shared/dates.js';
import { cleanTypedText } from '../shared/text.js';

/** Field-level parsing shared by the JSON and CSV importers. Each returns a value or a problem text. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

/**
 * Cleans as every text input is cleaned, and collapses inner whitespace (Excel cells often
 * carry double or non-breaking spaces).
 */
export function cleanText(value: unknown): string | undefined | null {
  if (value === null) return null;
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return undefined;
  const text = cleanTypedText(value)
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

export function requiredText(value: unknown, max: number): Parsed<string> {
  if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') return bad('must be text');
  const text = cleanText(value);
  if (!text) return bad('is required');
  if (text.length > max) return bad(`must be at most ${max} characters`);
  return ok(text);
}

export function optionalText(value: unknown, max: number): Parsed<string | null | undefined> {
  if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') return bad('must be text');
  const text = cleanText(value);
  if (text && text.length > max) return bad(`must be at most ${max} characters`);
  return ok(text);
}

const EMAIL_RE = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export function optionalEmail(value: unknown): Parsed<string | null | undefined> {
  const text = optionalText(value, 254);
  if (!text.ok || !text.value) return text;
  const email = text.value.toLowerCase();
  return EMAIL_RE.test(email) ? ok(email) : bad(`"${text.value}" is not an e-mail address`);
}

/**
 * Phones as schools type them: "8 (913) 123-45-67", "+7 913 1234567", "9131234567".
 * Russian numbers become +7XXXXXXXXXX; others keep their digits with a plus.
 */
export function optionalPhone(value: unknown): Parsed<string | null | undefined> {
  const text = optionalText(value, 40);
  if (!text.ok || !text.value) return text;
  if (!/^[+\d\s()\-.]+$/.test(text.value)) return bad(`"${text.value}" is not a phone number`);
  let digits = text.value.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith('9')) digits = `7${digits}`;
  if (digits.length < 10 || digits.length > 15) return bad(`"${text.value}" is not a phone number (10 to 15 digits)`);
  return ok(`+${digits}`);
}

/** yyyy-mm-dd, or dd.mm.yyyy as Russian Excel writes it. */
export function optionalDate(value: unknown): Parsed<string | null | undefined> {
  const text = optionalText(value, 20);
  if (!text.ok || !text.value) return text;
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.value);
  const iso = ru ? `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}` : text.value;
  if (!isCalendarDate(iso)) return bad(`"${text.value}" is not a date (dd.mm.yyyy or yyyy-mm-dd)`);
  const year = Number(iso.slice(0, 4));
  if (year < 1900 || year > 2100) return bad(`"${text.value}" is not a plausible date`);
  return ok(iso);
}

export function optionalInteger(value: unknown, min: number, max: number): Parsed<number | null | undefined> {
  if (value === undefined || value === null) return ok(value);
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return bad(`must be a whole number from ${min} to ${max}`);
  return ok(n);
}

/** The number a class name starts with: "10Б" -> 10, "Кружок" -> null. */
export function gradeLevelOf(groupName: string): number | null {
  const m = /^(\d{1,2})(?!\d)/.exec(groupName.trim());
  const n = m ? Number(m[1]) : NaN;
  return n >= 0 && n <= 12 ? n : null;
}

/**
 * A list of external ids (a student's clubs or subgroups). Absent stays absent (keep what is
 * stored); an empty list is a real answer (none). A repeated id is a mistake in the source.
 */
export function optionalIdList(value: unknown, max: number): Parsed<string[] | undefined> {
  if (value === undefined || value === null) return ok(undefined);
  if (!Array.isArray(value)) return bad('must be a list of ids');
  const ids: string[] = [];
  for (const item of value) {
    const id = requiredText(item, max);
    if (!id.ok) return bad(`every id ${id.problem}`);
    if (ids.includes(id.value)) return bad(`"${id.value}" is listed twice`);
    ids.push(id.value);
  }
  return ok(ids);
}
