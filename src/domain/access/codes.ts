import { CODE_ALPHABET } from '../shared/secrets.js';

export const CODE_LENGTH = 10;
export const MAX_WRONG_CODES = 5;
export const WRONG_CODE_WINDOW_MS = 60 * 60 * 1000;

/** What people type from paper: spaces, dashes and lower case are forgiven. */
export function normaliseCode(typed: string): string {
  return typed.trim().toUpperCase().replace(/[\s-]+/g, '');
}

/** Only strings that could be a code of ours are looked up; the rest count as wrong at once. */
export function looksLikeCode(code: string): boolean {
  return code.length >= 8 && code.length <= 32 && [...code].every((ch) => CODE_ALPHABET.includes(ch));
}

/** Seconds until the chat may try again: when enough attempts fall out of the window. */
export function retryAfterSeconds(attempts: Date[], now: Date): number {
  const blocking = attempts[attempts.length - MAX_WRONG_CODES];
  if (!blocking) return 0;
  return Math.max(1, Math.ceil((blocking.getTime() + WRONG_CODE_WINDOW_MS - now.getTime()) / 1000));
}

export function fullName(u: { lastName: string; firstName: string; middleName: string | null }): string {
  return [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' ');
}
